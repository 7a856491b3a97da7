package fi.mentoringledger.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.testsupport.ServiceClient;

/**
 * Through HTTP into the event store on a real PostgreSQL and back: what is stored, and that every
 * refusal stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RelationshipApiIT {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void useTestDatabase(DynamicPropertyRegistry registry) {
        database.commandServiceProperties().forEach((name, value) -> registry.add(name, () -> value));
        TestUsers.properties(TestUsers.ADMIN).forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    /** As the owner: the service's own role may neither read Flyway's history nor change an event. */
    final JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    Answer post(String path, String body, String... headers) throws Exception {
        HttpResponse<String> response = ServiceClient.onPort(port).accepting(null)
                .send("POST", path, TestUsers.ADMIN, "application/json", body, headers);
        JsonNode parsed = response.body().isEmpty() ? null : json.readTree(response.body());
        return new Answer(response.statusCode(), parsed, response);
    }

    static String start(String id) {
        return """
                {"relationshipId":"%s","programmeId":"womento-2025","mentor":{"id":"mentor-1","name":"Maija Mentor"},
                 "mentee":{"id":"mentee-1","name":"Eero Aktori"},"language":"fi","startedOn":"2025-03-01"}"""
                .formatted(id);
    }

    static final String AGREEMENT = """
            {"goals":[{"goalId":"g1","description":"Find a first job in Finland","milestones":["CV in Finnish"]}],
             "groundRules":{"contactChannel":"email","meetingFrequency":"every two weeks"},
             "plannedEndOn":"2025-12-31","agreedOn":"2025-03-08"}""";

    long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    long eventCount(String relationshipId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, relationshipId);
    }

    String newId() {
        return "it-" + UUID.randomUUID();
    }

    @Test
    void aWholeLifecycleIsStoredAsBinaryJsonEventsInSequence() throws Exception {
        String id = newId();
        Answer started = post("/api/relationships", start(id), "X-Correlation-Id", "req-" + id.substring(3, 20));
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.raw().headers().firstValue("Location")).contains("/api/relationships/" + id);
        assertThat(started.body().get("stage").asText()).isEqualTo("STARTED");
        assertThat(started.body().get("version").asLong()).isZero();

        assertThat(post("/api/relationships/" + id + "/agree", AGREEMENT).body().get("stage").asText()).isEqualTo("AGREED");
        Answer met = post("/api/relationships/" + id + "/meetings",
                "{\"meetingId\":\"m1\",\"heldOn\":\"2025-03-20\",\"durationMinutes\":60,\"privateNotes\":\"notes\",\"tasks\":[\"update CV\"]}");
        assertThat(met.body().get("stage").asText()).isEqualTo("IN_PROGRESS");
        assertThat(post("/api/relationships/" + id + "/goals/g1/achieve", "{\"achievedOn\":\"2025-06-01\"}").status()).isEqualTo(200);
        Answer closed = post("/api/relationships/" + id + "/close", "{\"closedOn\":\"2025-11-30\",\"continueContact\":true}",
                "If-Match", "\"3\"");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body().get("stage").asText()).isEqualTo("CLOSED");
        assertThat(closed.body().get("version").asLong()).isEqualTo(4);
        assertThat(post("/api/relationships/" + id + "/evaluations",
                "{\"by\":\"MENTEE\",\"rating\":5,\"goalsMet\":\"FULLY\",\"comments\":\"kiitos\"}").body().get("version").asLong())
                .isEqualTo(5);

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT sequence_number, payload_type, payload_revision, pg_typeof(payload)::text AS payload_column,
                       convert_from(payload, 'UTF8') AS payload_json, convert_from(meta_data, 'UTF8') AS meta_json
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""", id);
        assertThat(rows).extracting(row -> ((Number) row.get("sequence_number")).longValue())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(rows).extracting(row -> row.get("payload_type")).containsExactly(
                "fi.mentoringledger.api.relationship.RelationshipStarted",
                "fi.mentoringledger.api.relationship.AgreementSigned",
                "fi.mentoringledger.api.relationship.MeetingRecorded",
                "fi.mentoringledger.api.relationship.GoalAchieved",
                "fi.mentoringledger.api.relationship.RelationshipClosed",
                "fi.mentoringledger.api.relationship.EvaluationSubmitted");
        assertThat(rows).allSatisfy(row -> assertThat(row.get("payload_column")).isEqualTo("bytea"));
        assertThat(rows).extracting(row -> row.get("payload_revision")).containsExactly("1", "1", "2", "1", "1", "1");
        JsonNode startedPayload = json.readTree((String) rows.get(0).get("payload_json"));
        assertThat(startedPayload.get("startedOn").asText()).isEqualTo("2025-03-01");
        assertThat(startedPayload.at("/mentee/id").asText()).isEqualTo("mentee-1");
        JsonNode sealedName = startedPayload.at("/mentee/name");
        assertThat(sealedName.isObject()).as("personal data is stored sealed, an object in place of the text: %s",
                sealedName).isTrue();
        assertThat(sealedName.get("sealed").asText()).isEqualTo("pd2");
        assertThat(sealedName.get("keys")).as("the mentee's key alone").hasSize(1);
        assertThat(sealedName.toString()).doesNotContain("Eero", "Aktori");
        JsonNode sealedNotes = json.readTree((String) rows.get(2).get("payload_json")).get("privateNotes");
        assertThat(sealedNotes.get("keys")).as("the pair's text: both participants' keys").hasSize(2);

        JsonNode metadata = json.readTree((String) rows.get(0).get("meta_json"));
        assertThat(metadata.get("correlationId").asText()).isEqualTo("req-" + id.substring(3, 20));
        assertThat(metadata.get("actor").asText()).isEqualTo(TestUsers.ADMIN.username());
        assertThat(metadata.fieldNames()).toIterable().containsExactlyInAnyOrder("correlationId", "actor");
        assertThat(json.readTree((String) rows.get(1).get("meta_json")).get("correlationId").asText())
                .isNotBlank().isNotEqualTo("req-" + id.substring(3, 20));
    }

    @Test
    void theSchemaBelongsToFlywayAndNoLargeObjectsAreWritten() throws Exception {
        post("/api/relationships", start(newId()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_largeobject_metadata", Long.class)).isZero();
        assertThat(jdbc.queryForList("""
                SELECT column_name FROM information_schema.columns
                WHERE table_name IN ('domain_event_entry', 'snapshot_event_entry', 'token_entry', 'dead_letter_entry')
                  AND data_type = 'oid'""")).isEmpty();
        assertThat(jdbc.queryForObject(
                "SELECT bool_and(success) FROM flyway_event_store_history WHERE version IS NOT NULL", Boolean.class))
                .isTrue();
        assertThat(jdbc.queryForObject(
                "SELECT increment_by FROM pg_sequences WHERE sequencename = 'domain_event_entry_seq'", Long.class))
                .isEqualTo(1L);
    }

    @Test
    void retriesWithTheSameIdsRecordOnceAndAnswerTheSame() throws Exception {
        String id = newId();
        Answer first = post("/api/relationships", start(id));
        Answer again = post("/api/relationships", start(id));
        assertThat(again.status()).isEqualTo(first.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        String meeting = "{\"meetingId\":\"m-1\",\"heldOn\":\"2025-03-05\"}";
        Answer met = post("/api/relationships/" + id + "/meetings", meeting);
        assertThat(post("/api/relationships/" + id + "/meetings", meeting).body()).isEqualTo(met.body());
        assertThat(eventCount(id)).isEqualTo(2);

        Answer different = post("/api/relationships", start(id).replace("\"fi\"", "\"sv\""));
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.body().get("rule").asText()).isEqualTo("conflicting-retry");
        assertThat(eventCount(id)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON                 | /api/relationships         | {"mentor":                                                 | body
            unknown enum value             | /terminate                 | {"reason":"BORED","initiatedBy":"MENTEE"}                   | reason
            impossible date                | /meetings                  | {"heldOn":"2025-02-30"}                                    | heldOn
            date in the future             | /meetings                  | {"heldOn":"2999-01-01"}                                    | heldOn
            date before the start          | /meetings                  | {"heldOn":"2024-12-31"}                                    | heldOn
            rating above five              | /evaluations               | {"by":"MENTOR","rating":6,"goalsMet":"FULLY"}              | rating
            rating as a fraction           | /evaluations               | {"by":"MENTOR","rating":4.5,"goalsMet":"FULLY"}            | rating
            missing reason for a pause     | /pause                     | {}                                                         | reason
            unknown field                  | /pause                     | {"reason":"summer","pausedUntil":"2025-09-01"}             | pausedUntil
            no goals in an agreement       | /agree                     | {"goals":[],"groundRules":{"contactChannel":"x","meetingFrequency":"y"}} | goals
            duration of zero minutes       | /meetings                  | {"heldOn":"2025-03-05","durationMinutes":0}                | durationMinutes
            blank mentor name              | /api/relationships         | {"mentor":{"id":"a","name":" "},"mentee":{"id":"b","name":"B"},"language":"fi"} | mentor.name
            language that is no tag        | /api/relationships         | {"mentor":{"id":"a","name":"A"},"mentee":{"id":"b","name":"B"},"language":"suomi kieli"} | language
            reopening without a reason     | /reopen                    | {}                                                         | reason
            a blank reason for a withdrawal | /meetings/m-1/withdraw    | {"reason":"  "}                                            | reason
            a correction without its date  | /date-corrections          | {"version":0,"reason":"typo"}                              | correctedDate
            a negative version corrected   | /date-corrections          | {"version":-1,"correctedDate":"2025-03-02","reason":"typo"} | version
            an evaluation by nobody        | /evaluations/coach/withdraw | {"reason":"wrong party"}                                  | by
            """)
    void invalidRequestsAreRefusedWithTheFieldNamedAndNothingRecorded(String what, String path, String body,
            String field) throws Exception {
        String id = newId();
        post("/api/relationships", start(id));
        long before = eventCount();
        String target = path.startsWith("/api") ? path : "/api/relationships/" + id + path;
        Answer refused = post(target, body);
        assertThat(refused.status()).as(what).isEqualTo(400);
        assertThat(refused.raw().headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(refused.body().get("errors")).extracting(error -> error.get("field").asText()).contains(field);
        assertThat(refused.body().get("type").asText()).isNotBlank();
        assertThat(refused.body().get("title").asText()).isNotBlank();
        assertThat(refused.body().get("detail").asText()).isNotBlank();
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void correctionsAreRecordedAsEventsBesideWhatTheyCorrect() throws Exception {
        String id = newId();
        post("/api/relationships", start(id));
        post("/api/relationships/" + id + "/agree", AGREEMENT);
        post("/api/relationships/" + id + "/meetings", "{\"meetingId\":\"m-1\",\"heldOn\":\"2025-03-10\"}");

        Answer corrected = post("/api/relationships/" + id + "/date-corrections",
                "{\"version\":2,\"correctedDate\":\"2025-03-11\",\"reason\":\"a typo in the day\"}", "If-Match", "\"2\"");
        Answer unknownEntry = post("/api/relationships/" + id + "/date-corrections",
                "{\"version\":9,\"correctedDate\":\"2025-03-11\",\"reason\":\"a typo in the day\"}");
        Answer withdrawn = post("/api/relationships/" + id + "/meetings/m-1/withdraw",
                "{\"reason\":\"logged on the wrong relationship\"}");
        Answer withdrawnAgain = post("/api/relationships/" + id + "/meetings/m-1/withdraw",
                "{\"reason\":\"logged on the wrong relationship\"}");
        post("/api/relationships/" + id + "/terminate", "{\"reason\":\"MISMATCH\",\"initiatedBy\":\"BOTH\"}");
        post("/api/relationships/" + id + "/evaluations", "{\"by\":\"MENTEE\",\"rating\":2,\"goalsMet\":\"NOT\"}");
        Answer evaluationWithdrawn = post("/api/relationships/" + id + "/evaluations/mentee/withdraw",
                "{\"reason\":\"meant for another relationship\"}");
        Answer reopened = post("/api/relationships/" + id + "/reopen", "{\"reason\":\"ended by mistake\"}");

        assertThat(corrected.status()).as(corrected.raw().body()).isEqualTo(200);
        assertThat(corrected.body().get("version").asLong()).isEqualTo(3);
        assertThat(unknownEntry.status()).isEqualTo(404);
        assertThat(withdrawn.body().get("stage").asText()).as("its only meeting withdrawn").isEqualTo("AGREED");
        assertThat(withdrawnAgain.body()).as("a retry").isEqualTo(withdrawn.body());
        assertThat(evaluationWithdrawn.status()).as(evaluationWithdrawn.raw().body()).isEqualTo(200);
        assertThat(reopened.body().get("stage").asText()).isEqualTo("AGREED");
        assertThat(eventCount(id)).isEqualTo(9);
    }

    @Test
    void everyInvalidFieldIsListed() throws Exception {
        Answer refused = post("/api/relationships",
                "{\"mentor\":{\"id\":\"\",\"name\":\"\"},\"language\":\"x\",\"startedOn\":\"2999-01-01\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors")).extracting(error -> error.get("field").asText())
                .contains("mentor.id", "mentor.name", "mentee", "language", "startedOn");
    }

    @Test
    void idsThatASpreadsheetWouldRunOrALogWouldSplitAreRefused() throws Exception {
        long before = eventCount();
        String formula = "=HYPERLINK(\\\"http://evil.example\\\",\\\"report\\\")";

        Answer programme = post("/api/relationships", start(newId()).replace("\"womento-2025\"", "\"" + formula + "\""));
        Answer person = post("/api/relationships", start(newId()).replace("\"mentor-1\"", "\"mentor-1\\r\\nINFO forged\""));
        Answer relationship = post("/api/relationships", start("-" + newId()));
        String id = newId();
        post("/api/relationships", start(id));
        Answer meeting = post("/api/relationships/" + id + "/meetings", "{\"meetingId\":\"@SUM(A1)\",\"heldOn\":\"2025-03-10\"}");

        assertThat(programme.status()).as(programme.raw().body()).isEqualTo(400);
        assertThat(programme.body().get("errors").get(0).get("field").asText()).isEqualTo("programmeId");
        assertThat(person.status()).as(person.raw().body()).isEqualTo(400);
        assertThat(person.body().get("errors").get(0).get("field").asText()).isEqualTo("mentor.id");
        assertThat(relationship.status()).isEqualTo(400);
        assertThat(relationship.body().get("errors").get(0).get("field").asText()).isEqualTo("relationshipId");
        assertThat(meeting.status()).isEqualTo(400);
        assertThat(meeting.body().get("errors").get(0).get("field").asText()).isEqualTo("meetingId");
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void unknownRelationshipsGoalsAndConcernsAreNotFound() throws Exception {
        assertThat(post("/api/relationships/" + newId() + "/pause", "{\"reason\":\"summer\"}").status()).isEqualTo(404);
        String id = newId();
        post("/api/relationships", start(id));
        post("/api/relationships/" + id + "/agree", AGREEMENT);
        long before = eventCount();
        Answer unknownGoal = post("/api/relationships/" + id + "/goals/no-such-goal/achieve", "");
        assertThat(unknownGoal.status()).isEqualTo(404);
        assertThat(unknownGoal.raw().headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(post("/api/relationships/" + id + "/concerns/no-such-concern/resolve", "{}").status()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void anActionTheStageDoesNotAllowIsAConflictNamingTheStage() throws Exception {
        String id = newId();
        post("/api/relationships", start(id));
        long before = eventCount();
        Answer refused = post("/api/relationships/" + id + "/close", "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("stage").asText()).isEqualTo("STARTED");
        assertThat(refused.body().get("action").asText()).isEqualTo("CLOSE");
        assertThat(refused.body().get("detail").asText()).contains("STARTED");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aStaleIfMatchIsAPreconditionFailure() throws Exception {
        String id = newId();
        post("/api/relationships", start(id));
        post("/api/relationships/" + id + "/agree", AGREEMENT);
        long before = eventCount();
        Answer stale = post("/api/relationships/" + id + "/pause", "{\"reason\":\"summer\"}", "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(eventCount()).isEqualTo(before);
        Answer current = post("/api/relationships/" + id + "/pause", "{\"reason\":\"summer\"}", "If-Match", "\"1\"");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.raw().headers().firstValue("ETag")).contains("\"2\"");
        assertThat(post("/api/relationships/" + id + "/resume", "", "If-Match", "two").status()).isEqualTo(400);
    }

    @Test
    void datesLeftOutAreTodayInTheProgrammesTimeZone() throws Exception {
        String id = newId();
        String body = start(id).replace(",\"startedOn\":\"2025-03-01\"", "");
        LocalDate before = LocalDate.now(ZoneId.of("Europe/Helsinki"));
        assertThat(post("/api/relationships", body).status()).isEqualTo(201);
        LocalDate after = LocalDate.now(ZoneId.of("Europe/Helsinki"));
        String stored = jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, id);
        assertThat(json.readTree(stored).get("startedOn").asText()).isIn(before.toString(), after.toString());
    }
}
