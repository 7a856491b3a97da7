package fi.mentoringledger.query.support;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.Stage;

/**
 * The retention figures worked out by the test from its own journeys, as the README defines them,
 * each the plain way: who is at risk on a day is counted afresh for that day, a month of the
 * relationship is found by calendar arithmetic, a stage's time by walking the journey's steps.
 * For journeys without corrections (the generated populations).
 */
public final class ExpectedRetention {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<Stage> OPEN = List.of(Stage.STARTED, Stage.AGREED, Stage.IN_PROGRESS, Stage.PAUSED);
    private static final List<Integer> CHECKPOINTS = List.of(30, 90, 180, 365);

    private ExpectedRetention() {
    }

    /** The report's {@code groups}: one with a null key when {@code groupBy} is null. */
    public static ArrayNode groups(List<Journey> selection, String groupBy, LocalDate today) {
        Function<Journey, String> key = groupBy == null ? j -> null : switch (groupBy) {
            case "programme" -> j -> j.programmeId;
            case "startMonth" -> j -> "%d-%02d".formatted(j.startedOn.getYear(), j.startedOn.getMonthValue());
            case "startQuarter" -> j -> j.startedOn.getYear() + "-Q" + ((j.startedOn.getMonthValue() - 1) / 3 + 1);
            default -> throw new IllegalArgumentException(groupBy);
        };
        Map<String, List<Journey>> groups = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        if (groupBy == null) {
            groups.put(null, new ArrayList<>());
        }
        selection.forEach(j -> groups.computeIfAbsent(key.apply(j), k -> new ArrayList<>()).add(j));
        ArrayNode array = JSON.arrayNode();
        groups.forEach((k, members) -> array.add(group(k, members, today)));
        return array;
    }

