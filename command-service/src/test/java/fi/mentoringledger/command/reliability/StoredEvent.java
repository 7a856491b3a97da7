package fi.mentoringledger.command.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** One row of domain_event_entry, read with plain SQL: what is really in the store. */
record StoredEvent(String relationshipId, long sequence, String type, String revision, JsonNode payload,
        JsonNode metadata) {

    private static final String PACKAGE = "fi.mentoringledger.api.relationship.";

    String correlationId() {
        return metadata.path("correlationId").asText(null);
    }

    /** The events of one relationship in sequence order. */
    static List<StoredEvent> of(Connection connection, String relationshipId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT aggregate_identifier, sequence_number, payload_type, payload_revision,
                       convert_from(payload, 'UTF8'), convert_from(meta_data, 'UTF8')
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""")) {
            query.setString(1, relationshipId);
            return read(query);
        }
    }

    static long count(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<StoredEvent> read(PreparedStatement query) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String type = rows.getString(3);
                events.add(new StoredEvent(rows.getString(1), rows.getLong(2),
                        type.startsWith(PACKAGE) ? type.substring(PACKAGE.length()) : type, rows.getString(4),
                        parse(rows.getString(5)), parse(rows.getString(6))));
            }
        }
        return events;
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? ApiClient.JSON.nullNode() : ApiClient.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("a stored event is not JSON: " + json, e);
        }
    }
}
