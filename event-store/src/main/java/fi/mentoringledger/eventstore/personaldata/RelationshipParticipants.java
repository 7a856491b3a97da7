package fi.mentoringledger.eventstore.personaldata;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The people whose keys seal a pair's private text: those the relationship's first event names
 * through the owners of its personal data (mentor and mentee). Ids are not encrypted, and who the
 * pair is never changes, so the answer is kept.
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
        if (kept.size() >= MAX_KEPT) {
            kept.clear();
        }
        kept.put(relationshipId, people);
        return people;
    }

    private List<String> owners(String type, String revision, byte[] payload) {
        try {
            Class<?> eventType = types.classForType(new SimpleSerializedType(type, revision));
            JsonNode event = json.readTree(payload);
            Set<String> people = new LinkedHashSet<>();
            for (PersonalDataFields.Field field : PersonalDataFields.of(eventType)) {
                JsonNode holder = field.parentIn(event);
                if (!field.belongsToThePair() && holder != null && holder.path(field.ownerIdIn()).isTextual()) {
                    people.add(holder.get(field.ownerIdIn()).asText());
                }
            }
            return List.copyOf(people);
        } catch (IOException e) {
            throw new IllegalStateException("the first event of a relationship is not JSON", e);
        }
    }
}
