package fi.mentoringledger.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
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

import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.security.TestUsers.User;
import fi.mentoringledger.testsupport.ServiceClient;

/**
 * Erasure by crypto-shredding, through the HTTP API onto a real event store: what is stored, what
 * the service reads back after the key is gone, who may erase, and what is refused afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonalDataErasureIT {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static final ObjectMapper json = new ObjectMapper();

    static final User ADMIN = TestUsers.ADMIN;
    static final User ORGANISER = TestUsers.user("organiser", "ORGANISER", null, "womento");
    static final User MENTOR = TestUsers.user("ritva.mentor", "MENTOR", "p-ritva");

    @DynamicPropertySource
    static void useTestDatabaseAndUsers(DynamicPropertyRegistry registry) {
        database.commandServiceProperties().forEach((name, value) -> registry.add(name, () -> value));
        TestUsers.properties(ADMIN, ORGANISER, MENTOR).forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Test
    void namesPrivateTextAndAParticipantsUserNameAreNeverStoredInPlainText() throws Exception {
        String menteeId = "p-" + UUID.randomUUID();
        String id = started("Ritva Rautio", "p-ritva", "Sakari Sundström", menteeId);
        assertThat(post(MENTOR, "/api/relationships/" + id + "/meetings",
                "{\"heldOn\":\"2025-03-20\",\"privateNotes\":\"Sakari is afraid of being laid off\","
                        + "\"tasks\":[\"Sakari asks about the severance\"]}").statusCode())
                .isEqualTo(200);
        assertThat(post(MENTOR, "/api/relationships/" + id + "/terminate",
                "{\"reason\":\"HEALTH_OR_FAMILY\",\"initiatedBy\":\"MENTEE\",\"note\":\"Sakari's sick leave\"}")
                .statusCode()).isEqualTo(200);

        String stored = storedText(id);

        assertThat(stored).doesNotContain("Ritva", "Rautio", "Sakari", "Sundström", "laid off", "severance",
                        "sick leave", "ritva.mentor")
                .contains(menteeId, "p-ritva");
        JsonNode start = json.readTree(storedPayload(id, 0));
        JsonNode meeting = json.readTree(storedPayload(id, 1));
        JsonNode metadata = json.readTree(jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 1", String.class, id));
        for (JsonNode sealed : List.of(start.at("/mentor/name"), start.at("/mentee/name"), meeting.get("privateNotes"),
                metadata.get("actor"))) {
            assertThat(sealed.isObject()).as("sealed: an object in place of the text: %s", sealed).isTrue();
            assertThat(sealed.get("sealed").asText()).isEqualTo("pd2");
            assertThat(sealed.get("data").isTextual()).isTrue();
        }
        assertThat(meeting.at("/privateNotes/keys")).as("the pair's text: both participants' keys").hasSize(2);
        assertThat(metadata.at("/actor/keys")).as("the actor's key alone").hasSize(1);
        assertThat(this.<MeetingRecorded>event(id, 1).privateNotes()).isEqualTo("Sakari is afraid of being laid off");
        assertThat(actor(id, 1)).isEqualTo("ritva.mentor");
    }

    @Test
    void anErasureDeletesTheKeyAndIsRecordedInEveryRelationshipOfThePerson() throws Exception {
        String menteeId = "p-" + UUID.randomUUID();
        String first = started("Ritva Rautio", "p-ritva", "Tuuli Tanskanen", menteeId);
        String second = started("Ville Vainio", "p-" + UUID.randomUUID(), "Tuuli Tanskanen", menteeId);
        String unrelated = started("Ville Vainio", "p-" + UUID.randomUUID(), "Ursula Uotila", "p-" + UUID.randomUUID());
        assertThat(post(MENTOR, "/api/relationships/" + first + "/meetings",
                "{\"heldOn\":\"2025-03-20\",\"privateNotes\":\"Tuuli wants to change careers\"}").statusCode())
                .isEqualTo(200);
        assertThat(post(ADMIN, "/api/relationships/" + first + "/terminate",
                "{\"reason\":\"RELOCATION\",\"initiatedBy\":\"MENTEE\"}").statusCode()).isEqualTo(200);

        HttpResponse<String> erased = post(ADMIN, "/api/people/" + menteeId + "/erasure", "");

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        JsonNode answer = json.readTree(erased.body());
        assertThat(answer.get("personId").asText()).isEqualTo(menteeId);
        assertThat(answer.get("erasedBy").asText()).isEqualTo(ADMIN.username());
        assertThat(answer.get("relationships")).extracting(JsonNode::asText).containsExactly(first, second);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_key WHERE person_id = ?", Long.class,
                menteeId)).isZero();
        for (String id : List.of(first, second)) {
            long last = eventCount(id) - 1;
            assertThat(lastType(id)).isEqualTo("fi.mentoringledger.api.relationship.PersonalDataErased");
            assertThat(actor(id, last)).isEqualTo(ADMIN.username());
            RelationshipStarted start = event(id, 0);
            assertThat(start.mentee().name()).isNull();
            assertThat(start.mentee().id()).isEqualTo(menteeId);
            assertThat(start.mentor().name()).isNotNull();
        }
        assertThat(this.<MeetingRecorded>event(first, 1).privateNotes()).as("the pair's text").isNull();
        assertThat(this.<MeetingRecorded>event(first, 1).heldOn()).hasToString("2025-03-20");
        assertThat(this.<RelationshipStarted>event(unrelated, 0).mentee().name()).isEqualTo("Ursula Uotila");
        assertThat(lastType(unrelated)).endsWith("RelationshipStarted");
    }

    @Test
    void erasingAgainAnswersTheFirstErasureAndRecordsNothingMore() throws Exception {
        String menteeId = "p-" + UUID.randomUUID();
        String id = started("Ritva Rautio", "p-ritva", "Wilma Wikström", menteeId);
        HttpResponse<String> first = post(ADMIN, "/api/people/" + menteeId + "/erasure", "");
        long events = eventCount(id);

        HttpResponse<String> again = post(ADMIN, "/api/people/" + menteeId + "/erasure", "");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).get("erasedAt")).isEqualTo(json.readTree(first.body()).get("erasedAt"));
        assertThat(eventCount(id)).isEqualTo(events);
    }

    @Test
    void onlyAnAdminMayEraseAndARefusedErasureChangesNothing() throws Exception {
        String menteeId = "p-" + UUID.randomUUID();
        String id = started("Ritva Rautio", "p-ritva", "Xenia Xavier", menteeId);
        long events = eventCount(id);

        for (User caller : List.of(ORGANISER, MENTOR)) {
            HttpResponse<String> refused = post(caller, "/api/people/" + menteeId + "/erasure", "");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(post(null, "/api/people/" + menteeId + "/erasure", "").statusCode()).isEqualTo(401);

        assertThat(eventCount(id)).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_key WHERE person_id = ?", Long.class,
                menteeId)).isOne();
        assertThat(this.<RelationshipStarted>event(id, 0).mentee().name()).isEqualTo("Xenia Xavier");
    }

    @Test
    void anUnknownPersonIsNotFound() throws Exception {
        HttpResponse<String> response = post(ADMIN, "/api/people/p-nobody-" + UUID.randomUUID() + "/erasure", "");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("no relationship names person");
    }

    @Test
    void anErasedPersonCannotBeNamedInANewRelationshipAndTheirPairTakesNoMorePrivateText() throws Exception {
        String menteeId = "p-" + UUID.randomUUID();
        String id = started("Ritva Rautio", "p-ritva", "Yrjö Ylönen", menteeId);
        assertThat(post(ADMIN, "/api/people/" + menteeId + "/erasure", "").statusCode()).isEqualTo(200);
        String newId = "erasure-" + UUID.randomUUID();

        HttpResponse<String> start = post(ADMIN, "/api/relationships", start(newId, "Ritva Rautio", "p-ritva",
                "Yrjö Ylönen", menteeId));
        HttpResponse<String> notes = post(MENTOR, "/api/relationships/" + id + "/meetings",
                "{\"heldOn\":\"2025-03-20\",\"privateNotes\":\"anything\"}");
        HttpResponse<String> tasks = post(MENTOR, "/api/relationships/" + id + "/meetings",
                "{\"heldOn\":\"2025-03-20\",\"tasks\":[\"read a book\"]}");
        HttpResponse<String> meeting = post(MENTOR, "/api/relationships/" + id + "/meetings",
                "{\"heldOn\":\"2025-03-20\",\"durationMinutes\":30}");

        assertThat(start.statusCode()).isEqualTo(409);
        assertThat(json.readTree(start.body()).get("rule").asText()).isEqualTo("person-erased");
        assertThat(eventCount(newId)).isZero();
        assertThat(notes.statusCode()).isEqualTo(409);
        assertThat(json.readTree(notes.body()).get("rule").asText()).isEqualTo("personal-data-erased");
        assertThat(tasks.statusCode()).as("tasks are the pair's personal text").isEqualTo(409);
        assertThat(json.readTree(tasks.body()).get("rule").asText()).isEqualTo("personal-data-erased");
        assertThat(meeting.statusCode()).as(meeting.body()).isEqualTo(200);
    }

    @Test
    void whoMayStartIsDecidedBeforeTheErasureIsToldSoNobodyElseLearnsOfIt() throws Exception {
        String menteeId = "p-" + UUID.randomUUID();
        started("Ritva Rautio", "p-ritva", "Yrjö Ylönen", menteeId);
        assertThat(post(ADMIN, "/api/people/" + menteeId + "/erasure", "").statusCode()).isEqualTo(200);
        String newId = "erasure-" + UUID.randomUUID();

        HttpResponse<String> byTheMentor = post(MENTOR, "/api/relationships", start(newId, "Ritva Rautio", "p-ritva",
                "Yrjö Ylönen", menteeId));
        HttpResponse<String> byTheOrganiser = post(ORGANISER, "/api/relationships", start(newId, "Ritva Rautio",
                "p-ritva", "Yrjö Ylönen", menteeId));

        assertThat(byTheMentor.statusCode()).as(byTheMentor.body()).isEqualTo(403);
        assertThat(byTheMentor.body()).doesNotContain("erased");
        assertThat(byTheOrganiser.statusCode()).as("the organiser of the programme may start: then it is said")
                .isEqualTo(409);
        assertThat(eventCount(newId)).isZero();
    }

    @Test
    void anErasureSentAsAFormOrTextIsRefusedWith415AndErasesNothing() throws Exception {
        String menteeId = "p-" + UUID.randomUUID();
        started("Ritva Rautio", "p-ritva", "Yrjö Ylönen", menteeId);

        for (String contentType : List.of("application/x-www-form-urlencoded", "text/plain", "multipart/form-data")) {
            HttpResponse<String> response = ServiceClient.onPort(port).accepting(null)
                    .send("POST", "/api/people/" + menteeId + "/erasure", ADMIN, contentType, "x=y");
            assertThat(response.statusCode()).as(contentType).isEqualTo(415);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_erasure WHERE person_id = ?", Long.class,
                menteeId)).isZero();
    }

    @Test
    void anInvalidPersonIdIsABadRequest() throws Exception {
        HttpResponse<String> response = post(ADMIN, "/api/people/" + "x".repeat(201) + "/erasure", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").get(0).get("field").asText()).isEqualTo("personId");
    }

    private String started(String mentorName, String mentorId, String menteeName, String menteeId) throws Exception {
        String id = "erasure-" + UUID.randomUUID();
        HttpResponse<String> response = post(ADMIN, "/api/relationships", start(id, mentorName, mentorId, menteeName,
                menteeId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return id;
    }

    private static String start(String id, String mentorName, String mentorId, String menteeName, String menteeId) {
        return """
                {"relationshipId":"%s","programmeId":"womento","mentor":{"id":"%s","name":"%s"},
                 "mentee":{"id":"%s","name":"%s"},"language":"fi","startedOn":"2025-03-01"}"""
                .formatted(id, mentorId, mentorName, menteeId, menteeName);
    }

    private HttpResponse<String> post(User caller, String path, String body) throws Exception {
        return ServiceClient.onPort(port).accepting(null).send("POST", path, caller, "application/json", body);
    }

    /** Every stored byte of the relationship's events, payloads and metadata, as text. */
    private String storedText(String id) {
        return String.join("\n", jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8') || convert_from(meta_data, 'UTF8')
                  FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""", String.class, id));
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

    private String actor(String id, long sequence) {
        byte[] metadata = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = ?", byte[].class, id, sequence);
        MetaData read = eventSerializer.deserialize(new SerializedMetaData<>(metadata, byte[].class));
        return (String) read.get("actor");
    }

    private long eventCount(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, id);
    }

    private String lastType(String id) {
        return jdbc.queryForObject("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", String.class, id);
    }
}
