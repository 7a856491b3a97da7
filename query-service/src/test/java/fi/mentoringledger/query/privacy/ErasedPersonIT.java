package fi.mentoringledger.query.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.Browser;
import fi.mentoringledger.query.support.CommandServiceProcess;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.security.TestUsers.User;

/**
 * A person erased through the command API, seen through everything the query side serves: no
 * answer, CSV or dashboard page holds their name or their pairs' private text afterwards, not even
 * after a replay; every report figure is what it was; the erasure shows in both audit histories;
 * and the people who were not erased keep their names and their private text.
 */
class ErasedPersonIT {

    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final String PROGRAMME = "womento-erasure";

    static final User ADMIN = TestUsers.ADMIN;
    static final User ORGANISER = TestUsers.user("organiser", "ORGANISER", null, PROGRAMME);
    static final User RITVA = TestUsers.user("ritva.mentor", "MENTOR", "m-ritva");
    /** The person to be erased; their user name holds their name, as user names often do. */
    static final User AINO = TestUsers.user("aino.erasable", "MENTEE", "p-1042");
    static final User OLLI = TestUsers.user("olli.mentee", "MENTEE", "e-olli");
    static final User[] USERS = {ADMIN, ORGANISER, RITVA, AINO, OLLI};

    /**
     * What must be gone: the erased person's name and user name, and the text of their pairs,
     * private ({@code secret-of}) and personal ({@code personal-of}: goals, tasks, a concern
     * addressed to the organiser).
     */
    static final List<String> ERASED = List.of("aino", "erasable", "secret-of-a", "secret-of-b", "personal-of-a");

    static final String A = "erasure-a";
    static final String B = "erasure-b";
    static final String C = "erasure-c";

    static final List<String> REPORTS = List.of("/api/reports/outcomes", "/api/reports/outcomes?programmeId=" + PROGRAMME,
            "/api/reports/outcomes?groupBy=programme", "/api/reports/outcomes?groupBy=startMonth",
            "/api/reports/outcomes?groupBy=startQuarter");

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static CommandServiceProcess commands;
    private static QueryApp query;
    private static Map<String, String> reportsBefore;

    @BeforeAll
    static void threeRelationshipsThenAnErasure() {
        commands = database.closeAfterAll(CommandServiceProcess.start(database, USERS));
        query = database.closeAfterAll(QueryApp.start(database, USERS));

        start(A, "m-ritva", "Ritva Rautio", "p-1042", "Aino Erasable", "2025-02-03");
        command(AINO, A, "/agree", """
                {"goals":[{"goalId":"g1","description":"personal-of-a: a first job as a nurse"}],
                 "groundRules":{"contactChannel":"Teams","meetingFrequency":"monthly"},"agreedOn":"2025-02-10"}""");
        command(AINO, A, "/meetings", "{\"heldOn\":\"2025-02-20\",\"durationMinutes\":60,"
                + "\"privateNotes\":\"secret-of-a: Aino fears her manager\",\"tasks\":[\"personal-of-a: update the CV\"]}");
        command(AINO, A, "/concerns", "{\"raisedBy\":\"MENTEE\",\"description\":\"secret-of-a: the mentor is late\","
                + "\"organiserContacted\":false}");
        command(AINO, A, "/concerns", "{\"raisedBy\":\"MENTEE\",\"description\":\"personal-of-a: please call me\","
                + "\"organiserContacted\":true}");
        command(RITVA, A, "/close", "{\"closedOn\":\"2025-06-01\"}");
        command(AINO, A, "/evaluations", "{\"by\":\"MENTEE\",\"rating\":5,\"goalsMet\":\"FULLY\","
                + "\"comments\":\"secret-of-a: thank you Ritva\"}");
        command(RITVA, A, "/evaluations", "{\"by\":\"MENTOR\",\"rating\":4,\"goalsMet\":\"PARTLY\"}");

        start(B, "m-kalle", "Kalle Keinonen", "p-1042", "Aino Erasable", "2025-08-04");
        command(AINO, B, "/meetings", "{\"heldOn\":\"2025-08-10\",\"privateNotes\":\"secret-of-b: a second try\"}");
        command(AINO, B, "/terminate", "{\"reason\":\"LACK_OF_TIME\",\"initiatedBy\":\"MENTEE\",\"terminatedOn\":\"2025-09-01\"}");
        command(AINO, B, "/evaluations", "{\"by\":\"MENTEE\",\"rating\":2,\"goalsMet\":\"NOT\"}");

        start(C, "m-ritva", "Ritva Rautio", "e-olli", "Olli Ojala", "2025-03-03");
        command(OLLI, C, "/meetings", "{\"heldOn\":\"2025-03-10\",\"privateNotes\":\"olli-private: salary talk\"}");
        command(OLLI, C, "/concerns", "{\"raisedBy\":\"MENTEE\",\"description\":\"olli-for-organiser: too few meetings\","
                + "\"organiserContacted\":true}");
        awaitCaughtUp(15);

        reportsBefore = reports();
        HttpResponse<String> erased = commands.post("/api/people/p-1042/erasure", "", ADMIN);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        awaitCaughtUp(17);
    }

