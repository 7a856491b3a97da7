package fi.mentoringledger.query.history;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.MetadataKeys;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.eventstore.personaldata.ReadModelSealing;
import fi.mentoringledger.eventstore.personaldata.ThePairsText;
import fi.mentoringledger.query.history.HistoryNarrator.Narration;
import fi.mentoringledger.query.processing.GenerationalProjection;
import fi.mentoringledger.query.processing.ProjectionGenerations;

/**
 * The audit trail: one row per event of a relationship, keyed by the event's sequence number, so
 * an event stored twice would break the primary key and stop the processor rather than show up
 * twice. The pair's private text is kept in {@code private_data}, never in {@code data} or the
 * summary (see {@link HistoryNarrator}); {@link AuditHistory} hands it only to the pair.
 * <p>
 * {@link PersonalDataErased} scrubs what the relationship's rows hold of the erased person: the
 * state it leaves is the state a replay builds from the same events once the person's key is gone
 * (their name and the pair's text then arrive null), so live and replayed histories agree.
 */
@Component
@ProcessingGroup(HistoryProjection.PROCESSOR)
class HistoryProjection implements GenerationalProjection {

    static final String PROCESSOR = "relationship-history";
    private static final String GENERATION = ProjectionGenerations.writing(PROCESSOR);
    /** Where a participant's sealed user name sits, which its envelope is bound to. */
    static final String ACTOR = "relationship_history.actor";
    /** A row's type is its event's simple class name. */
    static final Map<String, Class<?>> EVENT_TYPES = Arrays.stream(RelationshipEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, type -> type));

    private final JdbcClient jdbc;
    private final ProjectionGenerations generations;
    private final HistoryNarrator narrator;
    private final ObjectMapper json;
    private final ReadModelSealing sealing;

    HistoryProjection(JdbcClient jdbc, ProjectionGenerations generations, ObjectMapper json,
            ReadModelSealing sealing) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.narrator = new HistoryNarrator(json);
        this.json = json;
        this.sealing = sealing;
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

    /**
     * Every event of a relationship becomes an entry, also event types added after this class (one
     * handler, as Axon calls only the most specific handler of a class: an erasure is an entry too).
     */
    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        String relationshipId = message.getAggregateIdentifier();
        Narration narration = narrator.narrate(event, concernId -> addressedToOrganiser(relationshipId, concernId));
        Object actor = message.getMetaData().get(MetadataKeys.ACTOR);
        Object actorPersonId = message.getMetaData().get(MetadataKeys.ACTOR_PERSON_ID);
        Object correlationId = message.getMetaData().get(MetadataKeys.CORRELATION_ID);
        sealing.sealFieldsOf(narration.data(), event.getClass(), relationshipId);
        if (narration.privateData() != null) {
            sealing.sealFieldsOf(narration.privateData(), event.getClass(), relationshipId);
        }
        jdbc.sql("""
                        INSERT INTO relationship_history (generation, relationship_id, sequence, type, occurred_on,
                                                          recorded_at, actor, actor_person_id, correlation_id, summary,
                                                          data, private_data)
                        VALUES (%s, :id, :sequence, :type, :occurredOn, :recordedAt, CAST(:actor AS jsonb), :actorPersonId,
                                :correlationId, :summary, CAST(:data AS jsonb), CAST(:privateData AS jsonb))"""
                        .formatted(GENERATION))
                .param("id", relationshipId)
                .param("sequence", message.getSequenceNumber())
                .param("type", event.getClass().getSimpleName())
                .param("occurredOn", narration.occurredOn())
                .param("recordedAt", Timestamp.from(message.getTimestamp()))
                .param("actor", actor(actor, actorPersonId, relationshipId))
                .param("actorPersonId", actorPersonId == null ? null : actorPersonId.toString())
                .param("correlationId", correlationId == null ? null : correlationId.toString())
                .param("summary", narration.summary())
                .param("data", narration.data().toString())
                .param("privateData", narration.privateData() == null ? null : narration.privateData().toString())
                .update();
        if (event instanceof PersonalDataErased erased) {
            erase(relationshipId, erased);
        }
    }

    /**
     * A participant's user name is theirs, sealed with their key; staff (organisers, admins) act
     * under their user names in the events as well, and theirs are kept as they are.
     */
    private String actor(Object actor, Object actorPersonId, String relationshipId) {
        if (actor == null) {
            return null;
        }
        if (actorPersonId == null) {
            return json.getNodeFactory().textNode(actor.toString()).toString();
        }
        return sealing.sealPersons(actorPersonId.toString(), actor.toString(), relationshipId, ACTOR);
    }

    /**
     * The pair's text is gone when either of them is erased, so every row loses its private data
     * and the {@code confidential} list (nothing is withheld any more: the text no longer exists),
     * and its personal text (goals, tasks, reasons, notes; DOMAIN.md, "Confidentiality");
     * the start entry loses the erased name; rows the erased person recorded
     * lose their actor (the user name is theirs), while {@code actor_person_id} stays to tell that
     * an erased participant recorded them.
     */
    private void erase(String relationshipId, PersonalDataErased erased) {
        jdbc.sql("""
                        UPDATE relationship_history SET private_data = NULL, data = data - 'confidential'
                         WHERE generation = %s AND relationship_id = :id
                           AND (private_data IS NOT NULL OR data -> 'confidential' IS NOT NULL)""".formatted(GENERATION))
                .param("id", relationshipId)
                .update();
        eraseThePairsPersonalText(relationshipId);
        if (erased.personId() != null) {
            jdbc.sql("""
                            UPDATE relationship_history SET actor = NULL
                             WHERE generation = %s AND relationship_id = :id AND actor_person_id = :person"""
                            .formatted(GENERATION))
                    .param("id", relationshipId)
                    .param("person", erased.personId())
                    .update();
        }
        jdbc.sql("""
                        SELECT sequence, data FROM relationship_history
                         WHERE generation = %s AND relationship_id = :id AND type = 'RelationshipStarted'"""
                        .formatted(GENERATION))
                .param("id", relationshipId)
                .query((rs, i) -> new StartRow(rs.getLong("sequence"), parse(rs.getString("data"))))
                .list()
                .forEach(start -> forgetTheName(relationshipId, start, erased));
    }

    private record StartRow(long sequence, JsonNode data) {
    }

    private record Row(long sequence, String type, ObjectNode data) {
    }

    /** Goals, tasks, reasons and notes of every row, as a replay reads them without the keys. */
    private void eraseThePairsPersonalText(String relationshipId) {
        List<Row> rows = jdbc.sql("""
                        SELECT sequence, type, data FROM relationship_history
                         WHERE generation = %s AND relationship_id = :id""".formatted(GENERATION))
                .param("id", relationshipId)
                .query((rs, i) -> new Row(rs.getLong("sequence"), rs.getString("type"),
                        (ObjectNode) parse(rs.getString("data"))))
                .list();
        for (Row row : rows) {
            Class<?> type = EVENT_TYPES.get(row.type());
            if (type == null) {
                continue;
            }
            ObjectNode erased = row.data().deepCopy();
            ThePairsText.eraseFrom(erased, type);
            if (!erased.equals(row.data())) {
                jdbc.sql("""
                                UPDATE relationship_history SET data = CAST(:data AS jsonb)
                                 WHERE generation = %s AND relationship_id = :id AND sequence = :sequence"""
                                .formatted(GENERATION))
                        .param("id", relationshipId)
                        .param("sequence", row.sequence())
                        .param("data", erased.toString())
                        .update();
            }
        }
    }

    /** The start entry as a replay reads it once the erased participant's key is gone: without their name. */
    private void forgetTheName(String relationshipId, StartRow start, PersonalDataErased erased) {
        ObjectNode data = (ObjectNode) start.data().deepCopy();
        for (Party party : Party.values()) {
            JsonNode person = data.get(party == Party.MENTOR ? "mentor" : "mentee");
            if (person instanceof ObjectNode named && (erased.party() == party
                    || (erased.personId() != null && erased.personId().equals(named.path("id").asText(null))))) {
                named.putNull("name");
            }
        }
        jdbc.sql("""
                        UPDATE relationship_history SET data = CAST(:data AS jsonb)
                         WHERE generation = %s AND relationship_id = :id AND sequence = :sequence"""
                        .formatted(GENERATION))
                .param("id", relationshipId)
                .param("sequence", start.sequence())
                .param("data", data.toString())
                .update();
    }

    private JsonNode parse(String data) {
        try {
            return json.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history data is not JSON", e);
        }
    }

    /** Whether the concern of that id was raised for the organiser (its raise is an earlier row). */
    private boolean addressedToOrganiser(String relationshipId, String concernId) {
        return jdbc.sql("""
                        SELECT coalesce(bool_or((data ->> 'organiserContacted')::boolean), FALSE)
                          FROM relationship_history
                         WHERE generation = %s AND relationship_id = :id
                           AND type = 'ConcernRaised' AND data ->> 'concernId' = :concern""".formatted(GENERATION))
                .param("id", relationshipId)
                .param("concern", concernId)
                .query(Boolean.class)
                .single();
    }
}
