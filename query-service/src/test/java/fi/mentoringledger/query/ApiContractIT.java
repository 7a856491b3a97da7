package fi.mentoringledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.ApiContract;
import fi.mentoringledger.query.support.CommandServiceProcess;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.security.TestUsers.User;
import fi.mentoringledger.testsupport.ServiceClient;

/**
 * Both services, running for real on PostgreSQL, answer as their OpenAPI document says: a
 * relationship's whole life through the command-service and through the query-service's relay,
 * the refusals (400 with field errors, 401, 403, 404, 409, 412, 413, 415, 503 projection-behind),
 * the reads, the reports as JSON and CSV, an erasure and what it leaves in the reads, the dead
 * letters, the signed-in user, the metrics, the document itself and the admins' Swagger UI that
 * shows it. Every answer of the API goes through
 * {@link ApiContract}, which fails on a path, status, content type or field the document lacks;
 * each step also asserts the status, so that the answer checked is the one meant.
 */
class ApiContractIT {

    private static final String PROGRAMME = "contract";
    private static final User ORGANISER = TestUsers.user("organiser-contract", "ORGANISER", null, PROGRAMME);
    private static final User MENTOR = TestUsers.user("mentor-contract", "MENTOR", "p-contract-mentor");
    private static final User MENTEE = TestUsers.user("mentee-contract", "MENTEE", "p-contract-mentee");
    private static final ApiContract CONTRACT = ApiContract.served();

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static CommandServiceProcess commands;
    private static QueryApp query;
    private static ServiceClient commandService;
    private static ServiceClient queryService;

    @BeforeAll
    static void bothServices() {
        commands = database.closeAfterAll(
                CommandServiceProcess.start(database, TestUsers.ADMIN, ORGANISER, MENTOR, MENTEE));
        // A short wait for minVersion, so that the 503 projection-behind comes soon.
        query = database.closeAfterAll(QueryApp.start(database, commands,
                List.of("--mentoring.reads.consistency-wait=300ms"), TestUsers.ADMIN, ORGANISER, MENTOR, MENTEE));
        commandService = commands.client().checkedBy(CONTRACT::assertConforms);
        queryService = query.client().checkedBy(CONTRACT::assertConforms);
    }

