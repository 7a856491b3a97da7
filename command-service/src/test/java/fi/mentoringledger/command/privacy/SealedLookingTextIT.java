package fi.mentoringledger.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.eventstore.personaldata.LegacySealing;
import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.security.TestUsers.User;
import fi.mentoringledger.testsupport.ServiceClient;

/**
 * Private text that looks like sealed personal data is text like any other: a participant who writes
 * it must not lock the relationship (every later command failing to load it) nor change what was
 * written. Through the HTTP API onto a real event store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SealedLookingTextIT {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static final ObjectMapper json = new ObjectMapper();

    static final User ADMIN = TestUsers.ADMIN;
    static final User MENTOR = TestUsers.user("saara.mentor", "MENTOR", "p-saara");
    static final User MENTEE = TestUsers.user("teemu.mentee", "MENTEE", "p-teemu");

    @DynamicPropertySource
    static void useTestDatabaseAndUsers(DynamicPropertyRegistry registry) {
        database.commandServiceProperties().forEach((name, value) -> registry.add(name, () -> value));
        TestUsers.properties(ADMIN, MENTOR, MENTEE).forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    /** As the owner: the service's own role may neither read Flyway's history nor change an event. */
    final JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    PersonalDataKeys keys;

    @Test
    void meetingNotesThatBeginLikeAnEnvelopeLeaveTheOtherPartyFreeToCloseTheRelationship() throws Exception {
        String id = agreed();
        String notes = "pd1:x:y — Teemu will ask his manager about the salary";

        assertThat(post(MENTOR, id, "/meetings", json.createObjectNode().put("heldOn", "2025-03-20")
                .put("privateNotes", notes)).statusCode()).isEqualTo(200);
        HttpResponse<String> closed = post(MENTEE, id, "/close", json.createObjectNode().put("closedOn", "2025-11-30"));

        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(json.readTree(closed.body()).get("stage").asText()).isEqualTo("CLOSED");
        assertThat(this.<MeetingRecorded>event(id, 2).privateNotes()).isEqualTo(notes);
        assertThat(storedPayload(id, 2)).doesNotContain("salary", "manager");
    }

    @Test
    void aConcernWhoseTextIsARealStoredEnvelopeIsReadAsThatTextAndTheRelationshipCanBeTerminated() throws Exception {
        String id = agreed();
        JsonNode sealedName = json.readTree(storedPayload(id, 0)).at("/mentee/name");
        String envelope = sealedName.isTextual() ? sealedName.asText() : sealedName.toString();

        assertThat(post(MENTEE, id, "/concerns", json.createObjectNode().put("raisedBy", "MENTEE")
                .put("description", envelope).put("organiserContacted", false)).statusCode()).isEqualTo(200);
        assertThat(post(MENTOR, id, "/meetings", json.createObjectNode().put("heldOn", "2025-03-20")
                .put("privateNotes", "pd1:")).statusCode()).isEqualTo(200);
        HttpResponse<String> terminated = post(MENTOR, id, "/terminate", json.createObjectNode()
                .put("reason", "LACK_OF_TIME").put("initiatedBy", "MENTOR"));

        assertThat(terminated.statusCode()).as(terminated.body()).isEqualTo(200);
        assertThat(json.readTree(terminated.body()).get("stage").asText()).isEqualTo("TERMINATED");
        assertThat(this.<ConcernRaised>event(id, 2).description()).isEqualTo(envelope);
        assertThat(this.<MeetingRecorded>event(id, 3).privateNotes()).isEqualTo("pd1:");
    }

    @Test
    void aRelationshipThatTheFirstFormsReaderCouldNotLoadIsReadAgain() throws Exception {
        String id = agreed();
        assertThat(post(MENTOR, id, "/meetings", json.createObjectNode().put("heldOn", "2025-03-20")
                .put("privateNotes", "anything")).statusCode()).isEqualTo(200);
        // The meeting as the first form stored notes that began "pd1:": sealed as text, mentor's key inside.
        ObjectNode meeting = (ObjectNode) json.readTree(storedPayload(id, 2));
        meeting.put("privateNotes", LegacySealing.seal("pd1:x:y are the initials", keys.keyToSeal("p-saara"),
                keys.keyToSeal("p-teemu")));
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE aggregate_identifier = ? AND sequence_number = 2",
                json.writeValueAsBytes(meeting), id);

        HttpResponse<String> terminated = post(MENTEE, id, "/terminate", json.createObjectNode()
                .put("reason", "RELOCATION").put("initiatedBy", "MENTEE"));

        assertThat(terminated.statusCode()).as(terminated.body()).isEqualTo(200);
        assertThat(this.<MeetingRecorded>event(id, 2).privateNotes()).isEqualTo("pd1:x:y are the initials");
    }

    /** A relationship of the two test users, agreed by the admin. */
    private String agreed() throws Exception {
        String id = "sealed-looking-" + UUID.randomUUID();
        HttpResponse<String> started = send(ADMIN, "/api/relationships", """
                {"relationshipId":"%s","programmeId":"womento","mentor":{"id":"p-saara","name":"Saara Salminen"},
                 "mentee":{"id":"p-teemu","name":"Teemu Turunen"},"language":"fi","startedOn":"2025-03-01"}"""
                .formatted(id));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        HttpResponse<String> agreed = send(ADMIN, "/api/relationships/" + id + "/agree", """
                {"goals":[{"goalId":"g1","description":"A first job in Finland"}],
                 "groundRules":{"contactChannel":"email","meetingFrequency":"monthly"},"agreedOn":"2025-03-08"}""");
        assertThat(agreed.statusCode()).as(agreed.body()).isEqualTo(200);
        return id;
    }

    private HttpResponse<String> post(User caller, String id, String action, JsonNode body) throws Exception {
        return send(caller, "/api/relationships/" + id + action, body.toString());
    }

    private HttpResponse<String> send(User caller, String path, String body) throws Exception {
        return ServiceClient.onPort(port).accepting(null).send("POST", path, caller, "application/json", body);
    }

    private String storedPayload(String id, long sequence) {
        return jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = ?", String.class, id, sequence);
    }

    /** A stored event as the services read it. */
    private <T> T event(String id, long sequence) {
        return jdbc.queryForObject("""
                        SELECT payload_type, payload_revision, payload FROM domain_event_entry
                         WHERE aggregate_identifier = ? AND sequence_number = ?""",
                (rs, i) -> eventSerializer.deserialize(new SimpleSerializedObject<>(rs.getBytes("payload"), byte[].class,
                        new SimpleSerializedType(rs.getString("payload_type"), rs.getString("payload_revision")))),
                id, sequence);
    }
}