    @Test
    void noAnswerNorCsvHoldsTheErasedPersonOrTheirPairsPrivateTextForAnyone() {
        Map<String, String> answers = everyAnswer();

        answers.forEach((request, body) -> assertThat(body.toLowerCase(Locale.ROOT)).as(request)
                .doesNotContain(ERASED));
        assertThat(answers.get("ritva.mentor GET /api/relationships/" + C + "/history"))
                .as("the private text of a pair without the erased person stays theirs").contains("olli-private");
        assertThat(answers.get("admin GET /api/relationships/" + A)).contains("Ritva Rautio");
        assertThat(answers.get("organiser GET /api/relationships/" + C + "/history"))
                .as("a concern addressed to the organiser, of a pair without the erased person")
                .contains("olli-for-organiser").doesNotContain("olli-private");
    }

    /**
     * Security review item 5: a dump of the database (events, keys, read models, tokens: all of it)
     * holds no participant's name, user name or text, of the erased person or of anyone else:
     * without the key-encryption key from the configuration it reveals only ids, dates and figures.
     */
    @Test
    void aDumpOfTheDatabaseAloneHoldsNoParticipantsNameUserNameOrText() throws Exception {
        java.nio.file.Path dump = java.nio.file.Files.createTempFile("ledger-dump", ".sql");
        try {
            String url = database.jdbcUrl().substring("jdbc:".length());
            Process pgDump = new ProcessBuilder("pg_dump", "--data-only", "--file=" + dump,
                    "--dbname=" + url + (url.contains("?") ? "&" : "?") + "user=" + database.username()
                            + (database.password().isEmpty() ? "" : "&password=" + database.password()))
                    .redirectErrorStream(true).start();
            String output = new String(pgDump.getInputStream().readAllBytes());
            assertThat(pgDump.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(pgDump.exitValue()).as(output).isZero();
            String dumped = java.nio.file.Files.readString(dump);

            assertThat(dumped).as("the dump has the relationships").contains(A, B, C, "m-ritva", "e-olli");
            assertThat(dumped.toLowerCase(Locale.ROOT)).doesNotContain(ERASED)
                    .doesNotContain("ritva rautio", "kalle keinonen", "olli ojala", "ritva.mentor", "olli.mentee",
                            "olli-private", "olli-for-organiser", "salary talk", "too few meetings");
        } finally {
            java.nio.file.Files.deleteIfExists(dump);
        }
    }

    @Test
    void theRelationshipsShowTheirMenteeAsErasedAndTheHistoriesTheErasure() {
        for (String id : List.of(A, B)) {
            JsonNode summary = json(ADMIN, "/api/relationships/" + id);
            assertThat(summary.at("/mentee/id").asText()).isEqualTo("p-1042");
            assertThat(summary.at("/mentee/name").isNull()).isTrue();
            assertThat(summary.at("/mentee/erased").asBoolean()).isTrue();
            assertThat(summary.at("/mentor/erased").asBoolean()).isFalse();

            JsonNode last = lastEntry(json(ORGANISER, "/api/relationships/" + id + "/history"));
            assertThat(last.get("type").asText()).isEqualTo("PersonalDataErased");
            assertThat(last.get("actor").asText()).isEqualTo(ADMIN.username());
        }
        assertThat(json(ADMIN, "/api/relationships/" + A).get("stage").asText()).isEqualTo("CLOSED");
        assertThat(json(ADMIN, "/api/relationships/" + B).get("stage").asText()).isEqualTo("TERMINATED");
    }

    @Test
    void everyReportFigureIsWhatItWasBeforeTheErasure() {
        assertThat(reports()).isEqualTo(reportsBefore);
        assertThat(reportsBefore.get("/api/reports/outcomes?programmeId=" + PROGRAMME))
                .contains("\"relationships\":3", "\"completed\":1", "\"droppedOut\":1");
    }

    @Test
    void aReplayBuildsTheSameErasedReadModelsAndTheSameFigures() {
        Map<String, String> before = everyAnswer();
        // A process that never held the erased person's key: this one may still keep it in memory for
        // a minute after it last opened their events, and would replay with it.
        query.close();
        query = QueryApp.start(database, USERS);
        awaitCaughtUp(15);
        Map<String, Integer> generations = new LinkedHashMap<>();
        json(ADMIN, "/api/admin/processors").forEach(p -> generations.put(p.get("name").asText(),
                p.get("activeGeneration").asInt()));

        assertThat(query.send("POST", "/api/admin/replay", "application/json", ADMIN).statusCode()).isEqualTo(202);
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode processor : json(ADMIN, "/api/admin/processors")) {
                if (processor.get("replaying").asBoolean()
                        || processor.get("activeGeneration").asInt() <= generations.get(processor.get("name").asText())) {
                    return false;
                }
            }
            return true;
        });

        Map<String, String> after = everyAnswer();
        after.keySet().removeIf(request -> request.contains("/api/admin/"));
        before.keySet().removeIf(request -> request.contains("/api/admin/"));
        assertThat(after).isEqualTo(before);
        assertThat(reports()).isEqualTo(reportsBefore);
    }

    @Test
    void noDashboardPageShowsTheErasedPerson() {
        for (User user : List.of(ADMIN, ORGANISER, RITVA)) {
            try (Browser browser = Browser.startSignedOut(query.base(), "en-GB,en")) {
                browser.signIn(user);
                for (String view : List.of("#/relationship/" + A, "#/relationship/" + B, "#/relationships",
                        "#/attention", "#/overview")) {
                    browser.open(view);
                    assertThat(browser.driver().getPageSource().toLowerCase(Locale.ROOT)).as(user.username() + " " + view)
                            .doesNotContain(ERASED);
                }
                browser.open("#/relationship/" + A);
                assertThat(browser.driver().getPageSource()).as(user.username()).contains("Ritva Rautio");
            }
        }
    }

    /** Every read of the query API, for each kind of caller who may see these relationships. */
    private static Map<String, String> everyAnswer() {
        Map<String, String> answers = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>();
        for (String id : List.of(A, B, C)) {
            paths.add("/api/relationships/" + id);
            paths.add("/api/relationships/" + id + "/history");
        }
        paths.addAll(List.of("/api/relationships", "/api/relationships?programmeId=" + PROGRAMME,
                "/api/relationships?stage=CLOSED", "/api/relationships/attention", "/api/admin/processors",
                "/api/admin/dead-letters"));
        paths.addAll(REPORTS);
        for (User user : List.of(ADMIN, ORGANISER, RITVA)) {
            for (String path : paths) {
                HttpResponse<String> response = query.send("GET", path, "application/json", user);
                if (response.statusCode() == 200) {
                    answers.put(user.username() + " GET " + path, response.body());
                }
            }
            for (String report : REPORTS) {
                HttpResponse<String> csv = query.send("GET", report, "text/csv", user);
                if (csv.statusCode() == 200) {
                    answers.put(user.username() + " CSV " + report, csv.body());
                }
            }
        }
        assertThat(answers).containsKeys("admin GET /api/relationships/" + A + "/history",
                "organiser GET /api/relationships/" + B + "/history", "ritva.mentor GET /api/relationships/" + A,
                "organiser CSV /api/reports/outcomes?groupBy=startMonth", "admin GET /api/admin/processors");
        return answers;
    }

    private static Map<String, String> reports() {
        Map<String, String> reports = new LinkedHashMap<>();
        for (String report : REPORTS) {
            reports.put(report, query.send("GET", report, "application/json", ADMIN).body());
            reports.put(report + " (CSV)", query.send("GET", report, "text/csv", ADMIN).body());
        }
        return reports;
    }

    private static void start(String id, String mentorId, String mentorName, String menteeId, String menteeName,
            String startedOn) {
        HttpResponse<String> response = commands.post("/api/relationships", """
                {"relationshipId":"%s","programmeId":"%s","mentor":{"id":"%s","name":"%s"},
                 "mentee":{"id":"%s","name":"%s"},"language":"fi","startedOn":"%s"}"""
                .formatted(id, PROGRAMME, mentorId, mentorName, menteeId, menteeName, startedOn), ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static void command(User user, String id, String path, String body) {
        HttpResponse<String> response = commands.post("/api/relationships/" + id + path, body, user);
        assertThat(response.statusCode()).as("%s %s: %s", path, body, response.body()).isEqualTo(200);
    }

    private static void awaitCaughtUp(long events) {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> query.caughtUp()
                && json(ADMIN, "/api/admin/processors").get(0).get("headPosition").asLong() >= events);
    }

    private static JsonNode json(User user, String path) {
        HttpResponse<String> response = query.send("GET", path, "application/json", user);
        assertThat(response.statusCode()).as("GET %s as %s: %s", path, user.username(), response.body()).isEqualTo(200);
        return QueryApp.parse(response.body());
    }

    private static JsonNode lastEntry(JsonNode history) {
        JsonNode entries = history.get("entries");
        return entries.get(entries.size() - 1);
    }
}
