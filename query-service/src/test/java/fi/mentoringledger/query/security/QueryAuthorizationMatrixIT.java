package fi.mentoringledger.query.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.ExpectedReport;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.security.TestUsers.User;

/**
 * Every endpoint of the query-service × every kind of caller, on relationships {@code own-1},
 * {@code own-2} and {@code own-3} of programme {@code own} and {@code other-1} of programme
 * {@code other}. The statuses, what the lists and reports hold for each caller, that the pair's
 * private text reaches the pair alone (never an organiser or admin, in any format), how an erased
 * participant shows, that the dashboard's session needs its CSRF token for a POST, and that
 * hostile filters get clean answers.
 */
class QueryAuthorizationMatrixIT {

    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final LocalDate START = LocalDate.of(2025, 2, 3);

    static final User ADMIN = TestUsers.ADMIN;
    static final User ORGANISER = TestUsers.user("organiser", "ORGANISER", null, "own");
    static final User ORGANISER_ELSEWHERE = TestUsers.user("organiser-elsewhere", "ORGANISER", null, "other");
    static final User MENTOR = TestUsers.user("mentor", "MENTOR", "mentor-own-1");
    static final User MENTEE = TestUsers.user("mentee", "MENTEE", "mentee-own-1");
    static final User OUTSIDER = TestUsers.user("outsider", "MENTOR", "mentor-other-1");

    /** The callers of each row's statuses, in this order; null is no sign-in at all. */
    static final List<User> CALLERS = Arrays.asList(ADMIN, ORGANISER, ORGANISER_ELSEWHERE, MENTOR, MENTEE, OUTSIDER,
            null);

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static QueryApp app;
    private static List<Journey> journeys;

