package fi.mentoringledger.query.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.ApiContract;
import fi.mentoringledger.query.support.BrowserSession;
import fi.mentoringledger.query.support.CommandServiceProcess;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.security.TestUsers.User;

/**
 * The pages' commands through the query-service's origin: a browser session (form sign-in, CSRF
 * token) reaches the command-service as the signed-in person, who is the event's actor; what a
 * cross-site page could send is refused and records nothing; a read with {@code minVersion} shows
 * the command just answered. Both services run for real on PostgreSQL. Every answer of the API is
 * also held against the OpenAPI document ({@link ApiContract}).
 */
class CommandRelayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApiContract CONTRACT = ApiContract.served();
    private static final User ORGANISER = TestUsers.user("organiser-relay", "ORGANISER", null, "womento");
    private static final User MENTEE = TestUsers.user("mentee-relay", "MENTEE", "p-relay-mentee");
    private static final User MENTOR = TestUsers.user("mentor-relay", "MENTOR", "p-relay-mentor");

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static CommandServiceProcess commands;
    private static QueryApp query;

    @BeforeAll
    static void bothServices() {
        commands = database.closeAfterAll(
                CommandServiceProcess.start(database, TestUsers.ADMIN, ORGANISER, MENTEE, MENTOR));
        query = database.closeAfterAll(QueryApp.start(database, commands, TestUsers.ADMIN, ORGANISER, MENTEE, MENTOR));
    }

    @Test
    void anOrganiserFormsAPairAndTheMenteeSignsTheAgreementEachAsThemselvesAndTheReadsIncludeIt() throws Exception {
        BrowserSession organiser = signIn(ORGANISER);
        String id = "relay-" + UUID.randomUUID();

        HttpResponse<String> started = organiser.postJson("/api/relationships", start(id, "womento"));

        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        assertThat(started.headers().firstValue("Location")).hasValue("/api/relationships/" + id);
        assertThat(started.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(JSON.readTree(started.body()).get("stage").asText()).isEqualTo("STARTED");

        BrowserSession mentee = signIn(MENTEE);
        HttpResponse<String> agreed = mentee.postJson("/api/relationships/" + id + "/agree", """
                {"goals":[{"goalId":"g1","description":"A first job in my field"}],
                 "groundRules":{"contactChannel":"Teams","meetingFrequency":"monthly"},"agreedOn":"2025-03-08"}""",
                "\"0\"");
        assertThat(agreed.statusCode()).as(agreed.body()).isEqualTo(200);
        long version = JSON.readTree(agreed.body()).get("version").asLong();

        JsonNode summary = mentee.getJson("/api/relationships/" + id + "?minVersion=" + version);
        assertThat(summary.get("stage").asText()).isEqualTo("AGREED");
        assertThat(summary.get("version").asLong()).isEqualTo(version);
        JsonNode entries = mentee.getJson("/api/relationships/" + id + "/history?minVersion=" + version).get("entries");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("actor").asText()).isEqualTo(ORGANISER.username());
        assertThat(entries.get(1).get("actor").asText()).isEqualTo(MENTEE.username());
    }

    @Test
    void theCommandServiceStillDecidesWhoMayDoWhat() throws Exception {
        BrowserSession mentee = signIn(MENTEE);
        String id = "relay-" + UUID.randomUUID();

        HttpResponse<String> startByMentee = mentee.postJson("/api/relationships", start(id, "womento"));
        HttpResponse<String> startElsewhere = signIn(ORGANISER).postJson("/api/relationships",
                start(id, "another-programme"));

        assertThat(startByMentee.statusCode()).as(startByMentee.body()).isEqualTo(403);
        assertThat(startByMentee.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(startElsewhere.statusCode()).as(startElsewhere.body()).isEqualTo(403);
        assertThat(eventCount(id)).isZero();
    }

    @Test
    void aStaleVersionAndAnInvalidBodyComeBackAsTheCommandServiceAnswers() throws Exception {
        BrowserSession organiser = signIn(ORGANISER);
        String id = "relay-" + UUID.randomUUID();
        assertThat(organiser.postJson("/api/relationships", start(id, "womento")).statusCode()).isEqualTo(201);
        BrowserSession mentor = signIn(MENTOR);

        HttpResponse<String> stale = mentor.postJson("/api/relationships/" + id + "/meetings",
                "{\"heldOn\":\"2025-03-10\"}", "\"7\"");
        HttpResponse<String> invalid = mentor.postJson("/api/relationships/" + id + "/meetings",
                "{\"heldOn\":\"not a date\"}", null);

        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
        assertThat(JSON.readTree(stale.body()).get("currentVersion").asLong()).isZero();
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).get("errors").get(0).get("field").asText()).isEqualTo("heldOn");
        assertThat(eventCount(id)).isEqualTo(1);
    }

    @Test
    void whatAnotherSiteCouldSendWithTheSessionIsRefusedAndRecordsNothing() throws Exception {
        BrowserSession organiser = signIn(ORGANISER);
        String id = "relay-" + UUID.randomUUID();
        String form = "relationshipId=" + id + "&programmeId=womento";

        // A cross-site HTML form: the session cookie at most, never the page's CSRF header.
        HttpResponse<String> crossSiteForm = organiser.post("/api/relationships",
                "application/x-www-form-urlencoded", form, false);
        HttpResponse<String> crossSiteJson = organiser.post("/api/relationships", "application/json",
                start(id, "womento"), false);
        // Even with the token, only JSON is relayed: text/plain is what a form can dress JSON in.
        HttpResponse<String> textPlain = organiser.post("/api/relationships", "text/plain", start(id, "womento"), true);
        HttpResponse<String> formWithToken = organiser.post("/api/relationships",
                "application/x-www-form-urlencoded", form, true);

        assertThat(crossSiteForm.statusCode()).isEqualTo(403);
        assertThat(crossSiteJson.statusCode()).isEqualTo(403);
        assertThat(textPlain.statusCode()).as(textPlain.body()).isEqualTo(415);
        assertThat(formWithToken.statusCode()).as(formWithToken.body()).isEqualTo(415);
        assertThat(eventCount(id)).isZero();
    }

    @Test
    void aCommandWithoutABodyIsRelayedWithoutOne() throws Exception {
        // The erasure is such a command: the page posts no body, and a relay that adds a content
        // type of its own (application/octet-stream) has it refused with 415.
        String id = "relay-" + UUID.randomUUID();
        assertThat(signIn(ORGANISER).postJson("/api/relationships", start(id, "womento").replace(
                "p-relay-mentee", "p-relay-erased")).statusCode()).isEqualTo(201);
        BrowserSession admin = signIn(TestUsers.ADMIN);

        HttpResponse<String> erased = admin.postWithoutBody("/api/people/p-relay-erased/erasure");

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(JSON.readTree(erased.body()).get("relationships").toString()).isEqualTo("[\"" + id + "\"]");
        assertThat(eventCount(id)).isEqualTo(2);
    }

    @Test
    void theBrowserLearnsWhoIsSignedInButNeverAToken() throws Exception {
        BrowserSession organiser = signIn(ORGANISER);

        JsonNode me = organiser.getJson("/api/me");

        assertThat(me.get("username").asText()).isEqualTo(ORGANISER.username());
        assertThat(me.get("roles").toString()).isEqualTo("[\"ORGANISER\"]");
        assertThat(me.get("programmes").toString()).isEqualTo("[\"womento\"]");
        assertThat(me.get("personId").isNull()).isTrue();
        assertThat(organiser.cookies()).filteredOn(cookie -> !cookie.getName()
                .equals("XSRF-TOKEN")).allSatisfy(cookie -> assertThat(cookie.isHttpOnly()).as(cookie.getName()).isTrue());
    }

    @Test
    void aReadThatCannotIncludeTheVersionAskedForAnswers503AndAnUnknownOne404() throws Exception {
        BrowserSession organiser = signIn(ORGANISER);
        String id = "relay-" + UUID.randomUUID();
        assertThat(organiser.postJson("/api/relationships", start(id, "womento")).statusCode()).isEqualTo(201);
        assertThat(organiser.get("/api/relationships/" + id + "?minVersion=0").statusCode()).isEqualTo(200);

        HttpResponse<String> ahead = organiser.get("/api/relationships/" + id + "?minVersion=5");
        HttpResponse<String> unknown = organiser.get("/api/relationships/relay-unknown?minVersion=0");
        HttpResponse<String> invalid = organiser.get("/api/relationships/" + id + "/history?minVersion=-1");

        assertThat(ahead.statusCode()).as(ahead.body()).isEqualTo(503);
        assertThat(ahead.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).get("errors").get(0).get("field").asText()).isEqualTo("minVersion");
    }

    private static String start(String id, String programme) {
        return """
                {"relationshipId":"%s","programmeId":"%s","mentor":{"id":"p-relay-mentor","name":"Maija Mentor"},
                 "mentee":{"id":"p-relay-mentee","name":"Eero Aktori"},"language":"fi","startedOn":"2025-03-01"}"""
                .formatted(id, programme);
    }

    private static long eventCount(String id) {
        return query.context().getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, id);
    }

    /** Every answer of the API (not the pages) must be one the OpenAPI document describes. */
    private static BrowserSession signIn(User user) throws Exception {
        return BrowserSession.signIn(query.base(), user, CONTRACT::assertConforms);
    }
}