    public static ObjectNode group(String key, List<Journey> members, LocalDate today) {
        ObjectNode group = JSON.objectNode();
        group.put("key", key);
        group.put("relationships", members.size());
        group.set("survival", survival(members, today));
        group.set("timeToAgreement", milestone(members.stream().filter(j -> j.reachedAgreed)
                .map(j -> days(j.startedOn, j.agreedOn)).toList(), members.size()));
        group.set("timeToFirstMeeting", milestone(members.stream().map(ExpectedRetention::firstMeeting)
                .filter(Objects::nonNull).toList(), members.size()));
        ObjectNode inStage = group.putObject("timeInStage");
        for (Stage stage : OPEN) {
            List<Long> totals = members.stream().map(j -> stageDays(j).get(stage)).filter(Objects::nonNull).toList();
            ObjectNode quartiles = inStage.putObject(stage.name());
            quartiles.put("count", totals.size());
            quartiles.put("p25", quantile(totals, 0.25));
            quartiles.put("median", quantile(totals, 0.5));
            quartiles.put("p75", quantile(totals, 0.75));
        }
        ArrayNode months = group.putArray("terminationsByMonth");
        List<Integer> terminated = members.stream().filter(j -> j.stage == Stage.TERMINATED)
                .map(j -> monthOf(j.startedOn, j.endedOn)).toList();
        int last = terminated.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int month = 1; month <= last; month++) {
            int m = month;
            months.addObject().put("month", month).put("terminations", terminated.stream().filter(t -> t == m).count());
        }
        return group;
    }

    /** Kaplan–Meier, counting those at risk on each day from scratch: observed that long, or completed. */
    private static ObjectNode survival(List<Journey> members, LocalDate today) {
        TreeSet<Long> days = new TreeSet<>();
        members.stream().filter(j -> j.stage != Stage.CLOSED).forEach(j -> days.add(observed(j, today)));
        ObjectNode survival = JSON.objectNode();
        ArrayNode steps = survival.putArray("steps");
        double surviving = 1.0;
        TreeMap<Long, Double> after = new TreeMap<>();
        for (long day : days) {
            long atRisk = atRisk(members, day, today);
            long terminated = members.stream().filter(j -> j.stage == Stage.TERMINATED && observed(j, today) == day).count();
            long censored = members.stream().filter(j -> j.stage.isOpen() && observed(j, today) == day).count();
            surviving = surviving * (atRisk - terminated) / atRisk;
            after.put(day, surviving);
            steps.addObject().put("day", day).put("atRisk", atRisk).put("terminated", terminated)
                    .put("censored", censored).put("surviving", surviving);
        }
        ArrayNode at = survival.putArray("at");
        for (int checkpoint : CHECKPOINTS) {
            long atRisk = atRisk(members, checkpoint, today);
            Map.Entry<Long, Double> last = after.floorEntry((long) checkpoint);
            at.addObject().put("day", checkpoint).put("atRisk", atRisk)
                    .put("surviving", atRisk == 0 ? null : last == null ? 1.0 : last.getValue());
        }
        return survival;
    }

    private static long atRisk(List<Journey> members, long day, LocalDate today) {
        return members.stream().filter(j -> j.stage == Stage.CLOSED || observed(j, today) >= day).count();
    }

    /** Days to the termination, or for one still open days to today. */
    private static long observed(Journey j, LocalDate today) {
        return j.stage == Stage.TERMINATED ? days(j.startedOn, j.endedOn) : Math.max(0, days(j.startedOn, today));
    }

    private static ObjectNode milestone(List<Long> days, int relationships) {
        ObjectNode milestone = JSON.objectNode();
        milestone.put("count", days.size());
        milestone.put("notReached", relationships - days.size());
        milestone.put("p25", quantile(days, 0.25));
        milestone.put("median", quantile(days, 0.5));
        milestone.put("p75", quantile(days, 0.75));
        return milestone;
    }

    /** Excel's PERCENTILE.INC: at 1-based position 1 + p(n − 1), between the values either side. */
    public static Double quantile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        double position = 1 + p * (sorted.size() - 1);
        int k = (int) position;
        double fraction = position - k;
        long lower = sorted.get(k - 1);
        long upper = k < sorted.size() ? sorted.get(k) : lower;
        return lower + fraction * (upper - lower);
    }

    private static Long firstMeeting(Journey j) {
        LocalDate first = null;
        for (int i = 0; i < j.events.size(); i++) {
            if (j.events.get(i) instanceof MeetingRecorded meeting && j.standingMeetings().contains(meeting.meetingId())) {
                LocalDate held = j.dateOf(i);
                first = first == null || held.isBefore(first) ? held : first;
            }
        }
        return first == null ? null : days(j.startedOn, first);
    }

    /** The journey's steps walked in order: each stage's days, added up when it is left. */
    private static Map<Stage, Long> stageDays(Journey j) {
        Map<Stage, Long> totals = new EnumMap<>(Stage.class);
        Stage stage = Stage.STARTED;
        Stage pausedFrom = null;
        LocalDate since = j.startedOn;
        for (Object event : j.events) {
            Stage next = stage;
            LocalDate on = null;
            if (event instanceof AgreementSigned agreed) {
                next = Stage.AGREED;
                on = agreed.agreedOn();
            } else if (event instanceof MeetingRecorded meeting && stage == Stage.AGREED) {
                next = Stage.IN_PROGRESS;
                on = meeting.heldOn();
            } else if (event instanceof RelationshipPaused paused) {
                pausedFrom = stage;
                next = Stage.PAUSED;
                on = paused.pausedOn();
            } else if (event instanceof RelationshipResumed resumed) {
                next = pausedFrom;
                on = resumed.resumedOn();
            } else if (event instanceof RelationshipClosed closed) {
                next = Stage.CLOSED;
                on = closed.closedOn();
            } else if (event instanceof RelationshipTerminated terminated) {
                next = Stage.TERMINATED;
                on = terminated.terminatedOn();
            }
            if (next != stage) {
                totals.merge(stage, days(since, on), Long::sum);
                stage = next;
                since = on;
            }
        }
        return totals;
    }

    /** Whole calendar months from the start, one fewer when the day of the month is not reached yet. */
    private static int monthOf(LocalDate start, LocalDate day) {
        int months = (day.getYear() - start.getYear()) * 12 + day.getMonthValue() - start.getMonthValue();
        int dayReached = Math.min(start.getDayOfMonth(), day.lengthOfMonth());
        if (day.getDayOfMonth() < dayReached) {
            months--;
        }
        return months + 1;
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }

    /** Equal as JSON, numbers by value within a billionth (a product of shares may differ in its last bits). */
    public static boolean sameFigures(JsonNode expected, JsonNode actual) {
        return expected.equals((a, b) -> {
            if (a.isNumber() && b.isNumber()) {
                return Math.abs(a.doubleValue() - b.doubleValue()) < 1e-9 ? 0 : 1;
            }
            return Objects.equals(a, b) ? 0 : 1;
        }, actual);
    }
}