    @BeforeAll
    static void start() {
        app = database.closeAfterAll(
                QueryApp.start(database, ADMIN, ORGANISER, ORGANISER_ELSEWHERE, MENTOR, MENTEE, OUTSIDER));
        journeys = List.of(
                new Journey("own-1", "own", START).agree(START.plusDays(2), 2).meet(START.plusDays(9))
                        .raiseConcern("c1", START.plusDays(10)),
                new Journey("other-1", "other", START).raiseConcernForOrganiser("c1", START.plusDays(1)),
                new Journey("own-2", "own", START).agree(START.plusDays(1), 1).meet(START.plusDays(3))
                        .raiseConcern("c2", START.plusDays(4)).resolveConcern("c2", START.plusDays(5))
                        .terminate(TerminationReason.MISMATCH, START.plusDays(20))
                        .evaluate(Party.MENTEE, 2, START.plusDays(21)),
                new Journey("own-3", "own", START).agree(START.plusDays(1), 1).meet(START.plusDays(2))
                        .raiseConcern("c3", START.plusDays(3)).close(START.plusDays(30))
                        .evaluate(Party.MENTOR, 5, START.plusDays(31)).erase(Party.MENTEE, START.plusDays(40)));
        app.append(journeys);
        long events = journeys.stream().mapToLong(j -> j.events.size()).sum();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> app.caughtUp()
                && app.json("/api/admin/processors").get(0).get("headPosition").asLong() >= events);
    }

    /** One row: method, path, Accept, and the statuses of {@link #CALLERS}. */
    record Row(String method, String path, String accept, int... statuses) {
    }

    static final int[] OWN_RELATIONSHIP = {200, 200, 404, 200, 200, 404, 401};
    static final int[] ANY_SIGNED_IN = {200, 200, 200, 200, 200, 200, 401};
    static final int[] REPORTS = {200, 200, 200, 403, 403, 403, 401};
    static final int[] ADMIN_ONLY = {200, 403, 403, 403, 403, 403, 401};

    static List<Row> rows() {
        String json = "application/json";
        return List.of(
                new Row("GET", "/api/relationships/own-1", json, OWN_RELATIONSHIP),
                new Row("GET", "/api/relationships/own-1/history", json, OWN_RELATIONSHIP),
                new Row("GET", "/api/relationships/no-such-relationship", json, 404, 404, 404, 404, 404, 404, 401),
                new Row("GET", "/api/relationships/no-such-relationship/history", json, 404, 404, 404, 404, 404, 404, 401),
                new Row("GET", "/api/relationships", json, ANY_SIGNED_IN),
                new Row("GET", "/api/relationships?programmeId=own&stage=STARTED", json, ANY_SIGNED_IN),
                new Row("GET", "/api/relationships/attention", json, ANY_SIGNED_IN),
                new Row("GET", "/api/reports/outcomes", json, REPORTS),
                new Row("GET", "/api/reports/outcomes?groupBy=programme", json, REPORTS),
                new Row("GET", "/api/reports/outcomes", "text/csv", REPORTS),
                new Row("GET", "/api/reports/reason-schemes", json, REPORTS),
                new Row("GET", "/api/reports/retention", json, REPORTS),
                new Row("GET", "/api/reports/retention?groupBy=programme", "text/csv", REPORTS),
                new Row("GET", "/api/reports/warning-signs", json, REPORTS),
                new Row("GET", "/api/programmes/own/attention-thresholds", json, 200, 200, 403, 403, 403, 403, 401),
                new Row("GET", "/api/admin/processors", json, ADMIN_ONLY),
                new Row("GET", "/api/admin/dead-letters", json, ADMIN_ONLY),
                new Row("POST", "/api/admin/dead-letters/retry", json, ADMIN_ONLY),
                new Row("POST", "/api/admin/replay?processor=relationship-history", json,
                        202, 403, 403, 403, 403, 403, 401),
                // The dashboard's page: a browser that is not signed in is sent to the sign-in form.
                new Row("GET", "/", "text/html", 200, 200, 200, 200, 200, 200, 302));
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : rows()) {
            assertThat(row.statuses()).hasSameSizeAs(CALLERS);
            for (int i = 0; i < CALLERS.size(); i++) {
                User caller = CALLERS.get(i);
                cases.add(Arguments.of(row.method() + " " + row.path() + " (" + row.accept() + ")",
                        caller == null ? "nobody" : caller.username(), row, caller, row.statuses()[i]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void eachCallerGetsTheStatusOfTheMatrix(String request, String as, Row row, User caller, int expected) {
        HttpResponse<String> response = app.send(row.method(), row.path(), row.accept(), caller);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(QueryApp.parse(response.body()).get("status").asInt()).isEqualTo(expected);
        }
        if (expected == 302) {
            assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/login");
        }
        if (row.path().equals("/api/relationships/own-1/history") && (caller == MENTOR || caller == MENTEE)) {
            assertThat(response.body()).as("the pair reads its own text").contains(Journey.PRIVATE);
        } else {
            assertThat(response.body()).doesNotContain(Journey.PRIVATE);
        }
    }

    static Stream<Arguments> whatEachCallerSees() {
        return Stream.of(
                Arguments.of(ADMIN, Set.of("own-1", "own-2", "own-3", "other-1"), 4),
                Arguments.of(ORGANISER, Set.of("own-1", "own-2", "own-3"), 3),
                Arguments.of(ORGANISER_ELSEWHERE, Set.of("other-1"), 1),
                Arguments.of(MENTOR, Set.of("own-1"), null),
                Arguments.of(MENTEE, Set.of("own-1"), null),
                Arguments.of(OUTSIDER, Set.of("other-1"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("whatEachCallerSees")
    void listsAttentionAndReportsHoldOnlyWhatTheCallerMaySee(User caller, Set<String> visible, Integer reported) {
        JsonNode list = json(caller, "/api/relationships");
        assertThat(ids(list.get("items"))).isEqualTo(visible);
        assertThat(list.get("total").asLong()).isEqualTo(visible.size());

        Set<String> attention = ids(json(caller, "/api/relationships/attention").get("items"));
        assertThat(attention).isSubsetOf(visible).isNotEmpty();

        if (reported != null) {
            assertThat(json(caller, "/api/reports/outcomes").get("relationships").asLong()).isEqualTo(reported.longValue());
            JsonNode groups = json(caller, "/api/reports/outcomes?groupBy=programme").get("groups");
            long total = 0;
            for (JsonNode group : groups) {
                total += group.get("relationships").asLong();
            }
            assertThat(total).isEqualTo(reported.longValue());
        }
    }

    @Test
    void anOrganiserAskingForAnotherProgrammesReportGetsNothingCounted() {
        assertThat(json(ORGANISER, "/api/reports/outcomes?programmeId=other").get("relationships").asLong()).isZero();
        assertThat(json(ORGANISER, "/api/relationships?programmeId=other").get("total").asLong()).isZero();
    }

    /** The page itself is static (it holds no data); what it shows is checked in a browser (DashboardBrowserIT). */
    @Test
    void anOrganiserNeverReceivesPrivateTextInJsonOrCsv() {
        List<String> answers = new ArrayList<>();
        for (String path : List.of("/api/relationships/own-1", "/api/relationships/own-1/history",
                "/api/relationships/own-2/history", "/api/relationships", "/api/relationships/attention",
                "/api/reports/outcomes", "/api/reports/outcomes?groupBy=programme", "/api/reports/retention",
                "/api/reports/warning-signs", "/api/programmes/own/attention-thresholds")) {
            HttpResponse<String> response = app.send("GET", path, "application/json", ORGANISER);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            answers.add(response.body());
        }
        HttpResponse<String> csv = app.send("GET", "/api/reports/outcomes?groupBy=startMonth", "text/csv", ORGANISER);
        assertThat(csv.statusCode()).isEqualTo(200);
        answers.add(csv.body());

        // The history tells that private text exists (which fields were withheld), never what it says.
        JsonNode history = json(ORGANISER, "/api/relationships/own-2/history");
        List<String> withheld = new ArrayList<>();
        history.get("entries").forEach(entry -> entry.at("/data/confidential").forEach(f -> withheld.add(f.asText())));
        assertThat(withheld).contains("privateNotes", "description", "resolution", "comments");
        assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(Journey.PRIVATE));
    }

    static Stream<Arguments> everyAnswerOfOwn1() {
        return Stream.of(
                Arguments.of(ADMIN, false), Arguments.of(ORGANISER, false),
                Arguments.of(MENTOR, true), Arguments.of(MENTEE, true));
    }

    /**
     * The history of {@code own-1} gives its mentor and mentee the text they wrote, in the fields
     * its {@code confidential} list names; nothing else that they or anyone else reads holds it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAnswerOfOwn1")
    void thePairsPrivateTextReachesThePairAloneAndOnlyInTheHistory(User caller, boolean party) {
        JsonNode history = json(caller, "/api/relationships/own-1/history");
        List<String> privateNotes = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        history.get("entries").forEach(entry -> {
            if (entry.at("/data/privateNotes").isTextual()) {
                privateNotes.add(entry.at("/data/privateNotes").asText());
            }
            if (entry.at("/data/description").isTextual()) {
                descriptions.add(entry.at("/data/description").asText());
            }
            if (entry.at("/data/confidential").size() > 0) {
                assertThat(entry.get("data").has(entry.at("/data/confidential/0").asText())).isEqualTo(party);
            }
        });
        if (party) {
            assertThat(privateNotes).containsExactly(Journey.PRIVATE + "notes of meeting 1");
            assertThat(descriptions).containsExactly(Journey.PRIVATE + "concern c1");
        } else {
            assertThat(privateNotes).isEmpty();
            assertThat(descriptions).isEmpty();
            assertThat(history.toString()).doesNotContain(Journey.PRIVATE);
        }
        for (String path : List.of("/api/relationships/own-1", "/api/relationships", "/api/relationships/attention")) {
            assertThat(json(caller, path).toString()).as(path).doesNotContain(Journey.PRIVATE);
        }
    }

    @Test
    void aMentorOfAnotherRelationshipGetsNeitherTheRelationshipNorItsText() {
        for (String path : List.of("/api/relationships/own-1", "/api/relationships/own-1/history")) {
            HttpResponse<String> response = app.send("GET", path, "application/json", OUTSIDER);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).doesNotContain(Journey.PRIVATE);
        }
        assertThat(json(OUTSIDER, "/api/relationships").toString()).doesNotContain(Journey.PRIVATE);
    }

    @Test
    void anErasedMenteeShowsAsErasedEverywhereAndTheReportsCountAsBefore() {
        for (User caller : List.of(ADMIN, ORGANISER)) {
            JsonNode summary = json(caller, "/api/relationships/own-3");
            assertThat(summary.get("mentee").get("id").asText()).isEqualTo("mentee-own-3");
            assertThat(summary.get("mentee").get("name").isNull()).isTrue();
            assertThat(summary.get("mentee").get("erased").asBoolean()).isTrue();
            assertThat(summary.get("mentor").get("name").asText()).isEqualTo("Mentor own-3");
            assertThat(summary.get("mentor").get("erased").asBoolean()).isFalse();
            assertThat(summary.get("stage").asText()).isEqualTo("CLOSED");
            assertThat(summary.get("version").asLong()).isEqualTo(6);
            JsonNode listed = null;
            for (JsonNode item : json(caller, "/api/relationships").get("items")) {
                if (item.get("relationshipId").asText().equals("own-3")) {
                    listed = item;
                }
                assertThat(item.get("mentee").has("erased")).isTrue();
            }
            assertThat(listed).isNotNull();
            assertThat(listed.at("/mentee/erased").asBoolean()).isTrue();

            JsonNode history = json(caller, "/api/relationships/own-3/history");
            JsonNode entries = history.get("entries");
            assertThat(entries).hasSize(7);
            assertThat(entries.get(0).get("summary").asText()).contains("mentee (erased)").doesNotContain("Mentee own-3");
            assertThat(entries.get(6).get("type").asText()).isEqualTo("PersonalDataErased");
            assertThat(entries.get(6).get("summary").asText())
                    .isEqualTo("The mentee's personal data was erased on " + START.plusDays(40) + ".");
            entries.forEach(entry -> assertThat(entry.get("data").has("confidential")).isFalse());
            assertThat(history.toString()).doesNotContain("Mentee own-3", Journey.PRIVATE);
        }
        assertThat(ExpectedReport.sameFigures(ExpectedReport.figures(journeys), json(ADMIN, "/api/reports/outcomes")))
                .isTrue();
        HttpResponse<String> csv = app.send("GET", "/api/reports/outcomes?groupBy=programme", "text/csv", ADMIN);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).doesNotContain(Journey.PRIVATE, "Mentee own-3");
    }

    static Stream<Arguments> hostileFilters() {
        String injection = URLEncoder.encode("own' OR '1'='1", StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("/api/relationships?programmeId=" + injection, 200),
                Arguments.of("/api/relationships/attention?programmeId=" + injection, 200),
                Arguments.of("/api/reports/outcomes?programmeId=" + injection, 200),
                Arguments.of("/api/reports/retention?programmeId=" + injection, 200),
                Arguments.of("/api/reports/warning-signs?programmeId=" + injection, 200),
                Arguments.of("/api/reports/retention?groupBy=" + URLEncoder.encode("programme_id;--",
                        StandardCharsets.UTF_8), 400),
                Arguments.of("/api/relationships?stage=" + URLEncoder.encode("STARTED'--", StandardCharsets.UTF_8), 400),
                Arguments.of("/api/relationships?page=-1", 400),
                Arguments.of("/api/relationships?size=100000", 400),
                Arguments.of("/api/relationships/attention?inactiveDays=" + URLEncoder.encode("1;DROP TABLE x",
                        StandardCharsets.UTF_8), 400),
                Arguments.of("/api/reports/outcomes?groupBy=" + URLEncoder.encode("programme_id;--",
                        StandardCharsets.UTF_8), 400),
                Arguments.of("/api/reports/outcomes?startedFrom=2025-13-45", 400),
                Arguments.of("/api/relationships/" + URLEncoder.encode("own-1' OR '1'='1", StandardCharsets.UTF_8), 404),
                Arguments.of("/api/relationships?programmeId=" + "x".repeat(5000), 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFilters")
    void hostileFiltersGetCleanAnswersAndMatchNothing(String path, int expected) {
        HttpResponse<String> response = app.send("GET", path, "application/json", ORGANISER);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        assertThat(response.body()).doesNotContainIgnoringCase("select").doesNotContain("Exception", "at org.", "at fi.");
        if (expected == 200) {
            JsonNode body = QueryApp.parse(response.body());
            long matched = body.has("items") ? body.get("items").size()
                    : body.has("groups") ? body.get("groups").findValues("relationships").stream().mapToLong(JsonNode::asLong).sum()
                    : body.get("relationships").asLong();
            assertThat(matched).isZero();
        }
    }

    @Test
    void theDashboardsSessionNeedsItsCsrfTokenForAPost() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = app.base();

        String loginPage = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(token.find()).as(loginPage).isTrue();
        HttpResponse<String> signedIn = browser.send(form(base + "/login", Map.of("username", ADMIN.username(),
                "password", ADMIN.password(), "_csrf", token.group(1))), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String csrf = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();

        HttpResponse<String> forged = browser.send(post(base + "/api/admin/dead-letters/retry", null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        HttpResponse<String> wrongToken = browser.send(post(base + "/api/admin/dead-letters/retry", csrf + "x"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        HttpResponse<String> genuine = browser.send(post(base + "/api/admin/dead-letters/retry", csrf),
                HttpResponse.BodyHandlers.ofString());
        assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(200);
        HttpResponse<String> read = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/relationships"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
    }

    @Test
    void whatAnotherSiteCanMakeABrowserSendIsRefusedEvenWithBasicCredentials() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String replay = app.base() + "/api/admin/replay";
        String admin = ADMIN.authorization();
        // The matrix starts replays of its own: wait until none is running, so that one seen after
        // these requests could only have been started by them.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode processor : app.json("/api/admin/processors")) {
                if (processor.get("replaying").asBoolean()) {
                    return false;
                }
            }
            return true;
        });

        // An HTML form of another site posts form-encoded or text/plain bodies, with the credentials
        // the browser has cached for this origin.
        HttpResponse<String> formPost = http.send(HttpRequest.newBuilder(URI.create(replay))
                .header("Authorization", admin).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> textPost = http.send(HttpRequest.newBuilder(URI.create(replay))
                .header("Authorization", admin).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        // A bodiless request the browser says another site sent: its Basic credentials do not spare it
        // the CSRF check, which it fails before they are even read (so: not signed in).
        HttpResponse<String> crossSite = http.send(HttpRequest.newBuilder(URI.create(replay))
                .header("Authorization", admin).header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "no-cors")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(formPost.statusCode()).as(formPost.body()).isEqualTo(415);
        assertThat(textPost.statusCode()).as(textPost.body()).isEqualTo(415);
        assertThat(crossSite.statusCode()).as(crossSite.body()).isEqualTo(401);
        assertThat(app.json("/api/admin/processors")).allSatisfy(processor ->
                assertThat(processor.get("replaying").asBoolean()).as("no replay was started").isFalse());
    }

    @Test
    void aBrowserIsNeverAskedForBasicCredentialsWhichItWouldThenSendForOtherSites() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> browser = http.send(HttpRequest.newBuilder(URI.create(app.base() + "/api/relationships"))
                .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Site", "none").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(app.base() + "/api/relationships"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(browser.statusCode()).isEqualTo(401);
        assertThat(browser.headers().allValues("WWW-Authenticate")).noneMatch(value -> value.startsWith("Basic"));
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
    }

    private static HttpRequest post(String url, String csrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody());
        if (csrf != null) {
            request.header("X-XSRF-TOKEN", csrf);
        }
        return request.build();
    }

    private static HttpRequest form(String url, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private static JsonNode json(User caller, String path) {
        HttpResponse<String> response = app.send("GET", path, "application/json", caller);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return QueryApp.parse(response.body());
    }

    private static Set<String> ids(JsonNode items) {
        Set<String> ids = new java.util.HashSet<>();
        items.forEach(item -> ids.add(item.get("relationshipId").asText()));
        return ids;
    }
}
