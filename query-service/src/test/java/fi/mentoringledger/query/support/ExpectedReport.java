package fi.mentoringledger.query.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * The report figures worked out by the test from its own journeys, straight from DOMAIN.md
 * "Reports, defined": counting in Java, not in SQL. Compared with what the service answers.
 */
public final class ExpectedReport {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<Stage> OPEN = List.of(Stage.STARTED, Stage.AGREED, Stage.IN_PROGRESS, Stage.PAUSED);

    private ExpectedReport() {
    }

    public static List<Journey> select(List<Journey> journeys, String programmeId, LocalDate from, LocalDate to) {
        return journeys.stream()
                .filter(j -> programmeId == null || programmeId.equals(j.programmeId))
                .filter(j -> from == null || !j.startedOn.isBefore(from))
                .filter(j -> to == null || !j.startedOn.isAfter(to))
                .toList();
    }

    public static ObjectNode figures(List<Journey> selection) {
        ObjectNode report = JSON.objectNode();
        report.put("relationships", selection.size());
        ObjectNode byStage = report.putObject("byStage");
        for (Stage stage : Stage.values()) {
            byStage.put(stage.name(), count(selection, j -> j.stage == stage));
        }
        long completed = count(selection, j -> j.stage == Stage.CLOSED);
        long droppedOut = count(selection, j -> j.stage == Stage.TERMINATED);
        long ended = completed + droppedOut;
        report.put("ended", ended);
        report.put("completed", completed);
        report.put("droppedOut", droppedOut);
        report.put("completionRate", ended == 0 ? null : (double) completed / ended);
        report.put("dropOutRate", ended == 0 ? null : (double) droppedOut / ended);
        ObjectNode byReason = report.putObject("terminationsByReason");
        for (TerminationReason reason : TerminationReason.values()) {
            byReason.put(reason.name(), count(selection, j -> j.terminationReason == reason));
        }
        ObjectNode byTerminatedStage = report.putObject("terminationsByStage");
        for (Stage stage : OPEN) {
            byTerminatedStage.put(stage.name(), count(selection, j -> j.terminatedIn == stage));
        }
        ObjectNode funnel = report.putObject("funnel");
        funnel.put("AGREED", count(selection, j -> j.reachedAgreed));
        funnel.put("IN_PROGRESS", count(selection, j -> j.reachedInProgress));
        funnel.put("CLOSED", count(selection, j -> j.stage == Stage.CLOSED));
        report.put("medianDaysToClose", median(selection.stream()
                .filter(j -> j.stage == Stage.CLOSED).map(Journey::daysToClose).toList()));
        long endedMeetings = selection.stream().filter(Journey::ended).mapToLong(j -> j.meetings).sum();
        report.put("averageMeetingsPerEnded", ended == 0 ? null : (double) endedMeetings / ended);
        List<Integer> ratings = selection.stream().flatMap(j -> j.ratings.stream()).toList();
        report.put("averageEvaluationRating", ratings.isEmpty() ? null
                : (double) ratings.stream().mapToLong(Integer::longValue).sum() / ratings.size());
        return report;
    }

    /** Mean of the two middle values for an even count, null for none. */
    public static Double median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2).doubleValue() : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    public static ObjectNode grouped(List<Journey> selection, String groupBy) {
        Function<Journey, String> key = switch (groupBy) {
            case "programme" -> j -> j.programmeId;
            case "startMonth" -> j -> "%d-%02d".formatted(j.startedOn.getYear(), j.startedOn.getMonthValue());
            case "startQuarter" -> j -> j.startedOn.getYear() + "-Q" + ((j.startedOn.getMonthValue() - 1) / 3 + 1);
            default -> throw new IllegalArgumentException(groupBy);
        };
        Map<String, List<Journey>> groups = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (Journey j : selection) {
            groups.computeIfAbsent(key.apply(j), k -> new ArrayList<>()).add(j);
        }
        ObjectNode report = JSON.objectNode();
        ArrayNode array = report.putArray("groups");
        groups.forEach((k, members) -> {
            ObjectNode group = array.addObject();
            group.put("key", k);
            group.setAll(figures(members));
        });
        return report;
    }

    /** Equal as JSON, numbers compared by value (5 equals 5.0; doubles exactly). */
    public static boolean sameFigures(JsonNode expected, JsonNode actual) {
        return expected.equals((a, b) -> {
            if (a.isNumber() && b.isNumber()) {
                return Double.compare(a.doubleValue(), b.doubleValue());
            }
            return Objects.equals(a, b) ? 0 : 1;
        }, actual);
    }

    private static long count(List<Journey> journeys, java.util.function.Predicate<Journey> predicate) {
        return journeys.stream().filter(predicate).count();
    }
}
