package fi.mentoringledger.benchmarks;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import fi.mentoringledger.api.relationship.MetadataKeys;
import fi.mentoringledger.testsupport.journey.EventJourney;

/**
 * Rows of {@code domain_event_entry} exactly as the command-service's Axon JPA storage writes them:
 * the payload is the event record as JSON from the same Jackson configuration as the services'
 * serializer (event-store's {@code EventSerialization}), {@code payload_type} the record's class
 * name, {@code payload_revision} its {@code @Revision}, {@code meta_data} the correlation id and
 * actor, {@code time_stamp} an ISO instant, {@code type} the aggregate's simple name.
 * {@link #verifyAgainstStoredRows} checks that against rows the running service wrote, before any
 * row is seeded: a wrong row would stop every projection that reads it.
 */
final class EventRows {

    static final String AGGREGATE_TYPE = "Relationship";
    static final String INSERT = """
            INSERT INTO %s (global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                            payload_type, payload_revision, payload, meta_data)
            VALUES (nextval('%s'), ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** The event store's own JSON configuration; duplicated on purpose, and checked by the run. */
    static final ObjectMapper EVENT_JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventRows() {
    }

    record Row(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String timeStamp,
            String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {

        int bytes() {
            return payload.length + metaData.length + eventIdentifier.length() + aggregateIdentifier.length()
                    + timeStamp.length() + payloadType.length() + AGGREGATE_TYPE.length() + 8 + 8 + 1;
        }

        void bind(PreparedStatement insert) throws SQLException {
            insert.setString(1, eventIdentifier);
            insert.setString(2, aggregateIdentifier);
            insert.setLong(3, sequenceNumber);
            insert.setString(4, AGGREGATE_TYPE);
            insert.setString(5, timeStamp);
            insert.setString(6, payloadType);
            insert.setString(7, payloadRevision);
            insert.setBytes(8, payload);
            insert.setBytes(9, metaData);
        }

        Row withAggregate(String aggregate, long sequence) {
            return new Row(UUID.randomUUID().toString(), aggregate, sequence, timeStamp, payloadType, payloadRevision,
                    payload, metaData);
        }
    }

    /** The rows of one planned relationship, recorded on the business dates of its plan. */
    static List<Row> rows(Lifecycle.Plan plan, Random random) {
        List<Row> rows = new ArrayList<>(plan.steps().size());
        long sequence = 0;
        for (EventJourney.Step step : plan.steps()) {
            Object event = step.event();
            rows.add(row(event, plan.relationshipId(), sequence++, recordedAt(event, random)));
        }
        return rows;
    }

    static Row row(Object event, String aggregateIdentifier, long sequence, Instant recordedAt) {
        try {
            Map<String, Object> metaData = new LinkedHashMap<>();
            metaData.put(MetadataKeys.ACTOR, null);
            metaData.put(MetadataKeys.CORRELATION_ID, UUID.randomUUID().toString());
            return new Row(UUID.randomUUID().toString(), aggregateIdentifier, sequence, recordedAt.toString(),
                    event.getClass().getName(), revision(event.getClass()), EVENT_JSON.writeValueAsBytes(event),
                    EVENT_JSON.writeValueAsBytes(metaData));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event, e);
        }
    }

    /**
     * Checks the format against up to {@code limit} rows that the command-service itself wrote for
     * the given aggregates: every stored payload must read into its class and write back byte for
     * byte, and the other columns must have the shapes this class writes. Unless {@code strict},
     * rows of an older revision than the class's are skipped (they are upcast when read).
     *
     * @return how many stored rows were compared
     */
    static int verifyAgainstStoredRows(Connection connection, String aggregatePrefix, int limit, boolean strict)
            throws SQLException {
        int compared = 0;
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT aggregate_identifier, type, time_stamp, payload_type, payload_revision, payload, meta_data
                  FROM domain_event_entry WHERE aggregate_identifier LIKE ? ORDER BY global_index LIMIT ?""")) {
            select.setString(1, aggregatePrefix + "%");
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String where = "stored event of " + rows.getString(1) + " (" + rows.getString(4) + ")";
                    require(AGGREGATE_TYPE.equals(rows.getString(2)), where + ": type is " + rows.getString(2));
                    Instant.parse(rows.getString(3));
                    Class<?> type = classOf(rows.getString(4), where);
                    if (!strict && !revision(type).equals(rows.getString(5))) {
                        continue;
                    }
                    require(revision(type).equals(rows.getString(5)), where + ": revision " + rows.getString(5)
                            + " but the class says " + revision(type));
                    byte[] stored;
                    byte[] rewritten;
                    try {
                        stored = withSealedAsText(rows.getBytes(6), type);
                        rewritten = EVENT_JSON.writeValueAsBytes(EVENT_JSON.readValue(stored, type));
                        JsonNode metaData = EVENT_JSON.readTree(rows.getBytes(7));
                        require(metaData.has(MetadataKeys.CORRELATION_ID) && metaData.has(MetadataKeys.ACTOR),
                                where + ": metadata " + metaData + " lacks correlationId or actor");
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(where + ": cannot be read back", e);
                    }
                    require(java.util.Arrays.equals(stored, rewritten), where + ": the benchmark would write "
                            + new String(rewritten) + " where the service wrote " + new String(stored));
                    compared++;
                }
            }
        }
        return compared;
    }

    /**
     * The stored payload with each sealed field (personal data: a JSON object where the value was)
     * as the seeded rows hold it there — plain text, or for a list of texts (sealed whole) a list
     * holding the text, which the services read as values stored before sealing existed. Which it is
     * comes from the event's record components, followed into nested records and lists of records.
     * The bytes as they were when nothing is sealed.
     */
    static byte[] withSealedAsText(byte[] payload, Class<?> eventType) throws java.io.IOException {
        JsonNode tree = EVENT_JSON.readTree(payload);
        return replaceSealed(tree, eventType) ? EVENT_JSON.writeValueAsBytes(tree) : payload;
    }

    private static boolean replaceSealed(JsonNode node, Class<?> type) {
        if (!(node instanceof ObjectNode object) || !type.isRecord()) {
            return false;
        }
        boolean replaced = false;
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode value = object.get(component.getName());
            boolean list = java.util.Collection.class.isAssignableFrom(component.getType());
            if (value == null) {
                continue;
            } else if (value.isObject() && value.has("sealed")) {
                object.set(component.getName(), list ? EVENT_JSON.createArrayNode().add("sealed") : TextNode.valueOf("sealed"));
                replaced = true;
            } else if (list && value.isArray()
                    && component.getGenericType() instanceof ParameterizedType listType
                    && listType.getActualTypeArguments()[0] instanceof Class<?> element) {
                for (JsonNode item : value) {
                    replaced |= replaceSealed(item, element);
                }
            } else {
                replaced |= replaceSealed(value, component.getType());
            }
        }
        return replaced;
    }

    private static Class<?> classOf(String name, String where) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(where + ": payload type unknown to shared-api", e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("seeded rows would differ from the service's: " + message);
        }
    }

    static String revision(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    /** Recorded some hours into the business day of the event (first date-typed component). */
    private static Instant recordedAt(Object event, Random random) {
        LocalDate day = null;
        for (var component : event.getClass().getRecordComponents()) {
            if (component.getType() == LocalDate.class) {
                try {
                    day = (LocalDate) component.getAccessor().invoke(event);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                break;
            }
        }
        LocalDate date = day != null ? day : LocalDate.now(ZoneOffset.UTC);
        return date.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(28_800 + random.nextInt(36_000))
                .plusMillis(random.nextInt(1_000));
    }
}
