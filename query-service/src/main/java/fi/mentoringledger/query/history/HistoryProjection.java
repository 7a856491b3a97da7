package fi.mentoringledger.query.history;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import fi.mentoringledger.query.history.HistoryNarrator.Narration;
import fi.mentoringledger.query.infra.GenerationalProjection;
import fi.mentoringledger.query.infra.ProjectionGenerations;

/**
 * The audit trail: one row per event of a relationship, keyed by the event's sequence number, so
 * an event stored twice would break the primary key and stop the processor rather than show up
 * twice. Private text never reaches this table (see {@link HistoryNarrator}).
 */
@Component
@ProcessingGroup(HistoryProjection.PROCESSOR)
class HistoryProjection implements GenerationalProjection {

    static final String PROCESSOR = "relationship-history";
    static final String ACTOR = "actor";
    static final String CORRELATION_ID = "correlationId";
    private static final String GENERATION = ProjectionGenerations.writing(PROCESSOR);

    private final JdbcClient jdbc;
    private final ProjectionGenerations generations;
    private final HistoryNarrator narrator;

    HistoryProjection(JdbcClient jdbc, ProjectionGenerations generations, ObjectMapper json) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.narrator = new HistoryNarrator(json);
    }

    @Override
    public String processorName() {
        return PROCESSOR;
    }

    @Override
    public List<String> tables() {
        return List.of("relationship_history");
    }

    @ResetHandler
    void rebuildBesideTheCurrentGeneration() {
        generations.beginRebuild(this);
    }

    /** Every event of a relationship becomes an entry, also event types added after this class. */
    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        String relationshipId = message.getAggregateIdentifier();
        Narration narration = narrator.narrate(event, goalId -> goalDescription(relationshipId, goalId));
        Object actor = message.getMetaData().get(ACTOR);
        Object correlationId = message.getMetaData().get(CORRELATION_ID);
        jdbc.sql("""
                        INSERT INTO relationship_history (generation, relationship_id, sequence, type, occurred_on,
                                                          recorded_at, actor, correlation_id, summary, data)
                        VALUES (%s, :id, :sequence, :type, :occurredOn, :recordedAt, :actor, :correlationId, :summary,
                                CAST(:data AS jsonb))""".formatted(GENERATION))
                .param("id", relationshipId)
                .param("sequence", message.getSequenceNumber())
                .param("type", event.getClass().getSimpleName())
                .param("occurredOn", narration.occurredOn())
                .param("recordedAt", Timestamp.from(message.getTimestamp()))
                .param("actor", actor == null ? null : actor.toString())
                .param("correlationId", correlationId == null ? null : correlationId.toString())
                .param("summary", narration.summary())
                .param("data", narration.data().toString())
                .update();
    }

    /** The goal's description in the latest agreement of the relationship that lists it. */
    private Optional<String> goalDescription(String relationshipId, String goalId) {
        return jdbc.sql("""
                        SELECT goal ->> 'description'
                          FROM relationship_history, jsonb_array_elements(data -> 'agreement' -> 'goals') AS goal
                         WHERE generation = %s AND relationship_id = :id
                           AND type IN ('AgreementSigned', 'AgreementAmended') AND goal ->> 'goalId' = :goal
                         ORDER BY sequence DESC
                         LIMIT 1""".formatted(GENERATION))
                .param("id", relationshipId)
                .param("goal", goalId)
                .query(String.class)
                .optional();
    }
}
