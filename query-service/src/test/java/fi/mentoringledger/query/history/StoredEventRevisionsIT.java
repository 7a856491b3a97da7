package fi.mentoringledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.QueryApp;

/**
 * Events are read back for years: a MeetingRecorded stored as revision 1 (before meetings had a
 * format) reaches the projections through the event store's upcaster, as NOT_RECORDED.
 */
class StoredEventRevisionsIT {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static QueryApp app;

    @BeforeAll
    static void start() {
        app = database.closeAfterAll(QueryApp.start(database));
    }

    @Test
    void aMeetingStoredAsRevisionOneIsProjectedWithoutAFormat() throws SQLException {
        store(0, "RelationshipStarted", """
                {"relationshipId":{"value":"old-1"},"programmeId":"womento","mentor":{"id":"m","name":"Maija"},
                 "mentee":{"id":"e","name":"Amina"},"language":"fi","startedOn":"2024-05-01"}""");
        store(1, "MeetingRecorded", """
                {"relationshipId":{"value":"old-1"},"meetingId":"m1","heldOn":"2024-05-10","durationMinutes":60,
                 "privateNotes":"between us","tasks":["read"]}""");

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> number("/api/relationships/old-1/history", "/entries", true) == 2
                        && number("/api/relationships/old-1", "/meetingCount", false) == 1
                        && number("/api/reports/outcomes", "/relationships", false) == 1);

        JsonNode meeting = app.json("/api/relationships/old-1/history").get("entries").get(1);
        assertThat(meeting.get("type").asText()).isEqualTo("MeetingRecorded");
        assertThat(meeting.at("/data/format").asText()).isEqualTo("NOT_RECORDED");
        assertThat(meeting.get("summary").asText()).isEqualTo("A meeting of 60 minutes was held on 2024-05-10.");
        assertThat(meeting.at("/data/tasks").size()).as("a task stored before tasks were sealed reads as it was")
                .isEqualTo(1);
        assertThat(meeting.toString()).doesNotContain("between us");
    }

    /** A number from a read that may not be there yet (the projections catch up independently): -1 then. */
    private static int number(String path, String pointer, boolean size) {
        var response = app.get(path);
        if (response.statusCode() != 200) {
            return -1;
        }
        JsonNode value = QueryApp.parse(response.body()).at(pointer);
        return size ? value.size() : value.asInt();
    }

    /** A row as the command side stored it before MeetingRecorded had a second revision. */
    private static void store(long sequence, String type, String payload) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                                                type, time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (nextval('domain_event_entry_seq'), ?, 'old-1', ?, 'Relationship', ?, ?, '1', ?, ?)""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setLong(2, sequence);
            insert.setString(3, Instant.parse("2024-05-10T08:00:00Z").toString());
            insert.setString(4, "fi.mentoringledger.api.relationship." + type);
            insert.setBytes(5, payload.getBytes(StandardCharsets.UTF_8));
            insert.setBytes(6, "{}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }
}
