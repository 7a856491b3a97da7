package fi.mentoringledger.query.history;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.MetadataKeys;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.eventstore.personaldata.ReadModelSealing;
import fi.mentoringledger.eventstore.personaldata.ThePairsText;
import fi.mentoringledger.query.history.HistoryNarrator.Narration;
import fi.mentoringledger.query.processing.BatchRows;
import fi.mentoringledger.query.processing.BatchedProjection;
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
class HistoryProjection implements BatchedProjection {

    static final String PROCESSOR = "relationship-history";
    private static final String GENERATION = ProjectionGenerations.writing(PROCESSOR);
    /** Where a participant's sealed user name sits, which its envelope is bound to. */
    static final String ACTOR = "relationship_history.actor";
    /** A row's type is its event's simple class name. */
    static final Map<String, Class<?>> EVENT_TYPES = Arrays.stream(RelationshipEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, type -> type));

    private final ProjectionGenerations generations;
    private final HistoryNarrator narrator;
    private final ObjectMapper json;
    private final ReadModelSealing sealing;
    private final HistoryTable entries;
    private final BatchRows rows = new BatchRows(PROCESSOR);

    HistoryProjection(NamedParameterJdbcOperations jdbc, ProjectionGenerations generations, ObjectMapper json,
            ReadModelSealing sealing) {
        this.generations = generations;
        this.narrator = new HistoryNarrator(json);
        this.json = json;
        this.sealing = sealing;
        this.entries = new HistoryTable(jdbc, json);
    }

    @Override
    public String processorName() {
        return PROCESSOR;
    }

    @Override
    public List<String> tables() {
        return List.of("relationship_history");
    }

    @Override
    public BatchRows rows() {
        return rows;
    }

    @ResetHandler
    void rebuildBesideTheCurrentGeneration() {
        generations.beginRebuild(this);
    }

    /**
     * Every event of a relationship becomes an entry, also event types added after this class (one
     * handler, as Axon calls only the most specific handler of a class: an erasure is an entry too).
     * Entries are written with the rest of the batch's ({@link BatchRows}).
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
        HistoryTable.Entry entry = new HistoryTable.Entry(relationshipId, message.getSequenceNumber(),
                event.getClass().getSimpleName(), narration.occurredOn(), message.getTimestamp(),
                actor(actor, actorPersonId, relationshipId), actorPersonId == null ? null : actorPersonId.toString(),
                correlationId == null ? null : correlationId.toString(), narration.summary(), narration.data(),
                narration.privateData());
        rows.put(entries, entry.key(), entry);
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
     * The pair's text is gone when either of them is erased, so every entry loses its private data
     * and the {@code confidential} list (nothing is withheld any more: the text no longer exists),
     * and its personal text (goals, tasks, reasons, notes; DOMAIN.md, "Confidentiality");
     * the start entry loses the erased name; entries the erased person recorded
     * lose their actor (the user name is theirs), while {@code actor_person_id} stays to tell that
     * an erased participant recorded them. The relationship's stored entries are read into the
     * batch for this, and those that change are written with it.
     */
    private void erase(String relationshipId, PersonalDataErased erased) {
        rows.hold(entries, entries.loadAll(relationshipId));
        for (HistoryTable.Entry entry : rows.held(entries, e -> e.relationshipId().equals(relationshipId))) {
            ObjectNode data = entry.data().deepCopy();
            data.remove("confidential");
            Class<?> type = EVENT_TYPES.get(entry.type());
            if (type != null) {
                ThePairsText.eraseFrom(data, type);
            }
            if (type == RelationshipStarted.class) {
                forgetTheName(data, erased);
            }
            boolean recordedByTheErased = erased.personId() != null
                    && erased.personId().equals(entry.actorPersonId());
            HistoryTable.Entry scrubbed = new HistoryTable.Entry(entry.relationshipId(), entry.sequence(),
                    entry.type(), entry.occurredOn(), entry.recordedAt(), recordedByTheErased ? null : entry.actor(),
                    entry.actorPersonId(), entry.correlationId(), entry.summary(), data, null);
            if (!scrubbed.equals(entry)) {
                rows.put(entries, scrubbed.key(), scrubbed);
            }
        }
    }

    /** The start entry as a replay reads it once the erased participant's key is gone: without their name. */
    private static void forgetTheName(ObjectNode data, PersonalDataErased erased) {
        for (Party party : Party.values()) {
            JsonNode person = data.get(party == Party.MENTOR ? "mentor" : "mentee");
            if (person instanceof ObjectNode named && (erased.party() == party
                    || (erased.personId() != null && erased.personId().equals(named.path("id").asText(null))))) {
                named.putNull("name");
            }
        }
    }

    /**
     * Whether the concern of that id was raised for the organiser: its raise is an earlier entry,
     * of this batch or stored.
     */
    private boolean addressedToOrganiser(String relationshipId, String concernId) {
        List<HistoryTable.Entry> raised = rows.held(entries, e -> e.relationshipId().equals(relationshipId)
                && "ConcernRaised".equals(e.type()) && concernId.equals(e.data().path("concernId").asText(null)));
        if (raised.isEmpty()) {
            return entries.storedRaiseAddressedToOrganiser(relationshipId, concernId);
        }
        return raised.stream().anyMatch(e -> e.data().path("organiserContacted").asBoolean(false));
    }
}