    @Test
    void aRelationshipsLifeThroughBothServicesAnswersAsDocumented() {
        String id = "contract-" + UUID.randomUUID();

        HttpResponse<String> started = commandService.post(ORGANISER, "/api/relationships", start(id, "p-contract-mentee"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        assertThat(commandService.post(ORGANISER, "/api/relationships", start(id, "p-contract-mentee")).statusCode())
                .as("the same start again").isEqualTo(201);
        assertThat(commandService.post(MENTOR, "/api/relationships/" + id + "/meetings", "{\"heldOn\":\"2025-03-02\"}",
                "\"7\"").statusCode()).as("stale If-Match").isEqualTo(412);
        assertThat(queryService.post(MENTEE, "/api/relationships/" + id + "/agree", """
                {"goals":[{"goalId":"g1","description":"A first job in my field","milestones":["a CV"]}],
                 "groundRules":{"contactChannel":"Teams","meetingFrequency":"monthly"},"agreedOn":"2025-03-08"}""",
                "\"0\"").statusCode()).as("agree, relayed").isEqualTo(200);
        assertThat(commandService.post(MENTOR, "/api/relationships/" + id + "/meetings", """
                {"meetingId":"m1","heldOn":"2025-03-10","durationMinutes":60,"privateNotes":"CV reviewed",
                 "tasks":["send the CV"],"format":"REMOTE"}""").statusCode()).as("meeting").isEqualTo(200);
        assertThat(commandService.post(MENTEE, "/api/relationships/" + id + "/goals/g1/achieve",
                "{\"achievedOn\":\"2025-03-11\"}").statusCode()).as("goal achieved").isEqualTo(200);
        assertThat(commandService.post(MENTEE, "/api/relationships/" + id + "/concerns", """
                {"concernId":"c1","raisedBy":"MENTEE","description":"Meetings get cancelled","organiserContacted":true}""")
                .statusCode()).as("concern").isEqualTo(200);
        assertThat(queryService.post(MENTOR, "/api/relationships/" + id + "/concerns/c1/resolve",
                "{\"resolution\":\"Agreed on a fixed day\"}").statusCode()).as("resolve, relayed").isEqualTo(200);
        assertThat(commandService.post(MENTOR, "/api/relationships/" + id + "/close",
                "{\"closedOn\":\"2025-03-20\",\"summary\":\"Done\",\"continueContact\":true}").statusCode())
                .as("close").isEqualTo(200);
        HttpResponse<String> evaluated = commandService.post(MENTEE, "/api/relationships/" + id + "/evaluations",
                "{\"by\":\"MENTEE\",\"rating\":5,\"goalsMet\":\"FULLY\",\"comments\":\"Thank you\"}");
        assertThat(evaluated.statusCode()).as(evaluated.body()).isEqualTo(200);
        long version = QueryApp.parse(evaluated.body()).get("version").asLong();

        HttpResponse<String> notAllowed = queryService.post(MENTOR, "/api/relationships/" + id + "/meetings",
                "{\"heldOn\":\"2025-03-21\"}");
        assertThat(notAllowed.statusCode()).as(notAllowed.body()).isEqualTo(409);
        assertThat(QueryApp.parse(notAllowed.body()).get("stage").asText()).isEqualTo("CLOSED");

        HttpResponse<String> summary = queryService.get(MENTEE, "/api/relationships/" + id + "?minVersion=" + version);
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        assertThat(QueryApp.parse(summary.body()).get("goals")).hasSize(1);
        assertThat(queryService.get(MENTEE, "/api/relationships/" + id + "?minVersion=" + (version + 5)).statusCode())
                .as("projection-behind").isEqualTo(503);
        HttpResponse<String> history = queryService.get(MENTOR, "/api/relationships/" + id + "/history?minVersion="
                + version);
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        assertThat(QueryApp.parse(history.body()).get("entries")).hasSize((int) version + 1);
        assertThat(queryService.get(ORGANISER, "/api/relationships/" + id + "/history").statusCode())
                .as("the organiser's history, without the private text").isEqualTo(200);
        assertThat(queryService.get(ORGANISER, "/api/relationships?programmeId=" + PROGRAMME + "&size=10")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void theRefusalsAreTheDocumentedProblems() {
        String id = "contract-" + UUID.randomUUID();
        assertThat(commandService.post(ORGANISER, "/api/relationships", start(id, "p-contract-mentee")).statusCode())
                .isEqualTo(201);

        HttpResponse<String> invalid = commandService.post(MENTOR, "/api/relationships/" + id + "/meetings",
                "{\"heldOn\":\"not a date\",\"durationMinutes\":0}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(QueryApp.parse(invalid.body()).get("errors").get(0).get("field").asText()).isEqualTo("heldOn");
        assertThat(commandService.post(ORGANISER, "/api/relationships", "{\"mentor\":{\"id\":\"\"},\"language\":\"x\"}")
                .statusCode()).as("every field").isEqualTo(400);
        assertThat(queryService.get(ORGANISER, "/api/relationships?size=0&stage=NOPE").statusCode()).isEqualTo(400);
        HttpResponse<String> rule = commandService.post(ORGANISER, "/api/relationships", start(id, "someone-else"));
        assertThat(rule.statusCode()).as("the same id with other content").isEqualTo(409);

        assertThat(commandService.send("POST", "/api/relationships", null, "application/json", start(id, "x"))
                .statusCode()).isEqualTo(401);
        assertThat(queryService.get(null, "/api/relationships").statusCode()).isEqualTo(401);
        assertThat(queryService.get(null, "/api/me").statusCode()).isEqualTo(401);

        assertThat(commandService.post(MENTEE, "/api/relationships", start("contract-" + UUID.randomUUID(), "x"))
                .statusCode()).as("a mentee may not start").isEqualTo(403);
        assertThat(queryService.get(MENTOR, "/api/admin/dead-letters").statusCode()).isEqualTo(403);
        assertThat(queryService.get(MENTOR, "/api/reports/outcomes").statusCode()).isEqualTo(403);
        assertThat(queryService.get(MENTOR, "/api/reports/reason-schemes").statusCode()).isEqualTo(403);
        assertThat(commandService.post(ORGANISER, "/api/people/p-contract-mentee/erasure", "").statusCode())
                .isEqualTo(403);

        assertThat(queryService.get(ORGANISER, "/api/relationships/contract-unknown").statusCode()).isEqualTo(404);
        assertThat(queryService.get(ORGANISER, "/api/relationships/contract-unknown/history").statusCode())
                .isEqualTo(404);
        assertThat(commandService.post(ORGANISER, "/api/relationships/contract-unknown/pause", "{\"reason\":\"x\"}")
                .statusCode()).isEqualTo(404);
        assertThat(commandService.post(TestUsers.ADMIN, "/api/people/p-contract-nobody/erasure", "").statusCode())
                .isEqualTo(404);

        assertThat(commandService.send("POST", "/api/relationships/" + id + "/pause", ORGANISER, "text/plain",
                "{\"reason\":\"x\"}").statusCode()).isEqualTo(415);
        assertThat(queryService.send("POST", "/api/relationships/" + id + "/pause", ORGANISER,
                "application/x-www-form-urlencoded", "reason=x").statusCode()).isEqualTo(415);
        String tooLarge = "{\"reason\":\"" + "x".repeat(1_100_000) + "\"}";
        assertThat(commandService.post(ORGANISER, "/api/relationships/" + id + "/pause", tooLarge).statusCode())
                .isEqualTo(413);
        assertThat(queryService.post(ORGANISER, "/api/relationships/" + id + "/pause", tooLarge).statusCode())
                .isEqualTo(413);
    }

    @Test
    void theReadsReportsAndAdminEndpointsAnswerAsDocumented() {
        String open = "contract-" + UUID.randomUUID();
        assertThat(commandService.post(ORGANISER, "/api/relationships", start(open, "p-contract-mentee")).statusCode())
                .isEqualTo(201);
        assertThat(commandService.post(MENTEE, "/api/relationships/" + open + "/concerns", """
                {"raisedBy":"MENTEE","description":"No time","organiserContacted":true}""").statusCode())
                .isEqualTo(200);
        assertThat(queryService.get(ORGANISER, "/api/relationships/" + open + "?minVersion=1").statusCode())
                .isEqualTo(200);

        HttpResponse<String> attention = queryService.get(ORGANISER, "/api/relationships/attention?programmeId="
                + PROGRAMME + "&inactiveDays=30");
        assertThat(attention.statusCode()).isEqualTo(200);
        assertThat(QueryApp.parse(attention.body()).get("items")).isNotEmpty();
        assertThat(queryService.get(ORGANISER, "/api/reports/outcomes?programmeId=" + PROGRAMME).statusCode())
                .isEqualTo(200);
        assertThat(queryService.get(TestUsers.ADMIN, "/api/reports/outcomes?groupBy=startQuarter").statusCode())
                .isEqualTo(200);
        HttpResponse<String> csv = queryService.send("GET", "/api/reports/outcomes?groupBy=programme", ORGANISER,
                null, null, "Accept", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(queryService.get(ORGANISER, "/api/reports/outcomes?startedFrom=2025-02-30").statusCode())
                .isEqualTo(400);
        assertThat(queryService.get(ORGANISER, "/api/reports/reason-schemes").body()).isEqualTo("[]");
        assertThat(queryService.get(ORGANISER, "/api/reports/outcomes?reasonScheme=funder").statusCode())
                .as("none is configured").isEqualTo(400);
        HttpResponse<String> retention = queryService.get(ORGANISER, "/api/reports/retention?programmeId=" + PROGRAMME
                + "&groupBy=startMonth");
        assertThat(retention.statusCode()).isEqualTo(200);
        assertThat(QueryApp.parse(retention.body()).get("groups")).isNotEmpty();
        assertThat(queryService.get(TestUsers.ADMIN, "/api/reports/retention").statusCode()).isEqualTo(200);
        HttpResponse<String> retentionCsv = queryService.send("GET", "/api/reports/retention", ORGANISER, null, null,
                "Accept", "text/csv");
        assertThat(retentionCsv.statusCode()).isEqualTo(200);
        assertThat(retentionCsv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(queryService.get(ORGANISER, "/api/reports/retention?groupBy=week").statusCode()).isEqualTo(400);
        assertThat(queryService.get(MENTOR, "/api/reports/retention").statusCode()).isEqualTo(403);
        assertThat(queryService.get(ORGANISER, "/api/reports/warning-signs?programmeId=" + PROGRAMME).statusCode())
                .isEqualTo(200);
        assertThat(queryService.get(MENTOR, "/api/reports/warning-signs").statusCode()).isEqualTo(403);
        String thresholds = "/api/programmes/" + PROGRAMME + "/attention-thresholds";
        assertThat(queryService.get(ORGANISER, thresholds).statusCode()).isEqualTo(200);
        assertThat(queryService.send("PUT", thresholds, ORGANISER, "application/json",
                "{\"inactiveDays\":45,\"pausedDays\":90}").statusCode()).isEqualTo(200);
        assertThat(queryService.get(ORGANISER, thresholds).statusCode()).isEqualTo(200);
        assertThat(queryService.send("PUT", thresholds, ORGANISER, "application/json",
                "{\"inactiveDays\":0,\"pausedDays\":90}").statusCode()).isEqualTo(400);
        assertThat(queryService.send("PUT", thresholds, MENTOR, "application/json",
                "{\"inactiveDays\":45,\"pausedDays\":90}").statusCode()).isEqualTo(403);

        HttpResponse<String> me = queryService.get(MENTOR, "/api/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(QueryApp.parse(me.body()).get("personId").asText()).isEqualTo("p-contract-mentor");
        assertThat(queryService.get(TestUsers.ADMIN, "/api/admin/processors").statusCode()).isEqualTo(200);
        assertThat(queryService.get(TestUsers.ADMIN, "/api/admin/dead-letters").statusCode()).isEqualTo(200);
        assertThat(queryService.post(TestUsers.ADMIN, "/api/admin/dead-letters/retry", "").statusCode())
                .isEqualTo(200);
        for (ServiceClient service : List.of(commandService, queryService)) {
            HttpResponse<String> metrics = service.send("GET", "/actuator/prometheus", TestUsers.ADMIN, null, null,
                    "Accept", "text/plain");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE ");
            assertThat(service.get(TestUsers.ADMIN, "/actuator/prometheus").statusCode()).as("JSON asked for")
                    .isEqualTo(406);
        }
        assertThat(queryService.get(MENTOR, "/actuator/prometheus").statusCode()).isEqualTo(403);
        for (ServiceClient service : List.of(commandService, queryService)) {
            assertThat(service.get(null, "/actuator/health").statusCode()).isEqualTo(200);
            assertThat(service.get(null, "/actuator/info").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void bothServicesServeTheDocumentToAnySignedInUser() {
        for (ServiceClient service : List.of(commandService, queryService)) {
            HttpResponse<String> document = service.send("GET", "/api/openapi.yaml", MENTEE, null, null,
                    "Accept", "application/yaml, */*");
            assertThat(document.statusCode()).isEqualTo(200);
            assertThat(document.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
            assertThat(document.body()).isEqualTo(ApiContract.document());
            assertThat(service.send("GET", "/api/openapi.yaml", null, null, null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void swaggerUiShowsTheDocumentToAdminsOnly() {
        for (ServiceClient service : List.of(commandService, queryService)) {
            HttpResponse<String> config = service.unchecked().get(TestUsers.ADMIN, "/v3/api-docs/swagger-config");
            assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
            assertThat(QueryApp.parse(config.body()).get("url").asText()).isEqualTo("/api/openapi.yaml");
            assertThat(service.unchecked().get(TestUsers.ADMIN, "/swagger-ui/index.html").statusCode()).isEqualTo(200);
            HttpResponse<String> generated = service.unchecked().get(TestUsers.ADMIN, "/v3/api-docs");
            assertThat(generated.statusCode()).isEqualTo(200);
            assertThat(QueryApp.parse(generated.body()).path("paths").size()).as("nothing generated").isZero();
            assertThat(service.unchecked().get(MENTOR, "/swagger-ui/index.html").statusCode()).isEqualTo(403);
            assertThat(service.unchecked().get(MENTOR, "/v3/api-docs/swagger-config").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void anErasureAndTheErasedPersonInTheReadsAnswerAsDocumented() {
        String erased = "p-contract-erased-" + UUID.randomUUID();
        String id = "contract-" + UUID.randomUUID();
        assertThat(commandService.post(ORGANISER, "/api/relationships", start(id, erased)).statusCode()).isEqualTo(201);

        HttpResponse<String> erasure = queryService.post(TestUsers.ADMIN, "/api/people/" + erased + "/erasure", "");
        assertThat(erasure.statusCode()).as(erasure.body()).isEqualTo(200);
        assertThat(QueryApp.parse(erasure.body()).get("relationships").toString()).isEqualTo("[\"" + id + "\"]");
        assertThat(commandService.post(TestUsers.ADMIN, "/api/people/" + erased + "/erasure", "").statusCode())
                .as("erased again").isEqualTo(200);

        HttpResponse<String> summary = queryService.get(ORGANISER, "/api/relationships/" + id + "?minVersion=1");
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        JsonNode mentee = QueryApp.parse(summary.body()).get("mentee");
        assertThat(mentee.get("erased").asBoolean()).isTrue();
        assertThat(mentee.get("name").isNull()).isTrue();
        assertThat(queryService.get(ORGANISER, "/api/relationships/" + id + "/history?minVersion=1").statusCode())
                .isEqualTo(200);
        assertThat(commandService.post(ORGANISER, "/api/relationships/" + id + "/terminate",
                "{\"reason\":\"ORGANISER_DECISION\",\"initiatedBy\":\"ORGANISER\"}").statusCode()).isEqualTo(200);
    }

    private static String start(String id, String menteeId) {
        return """
                {"relationshipId":"%s","programmeId":"%s","mentor":{"id":"p-contract-mentor","name":"Maija Mentor"},
                 "mentee":{"id":"%s","name":"Eero Aktori"},"language":"fi","startedOn":"2025-03-01"}"""
                .formatted(id, PROGRAMME, menteeId);
    }
}
