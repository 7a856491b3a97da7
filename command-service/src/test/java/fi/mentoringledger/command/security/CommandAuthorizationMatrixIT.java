package fi.mentoringledger.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.security.TestUsers.User;
import fi.mentoringledger.testsupport.ServiceClient;

/**
 * Every command endpoint × every kind of caller, on a relationship of programme {@code own} whose
 * mentor is {@code p-mentor} and mentee {@code p-mentee}: the status each gets, that a refused
 * command records nothing, and that an accepted one names its caller as the actor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandAuthorizationMatrixIT {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static final ObjectMapper json = new ObjectMapper();

    static final User ADMIN = TestUsers.ADMIN;
    static final User ORGANISER = TestUsers.user("organiser", "ORGANISER", null, "own", "third");
    static final User ORGANISER_ELSEWHERE = TestUsers.user("organiser-elsewhere", "ORGANISER", null, "other");
    static final User MENTOR = TestUsers.user("mentor", "MENTOR", "p-mentor");
    static final User MENTEE = TestUsers.user("mentee", "MENTEE", "p-mentee");
    static final User OUTSIDER = TestUsers.user("outsider", "MENTOR,MENTEE", "p-outsider");

    /** The callers of each row's statuses, in this order; null is no sign-in at all. */
    static final List<User> CALLERS = java.util.Arrays.asList(ADMIN, ORGANISER, ORGANISER_ELSEWHERE, MENTOR, MENTEE,
            OUTSIDER, null);

    @DynamicPropertySource
    static void useTestDatabaseAndUsers(DynamicPropertyRegistry registry) {
        database.commandServiceProperties().forEach((name, value) -> registry.add(name, () -> value));
        TestUsers.properties(ADMIN, ORGANISER, ORGANISER_ELSEWHERE, MENTOR, MENTEE, OUTSIDER)
                .forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    static final String AGREEMENT = """
            {"goals":[{"goalId":"g1","description":"A first job in the field"}],
             "groundRules":{"contactChannel":"Teams","meetingFrequency":"monthly"},"agreedOn":"2025-03-08"}""";

    /** A step: the path after the relationship's own, and the body. */
    record Step(String path, String body) {
    }

    static final Step AGREE = new Step("/agree", AGREEMENT);
    static final Step MEET = new Step("/meetings", "{\"meetingId\":\"m1\",\"heldOn\":\"2025-03-20\",\"privateNotes\":\"secret\"}");
    static final Step CONCERN = new Step("/concerns",
            "{\"concernId\":\"c1\",\"raisedBy\":\"MENTEE\",\"description\":\"secret\",\"organiserContacted\":false}");
    static final Step PAUSE = new Step("/pause", "{\"reason\":\"holidays\",\"pausedOn\":\"2025-04-01\"}");
    static final Step TERMINATE = new Step("/terminate", "{\"reason\":\"MISMATCH\",\"initiatedBy\":\"BOTH\"}");

    /**
     * One row: the command, the steps (as an admin) that bring a fresh relationship to a stage where
     * the command is allowed, and the statuses of {@link #CALLERS}.
     */
    record Row(String name, List<Step> before, Step command, int... statuses) {
    }

    static final int[] PARTIES = {200, 403, 404, 200, 200, 404, 401};
    static final int[] MENTEE_SIDE = {200, 403, 404, 403, 200, 404, 401};

    static List<Row> rows() {
        return List.of(
                new Row("start", List.of(), null, 201, 201, 403, 403, 403, 403, 401),
                new Row("agree", List.of(), AGREE, PARTIES),
                new Row("amend the agreement", List.of(AGREE), new Step("/agreement-amendments", AGREEMENT), PARTIES),
                new Row("record a meeting", List.of(), MEET, PARTIES),
                new Row("mark a goal achieved", List.of(AGREE), new Step("/goals/g1/achieve", "{\"achievedOn\":\"2025-04-01\"}"),
                        PARTIES),
                new Row("raise a concern as the mentee", List.of(), CONCERN, MENTEE_SIDE),
                new Row("resolve a concern", List.of(CONCERN), new Step("/concerns/c1/resolve", "{}"), PARTIES),
                new Row("pause", List.of(AGREE), PAUSE, PARTIES),
                new Row("resume", List.of(AGREE, PAUSE), new Step("/resume", "{\"resumedOn\":\"2025-04-10\"}"), PARTIES),
                new Row("close", List.of(AGREE, MEET), new Step("/close", "{\"closedOn\":\"2025-06-01\"}"), PARTIES),
                new Row("terminate for a mismatch", List.of(), TERMINATE, PARTIES),
                new Row("terminate for an organiser decision", List.of(),
                        new Step("/terminate", "{\"reason\":\"ORGANISER_DECISION\",\"initiatedBy\":\"ORGANISER\"}"),
                        200, 200, 404, 403, 403, 404, 401),
                new Row("evaluate as the mentee", List.of(TERMINATE),
                        new Step("/evaluations", "{\"by\":\"MENTEE\",\"rating\":4,\"goalsMet\":\"PARTLY\"}"), MENTEE_SIDE));
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : rows()) {
            assertThat(row.statuses()).hasSameSizeAs(CALLERS);
            for (int i = 0; i < CALLERS.size(); i++) {
                User caller = CALLERS.get(i);
                cases.add(Arguments.of(row.name(), caller == null ? "nobody" : caller.username(), row, caller,
                        row.statuses()[i]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void eachCallerGetsTheStatusOfTheMatrixAndOnlyAnAcceptedCommandRecordsAnEvent(String action, String as, Row row,
            User caller, int expected) throws Exception {
        String id = "matrix-" + UUID.randomUUID();
        long before = 0;
        HttpResponse<String> response;
        if (row.command() == null) {
            response = post(caller, "/api/relationships", start(id));
        } else {
            assertThat(post(ADMIN, "/api/relationships", start(id)).statusCode()).isEqualTo(201);
            for (Step step : row.before()) {
                assertThat(post(ADMIN, "/api/relationships/" + id + step.path(), step.body()).statusCode())
                        .as(step.path()).isEqualTo(200);
            }
            before = eventCount(id);
            response = post(caller, "/api/relationships/" + id + row.command().path(), row.command().body());
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith(expected < 300 ? "application/json" : "application/problem+json");
        if (expected < 300) {
            assertThat(eventCount(id)).isEqualTo(before + 1);
            assertThat(lastActor(id)).isEqualTo(caller.username());
        } else {
            assertThat(eventCount(id)).as("a refused command records nothing").isEqualTo(before);
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(expected);
            assertThat(response.body()).doesNotContain("Exception", "at fi.", "SELECT");
        }
    }

    @Test
    void aHiddenRelationshipIsAnsweredExactlyAsOneThatDoesNotExist() throws Exception {
        String id = "matrix-" + UUID.randomUUID();
        assertThat(post(ADMIN, "/api/relationships", start(id)).statusCode()).isEqualTo(201);
        String missing = "matrix-" + UUID.randomUUID();

        HttpResponse<String> hidden = post(OUTSIDER, "/api/relationships/" + id + "/pause", PAUSE.body());
        HttpResponse<String> absent = post(OUTSIDER, "/api/relationships/" + missing + "/pause", PAUSE.body());

        assertThat(hidden.statusCode()).isEqualTo(absent.statusCode()).isEqualTo(404);
        assertThat(hidden.body().replace(id, "ID")).isEqualTo(absent.body().replace(missing, "ID"));
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsRefusedAlikeWithoutSayingWhy() throws Exception {
        User wrongPassword = new User(MENTOR.username(), MENTOR.password() + "x", "MENTOR", "p-mentor", "");
        User unknown = TestUsers.user("nobody-known", "ADMIN", null);
        HttpResponse<String> first = post(wrongPassword, "/api/relationships", start("matrix-" + UUID.randomUUID()));
        HttpResponse<String> second = post(unknown, "/api/relationships", start("matrix-" + UUID.randomUUID()));

        assertThat(first.statusCode()).isEqualTo(second.statusCode()).isEqualTo(401);
        assertThat(first.body()).isEqualTo(second.body());
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(first.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void healthNeedsNoSignInButNothingElseIsOpen() throws Exception {
        assertThat(get(null, "/actuator/health").statusCode()).isEqualTo(200);
        for (String path : List.of("/api/relationships", "/actuator/env", "/anything")) {
            assertThat(get(null, path).statusCode()).as(path).isEqualTo(401);
        }
    }

    static String start(String id) {
        return """
                {"relationshipId":"%s","programmeId":"own","mentor":{"id":"p-mentor","name":"Maija Mentor"},
                 "mentee":{"id":"p-mentee","name":"Eero Aktori"},"language":"fi","startedOn":"2025-03-01"}"""
                .formatted(id);
    }

    HttpResponse<String> post(User caller, String path, String body) throws Exception {
        return ServiceClient.onPort(port).accepting(null).send("POST", path, caller, "application/json", body);
    }

    HttpResponse<String> get(User caller, String path) throws Exception {
        return ServiceClient.onPort(port).accepting(null).send("GET", path, caller, null, null);
    }

    long eventCount(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, id);
    }

    /** As the services read it: a participant's name is sealed in the stored metadata. */
    String lastActor(String id) {
        byte[] metadata = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1", byte[].class, id);
        MetaData read = eventSerializer.deserialize(new SerializedMetaData<>(metadata, byte[].class));
        return (String) read.get("actor");
    }
}
