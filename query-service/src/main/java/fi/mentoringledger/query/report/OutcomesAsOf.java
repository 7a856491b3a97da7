package fi.mentoringledger.query.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.springframework.stereotype.Component;

import fi.mentoringledger.api.relationship.RelationshipStarted;

/**
 * The outcome report as it stood at a past moment, computed from the events themselves, which keep
 * each fact with two times: when it happened (its business date) and when it was recorded.
 * <ul>
 * <li><b>known on</b> a day: only the events recorded by the end of that day (in the programmes'
 * time zone), so the figures are those the ledger could have reported then, before later entries
 * and corrections came in;</li>
 * <li><b>as of</b> a day: of those events, each relationship's history corrected as it is known
 * ({@link CorrectedHistory}), then only what happened on or before that day by business date.
 * A relationship counts at the stage it had then; one not started by then does not count.</li>
 * </ul>
 * Each relationship's facts are then the same fold of its events that the outcome projection makes
 * ({@link OutcomeFact#next}), and the figures the same sums ({@link OutcomeCounters}) and
 * definitions ({@link OutcomeReports#figures}). The histories come from {@link RecordedHistories},
 * corrected by {@link CorrectedHistory}.
 */
@Component
public class OutcomesAsOf {

    /** Where each counter column's sum sits in a group's array of sums. */
    private static final Map<String, Integer> COLUMN_INDEX = IntStream.range(0, OutcomeCounters.COLUMNS.size()).boxed()
            .collect(Collectors.toUnmodifiableMap(i -> OutcomeCounters.COLUMNS.get(i).name(), i -> i));

    private final RecordedHistories histories;
    private final ZoneId zone;

    OutcomesAsOf(RecordedHistories histories, Clock clock) {
        this.histories = histories;
        this.zone = clock.getZone();
    }

    /** A past moment: by business dates ({@code asOf}), by what was recorded ({@code knownOn}), or both. */
    public record Moment(LocalDate asOf, LocalDate knownOn) {
    }

    public OutcomeReport report(ReportFilter filter, Moment moment) {
        return figures(facts(filter, moment), filter, null).get(0).figures();
    }

    public OutcomeReport.Grouped grouped(ReportFilter filter, GroupBy groupBy, Moment moment) {
        return new OutcomeReport.Grouped(figures(facts(filter, moment), filter, groupBy));
    }

    private List<OutcomeFact> facts(ReportFilter filter, Moment moment) {
        List<OutcomeFact> facts = new ArrayList<>();
        histories.forEach(filter, history -> {
            OutcomeFact fact = factAt(history, moment, zone);
            if (fact != null) {
                facts.add(fact);
            }
        });
        return facts;
    }

    /**
     * A relationship's report facts at the moment, from its events in the order recorded; null when
     * it had not started then.
     */
    static OutcomeFact factAt(List<Recorded> history, Moment moment, ZoneId zone) {
        CorrectedHistory corrected = CorrectedHistory.of(RecordedHistories.knownOn(history, moment.knownOn(), zone));
        OutcomeFact fact = null;
        for (CorrectedHistory.Dated dated : corrected.counting()) {
            if (moment.asOf() != null && dated.happenedOn() != null && dated.happenedOn().isAfter(moment.asOf())) {
                continue;
            }
            if (dated.event() instanceof RelationshipStarted start) {
                fact = OutcomeFact.of(start);
            } else if (fact != null) {
                fact = fact.next(dated.event(), dated.sequence());
            }
        }
        return fact == null ? null : withCorrectedDates(fact, corrected);
    }

    /**
     * The fact with the corrected dates of its start and of the close that counts: the fold reads
     * the dates the events carry, which a correction does not change.
     */
    private static OutcomeFact withCorrectedDates(OutcomeFact fact, CorrectedHistory corrected) {
        LocalDate start = corrected.correctedDate(0);
        OutcomeFact withStart = start != null ? fact.startedOn(start) : fact;
        Long close = withStart.closedVersion();
        LocalDate closedOn = close == null ? null : corrected.correctedDate(close);
        return closedOn != null ? withStart.closed(closedOn, close) : withStart;
    }

    /**
     * The figures of the facts the filter selects: one group with a null key when {@code groupBy}
     * is null, even of nothing; else one per key found, in the keys' order, a null key last.
     */
    static List<OutcomeReport.Group> figures(Collection<OutcomeFact> facts, ReportFilter filter, GroupBy groupBy) {
        Map<String, long[]> sums = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        Map<String, TreeMap<Long, Long>> closeDays = new HashMap<>();
        if (groupBy == null) {
            sums.put(null, new long[OutcomeCounters.COLUMNS.size()]);
        }
        for (OutcomeFact fact : facts) {
            if (!selects(filter, fact)) {
                continue;
            }
            String key = groupBy == null ? null : groupBy.keyOf(fact.programmeId(), fact.startedOn());
            long[] group = sums.computeIfAbsent(key, k -> new long[OutcomeCounters.COLUMNS.size()]);
            for (int i = 0; i < group.length; i++) {
                group[i] += OutcomeCounters.COLUMNS.get(i).of().applyAsLong(fact);
            }
            Integer days = fact.daysToClose();
            if (days != null) {
                closeDays.computeIfAbsent(key, k -> new TreeMap<>()).merge(days.longValue(), 1L, Long::sum);
            }
        }
        List<OutcomeReport.Group> groups = new ArrayList<>();
        sums.forEach((key, group) -> {
            List<long[]> histogram = new ArrayList<>();
            closeDays.getOrDefault(key, new TreeMap<>()).forEach((days, count) -> histogram.add(new long[] {days, count}));
            groups.add(new OutcomeReport.Group(key, OutcomeReports.figures(column -> group[COLUMN_INDEX.get(column)],
                    OutcomeReports.median(histogram))));
        });
        return groups;
    }

    private static boolean selects(ReportFilter filter, OutcomeFact fact) {
        if (filter.programmeId() != null && !filter.programmeId().equals(fact.programmeId())) {
            return false;
        }
        if (filter.visibleProgrammes() != null
                && (fact.programmeId() == null || !filter.visibleProgrammes().contains(fact.programmeId()))) {
            // a relationship outside any programme is no organiser's
            return false;
        }
        if (fact.startedOn() == null) {
            return filter.startedFrom() == null && filter.startedTo() == null;
        }
        return (filter.startedFrom() == null || !fact.startedOn().isBefore(filter.startedFrom()))
                && (filter.startedTo() == null || !fact.startedOn().isAfter(filter.startedTo()));
    }
}
