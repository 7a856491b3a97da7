package fi.mentoringledger.query.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.mentoringledger.api.relationship.BusinessDate;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MeetingWithdrawn;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipReopened;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.query.processing.ProjectionGenerations;

/**
 * The outcome report as it stood at a past moment, computed from the events themselves, which keep
 * each fact with two times: when it happened (its business date) and when it was recorded.
 * <ul>
 * <li><b>known on</b> a day: only the events recorded by the end of that day (in the programmes'
 * time zone), so the figures are those the ledger could have reported then, before later entries
 * and corrections came in;</li>
 * <li><b>as of</b> a day: of those events, each relationship's history corrected as it is known
 * (a withdrawn meeting or evaluation and an end taken back by a reopening removed, corrected dates
 * in place of the mistaken ones), then only what happened on or before that day by business date.
 * A relationship counts at the stage it had then; one not started by then does not count.</li>
 * </ul>
 * Each relationship's facts are then the same fold of its events that the outcome projection makes
 * ({@link OutcomeFact#next}), and the figures the same sums ({@link OutcomeCounters}) and
 * definitions ({@link OutcomeReports#figures}). The relationships are those the report facts know in
 * the filter's programmes; their events are read from the event store one relationship at a time,
 * so such a report costs a read of every event of the programmes it covers.
 */
@Component
public class OutcomesAsOf {

    private static final String GENERATION = ProjectionGenerations.reading(OutcomeProjection.PROCESSOR);
    /** Where each counter column's sum sits in a group's array of sums. */
    private static final Map<String, Integer> COLUMN_INDEX = IntStream.range(0, OutcomeCounters.COLUMNS.size()).boxed()
            .collect(Collectors.toUnmodifiableMap(i -> OutcomeCounters.COLUMNS.get(i).name(), i -> i));

    private final JdbcClient jdbc;
    private final EventStore eventStore;
    private final ZoneId zone;

    OutcomesAsOf(JdbcClient jdbc, EventStore eventStore, Clock clock) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.zone = clock.getZone();
    }

    /** A past moment: by business dates ({@code asOf}), by what was recorded ({@code knownOn}), or both. */
    public record Moment(LocalDate asOf, LocalDate knownOn) {
    }

    /** An event as the store keeps it: its place in the relationship's history and when it was recorded. */
    record Recorded(RelationshipEvent event, long sequence, Instant recordedAt) {
    }

    public OutcomeReport report(ReportFilter filter, Moment moment) {
        return figures(facts(filter, moment), filter, null).get(0).figures();
    }

    public OutcomeReport.Grouped grouped(ReportFilter filter, GroupBy groupBy, Moment moment) {
        return new OutcomeReport.Grouped(figures(facts(filter, moment), filter, groupBy));
    }

    private List<OutcomeFact> facts(ReportFilter filter, Moment moment) {
        List<OutcomeFact> facts = new ArrayList<>();
        for (String relationshipId : relationshipsOf(filter)) {
            List<Recorded> history = new ArrayList<>();
            eventStore.readEvents(relationshipId).asStream().forEach(message -> history.add(recorded(message)));
            OutcomeFact fact = factAt(history, moment, zone);
            if (fact != null) {
                facts.add(fact);
            }
        }
        return facts;
    }

    private static Recorded recorded(DomainEventMessage<?> message) {
        return new Recorded((RelationshipEvent) message.getPayload(), message.getSequenceNumber(),
                message.getTimestamp());
    }

    /** The relationships of the filter's programmes (a relationship never changes programme). */
    private List<String> relationshipsOf(ReportFilter filter) {
        StringBuilder where = new StringBuilder("generation = " + GENERATION);
        Map<String, Object> params = new HashMap<>();
        if (filter.programmeId() != null) {
            where.append(" AND programme_id = :programme");
            params.put("programme", filter.programmeId());
        }
        if (filter.visibleProgrammes() != null) {
            if (filter.visibleProgrammes().isEmpty()) {
                return List.of();
            }
            where.append(" AND programme_id IN (:visible)");
            params.put("visible", List.copyOf(filter.visibleProgrammes()));
        }
        return jdbc.sql("SELECT relationship_id FROM outcome_fact WHERE " + where + " ORDER BY relationship_id")
                .params(params).query(String.class).list();
    }

    /**
     * A relationship's report facts at the moment, from its events in the order recorded; null when
     * it had not started then.
     */
    static OutcomeFact factAt(List<Recorded> history, Moment moment, ZoneId zone) {
        Instant knownBy = moment.knownOn() == null ? Instant.MAX
                : moment.knownOn().plusDays(1).atStartOfDay(zone).toInstant();
        List<Recorded> known = history.stream().filter(recorded -> recorded.recordedAt().isBefore(knownBy)).toList();
        Corrected corrected = Corrected.of(known);
        OutcomeFact fact = null;
        for (Recorded recorded : known) {
            if (corrected.removed.contains(recorded.sequence())) {
                continue;
            }
            LocalDate happened = corrected.dates.getOrDefault(recorded.sequence(), BusinessDate.of(recorded.event()));
            if (moment.asOf() != null && happened != null && happened.isAfter(moment.asOf())) {
                continue;
            }
            if (recorded.event() instanceof RelationshipStarted start) {
                fact = OutcomeFact.of(start);
            } else if (fact != null) {
                fact = fact.next(recorded.event(), recorded.sequence());
            }
        }
        return fact == null ? null : corrected.datesOf(fact);
    }

    /**
     * What a relationship's corrections say about its history (DOMAIN.md, "Corrections"): which
     * events no longer count (the corrections among them: what they say is applied here instead)
     * and the corrected date of an event, by its sequence number.
     */
    private record Corrected(Set<Long> removed, Map<Long, LocalDate> dates) {

        static Corrected of(List<Recorded> known) {
            Corrected corrected = new Corrected(new HashSet<>(), new HashMap<>());
            for (int i = 0; i < known.size(); i++) {
                Recorded recorded = known.get(i);
                RelationshipEvent event = recorded.event();
                List<Recorded> before = known.subList(0, i);
                if (event instanceof MeetingWithdrawn withdrawn) {
                    corrected.removeLast(before, e -> e instanceof MeetingRecorded meeting
                            && meeting.meetingId().equals(withdrawn.meetingId()));
                } else if (event instanceof EvaluationWithdrawn withdrawn) {
                    corrected.removeLast(before, e -> e instanceof EvaluationSubmitted evaluation
                            && evaluation.by() == withdrawn.by());
                } else if (event instanceof RelationshipReopened) {
                    corrected.removeLast(before, e -> e instanceof RelationshipClosed
                            || e instanceof RelationshipTerminated);
                } else if (event instanceof DateCorrected date) {
                    corrected.dates.put(date.correctedVersion(), date.correctedDate());
                } else {
                    continue;
                }
                corrected.removed.add(recorded.sequence());
            }
            return corrected;
        }

        private void removeLast(List<Recorded> before, Predicate<RelationshipEvent> which) {
            for (int i = before.size() - 1; i >= 0; i--) {
                if (!removed.contains(before.get(i).sequence()) && which.test(before.get(i).event())) {
                    removed.add(before.get(i).sequence());
                    return;
                }
            }
        }

        /** The fact with the corrected dates of its start and of the close that counts. */
        OutcomeFact datesOf(OutcomeFact fact) {
            OutcomeFact withStart = dates.containsKey(0L) ? fact.startedOn(dates.get(0L)) : fact;
            Long close = withStart.closedVersion();
            return close != null && dates.containsKey(close) ? withStart.closed(dates.get(close), close) : withStart;
        }
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
