package fi.mentoringledger.query.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.query.processing.ProjectionGenerations;

/**
 * The recorded histories of the relationships a report covers, read from the event store one
 * relationship at a time: what reports of the past and of time (retention, warning signs) are
 * computed from. The relationships are those the report facts know in the filter's programmes (a
 * relationship never changes programme); a report of this kind therefore costs a read of every event
 * of the programmes it covers.
 */
@Component
public class RecordedHistories {

    private static final String GENERATION = ProjectionGenerations.reading(OutcomeProjection.PROCESSOR);

    private final JdbcClient jdbc;
    private final EventStore eventStore;

    RecordedHistories(JdbcClient jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    /**
     * Calls back with each covered relationship's events in the order they were recorded. They are
     * read from the first event on: Axon's plain {@code readEvents(id)} would first look for a
     * snapshot, a query per relationship for none (event-store migration V7 takes the right away).
     */
    public void forEach(ReportFilter filter, Consumer<List<Recorded>> history) {
        for (String relationshipId : relationshipsOf(filter)) {
            history.accept(eventStore.readEvents(relationshipId, 0).asStream().map(RecordedHistories::recorded).toList());
        }
    }

    /**
     * The events of a history that were recorded by the end of the day (in the programmes' time
     * zone): what the ledger knew then. A null day: all of them.
     */
    public static List<Recorded> knownOn(List<Recorded> history, LocalDate day, ZoneId zone) {
        if (day == null) {
            return history;
        }
        Instant knownBy = day.plusDays(1).atStartOfDay(zone).toInstant();
        return history.stream().filter(recorded -> recorded.recordedAt().isBefore(knownBy)).toList();
    }

    private static Recorded recorded(DomainEventMessage<?> message) {
        return new Recorded((RelationshipEvent) message.getPayload(), message.getSequenceNumber(),
                message.getTimestamp());
    }

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
}
