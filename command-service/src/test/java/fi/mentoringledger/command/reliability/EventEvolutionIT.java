package fi.mentoringledger.command.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.eventstore.PostgresTestDatabase;

/**
 * A relationship whose events were stored before meetings had a format (MeetingRecorded revision
 * 1), written into PostgreSQL as raw JSON the way that code stored them. The service of today loads
 * it through the upcaster and goes on deciding: it knows the old meeting (a retry of it records
 * nothing, other content under its id is a conflict), knows the stage the old meeting led to, and
 * records new meetings as revision 2 beside the old rows, which stay as they were stored.
 */
class EventEvolutionIT {

    static final String ID = "legacy-1";
    static final String PACKAGE = "fi.mentoringledger.api.relationship.";

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static CommandServiceInstance service;

    @BeforeAll
    static void startService() {
        service = database.closeAfterAll(CommandServiceInstance.start(database));
    }

    @Test
    void aRelationshipStoredWithRevisionOneMeetingsLoadsAndGoesOnDeciding() throws Exception {
        storeRevisionOne(0, "RelationshipStarted", """
                {"relationshipId":{"value":"legacy-1"},"programmeId":"womento-2024","mentor":{"id":"p-104","name":"Maija Virtanen"},
                 "mentee":{"id":"p-233","name":"Amina Yusuf"},"language":"fi","startedOn":"2024-03-01"}""");
        storeRevisionOne(1, "AgreementSigned", """
                {"relationshipId":{"value":"legacy-1"},"agreement":{"goals":[{"goalId":"g1","description":"First job in my field",
                 "milestones":["CV in Finnish"]}],"groundRules":{"contactChannel":"Teams","meetingFrequency":"every two weeks",
                 "preparation":null},"plannedEndOn":"2024-12-31"},"agreedOn":"2024-03-08"}""");
        storeRevisionOne(2, "MeetingRecorded", """
                {"relationshipId":{"value":"legacy-1"},"meetingId":"m-1","heldOn":"2024-03-20","durationMinutes":60,
                 "privateNotes":"CV review","tasks":["rewrite the summary"]}""");
        String oldMeeting = """
                {"meetingId":"m-1","heldOn":"2024-03-20","durationMinutes":60,"privateNotes":"CV review","tasks":["rewrite the summary"]}""";
        String base = "/api/relationships/" + ID;

        ApiClient.Answer retried = service.api().post(base + "/meetings", oldMeeting);
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.body().path("version").asLong()).isEqualTo(2);
        assertThat(retried.body().path("stage").asText()).as("the old meeting put it in progress").isEqualTo("IN_PROGRESS");

        ApiClient.Answer otherContent = service.api().post(base + "/meetings",
                oldMeeting.replace("}", ",\"format\":\"REMOTE\"}"));
        assertThat(otherContent.status()).as(otherContent.text()).isEqualTo(409);
        assertThat(otherContent.body().path("rule").asText()).isEqualTo("conflicting-retry");

        ApiClient.Answer newMeeting = service.api().post(base + "/meetings",
                "{\"meetingId\":\"m-2\",\"heldOn\":\"2024-04-03\",\"format\":\"IN_PERSON\"}", "If-Match", "\"2\"");
        assertThat(newMeeting.status()).as(newMeeting.text()).isEqualTo(200);
        assertThat(newMeeting.body().path("version").asLong()).isEqualTo(3);
        ApiClient.Answer closed = service.api().post(base + "/close", "{\"closedOn\":\"2024-11-29\"}", "If-Match", "\"3\"");
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        assertThat(closed.body().path("stage").asText()).isEqualTo("CLOSED");

        try (Connection connection = database.connect()) {
            List<StoredEvent> rows = StoredEvent.of(connection, ID);
            assertThat(rows).extracting(StoredEvent::type).containsExactly("RelationshipStarted", "AgreementSigned",
                    "MeetingRecorded", "MeetingRecorded", "RelationshipClosed");
            assertThat(rows).extracting(StoredEvent::revision).containsExactly("1", "1", "1", "2", "1");
            assertThat(rows.get(2).payload().has("format")).as("stored rows are never rewritten").isFalse();
            assertThat(rows.get(3).payload().path("format").asText()).isEqualTo("IN_PERSON");
        }
        List<Object> loaded = new ArrayList<>();
        service.bean(EventStore.class).readEvents(ID).asStream().forEach(event -> loaded.add(event.getPayload()));
        assertThat(loaded).filteredOn(MeetingRecorded.class::isInstance).map(MeetingRecorded.class::cast)
                .extracting(MeetingRecorded::format).containsExactly(MeetingFormat.NOT_RECORDED, MeetingFormat.IN_PERSON);
    }

    static void storeRevisionOne(long sequence, String type, String payload) throws Exception {
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (nextval('domain_event_entry_seq'), ?, ?, ?, 'Relationship', ?, ?, '1', convert_to(?, 'UTF8'),
                    convert_to(?, 'UTF8'))""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, ID);
            insert.setLong(3, sequence);
            insert.setString(4, "2024-03-2" + sequence + "T10:00:00Z");
            insert.setString(5, PACKAGE + type);
            insert.setString(6, payload);
            insert.setString(7, "{\"correlationId\":\"before-formats\",\"actor\":null}");
            insert.executeUpdate();
        }
    }
}
