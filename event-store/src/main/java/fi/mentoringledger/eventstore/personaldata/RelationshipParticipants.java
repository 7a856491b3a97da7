package fi.mentoringledger.eventstore.personaldata;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The people whose keys seal a pair's private text: those the relationship's first event names
 * through the owners of its personal data (mentor and mentee). Ids are not encrypted, and who the
 * pair is never changes, so a stored answer is kept. A first event written in the current
 * transaction (an import storing a whole relationship at once) is not in the table yet: what it
 * names is remembered for that transaction only, as it may still roll back, and kept once it has
 * committed, so that sealing the relationship's next events asks the database nothing.
 */
class RelationshipParticipants {

    private static final int MAX_KEPT = 10_000;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Serializer types;
    private final Map<String, List<String>> kept = new ConcurrentHashMap<>();

    RelationshipParticipants(JdbcClient jdbc, ObjectMapper json, Serializer types) {
        this.jdbc = jdbc;
        this.json = json;
        this.types = types;
    }

    List<String> of(String relationshipId) {
        List<String> known = kept.get(relationshipId);
        if (known != null) {
            return known;
        }
        Map<String, List<String>> named = namedInThisTransaction(false);
        if (named != null && named.containsKey(relationshipId)) {
            return named.get(relationshipId);
        }
        List<String> people = jdbc.sql("""
                        SELECT payload_type, payload_revision, payload FROM domain_event_entry
                         WHERE aggregate_identifier = :id AND sequence_number = 0""")
                .param("id", relationshipId)
                .query((rs, i) -> owners(rs.getString("payload_type"), rs.getString("payload_revision"),
                        rs.getBytes("payload")))
                .optional()
                .orElseThrow(() -> new IllegalStateException("relationship " + relationshipId + " has no first event"));
        if (people.isEmpty()) {
            throw new IllegalStateException("the first event of relationship " + relationshipId + " names nobody");
        }
        keep(relationshipId, people);
        return people;
    }

    private void keep(String relationshipId, List<String> people) {
        if (kept.size() >= MAX_KEPT) {
            kept.clear();
        }
        kept.put(relationshipId, people);
    }

    /**
     * The people a relationship's first event names, as it is being written (or projected); with no
     * transaction, nothing can roll it back, and it is kept at once.
     */
    void named(String relationshipId, List<String> people) {
        Map<String, List<String>> named = namedInThisTransaction(true);
        if (named != null) {
            named.put(relationshipId, List.copyOf(people));
        } else {
            keep(relationshipId, List.copyOf(people));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<String>> namedInThisTransaction(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, List<String>> named = (Map<String, List<String>>) TransactionSynchronizationManager.getResource(this);
        if (named == null && create) {
            Map<String, List<String>> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    fresh.forEach(RelationshipParticipants.this::keep);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RelationshipParticipants.this);
                }
            });
            named = fresh;
        }
        return named;
    }

    private List<String> owners(String type, String revision, byte[] payload) {
        try {
            Class<?> eventType = types.classForType(new SimpleSerializedType(type, revision));
            return PersonalDataFields.owners(json.readTree(payload), PersonalDataFields.of(eventType));
        } catch (IOException e) {
            throw new IllegalStateException("the first event of a relationship is not JSON", e);
        }
    }
}
