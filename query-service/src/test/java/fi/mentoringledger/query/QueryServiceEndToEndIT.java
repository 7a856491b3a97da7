package fi.mentoringledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.CommandServiceProcess;
import fi.mentoringledger.query.support.ExpectedReport;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.PrivateText;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.testsupport.CommandRequests;

/**
 * Both applications against one PostgreSQL database: the command-service from its jar, the
 * query-service in this JVM. A population of relationships goes through every kind of path over
 * the command API; summaries, histories and every report figure (plain, filtered, grouped, CSV)
 * are then checked against what this test works out from the requests it sent.
 */
class QueryServiceEndToEndIT {

    private static final Duration BOUND = Duration.ofMinutes(3);

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static CommandServiceProcess commands;
    private static QueryApp query;
    private static List<Journey> population;
    /** A funder's categories of termination reasons, configured as an organisation would. */
    private static final Map<String, List<String>> FUNDER_CATEGORIES = new LinkedHashMap<>();

    static {
        FUNDER_CATEGORIES.put("Participant's circumstances", List.of("LACK_OF_TIME", "RELOCATION", "HEALTH_OR_FAMILY"));
        FUNDER_CATEGORIES.put("Fit of the pair", List.of("MISMATCH", "CHANGE_OF_GOALS"));
        FUNDER_CATEGORIES.put("Other", List.of("LOST_CONTACT", "ORGANISER_DECISION", "OTHER"));
    }

    private static final List<String> FUNDER_SCHEME = funderScheme();

    @BeforeAll
    static void bothServicesAndAPopulation() {
        commands = database.closeAfterAll(CommandServiceProcess.start(database));
        query = database.closeAfterAll(QueryApp.start(database, null, FUNDER_SCHEME, TestUsers.ADMIN));
        population = Population.generate(20251, 55, "e2e-");
        for (Journey journey : population) {
            JsonNode answer = null;
            for (int i = 0; i < journey.events.size(); i++) {
                CommandRequests.Request request = CommandRequests.of(journey.id, journey.events.get(i));
                HttpResponse<String> response = commands.post(request.path(), request.body());
                assertThat(response.statusCode()).as("%s %s -> %s", request.path(), request.body(), response.body())
                        .isIn(200, 201);
                answer = QueryApp.parse(response.body());
                assertThat(answer.get("version").asLong()).isEqualTo(i);
            }
            assertThat(answer.get("stage").asText()).as(journey.id).isEqualTo(journey.stage.name());
        }
        long events = population.stream().mapToLong(j -> j.events.size()).sum();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> query.caughtUp()
                && query.json("/api/admin/processors").get(0).get("headPosition").asLong() >= events);
    }

    @Test
    void thePopulationCoversEveryKindOfPath() {
        Set<String> paths = population.stream().map(QueryServiceEndToEndIT::path).collect(Collectors.toSet());

        assertThat(paths).contains("STARTED", "AGREED", "IN_PROGRESS", "PAUSED", "CLOSED", "CLOSED after a pause",
                "TERMINATED from STARTED", "TERMINATED from AGREED", "TERMINATED from IN_PROGRESS",
                "TERMINATED from PAUSED");
        assertThat(population).anyMatch(j -> !j.ratings.isEmpty() && j.stage == Stage.TERMINATED);
        assertThat(population).anyMatch(j -> !j.ratings.isEmpty() && j.stage == Stage.CLOSED);
        for (boolean addressedToOrganiser : List.of(true, false)) {
            assertThat(population).as("concerns addressed to the organiser: %s", addressedToOrganiser)
                    .anyMatch(j -> j.events.stream().anyMatch(event -> event instanceof ConcernRaised raised
                            && raised.organiserContacted() == addressedToOrganiser));
        }
    }

    @Test
    void everySummaryShowsWhereItsPairStands() {
        for (Journey j : population) {
            JsonNode summary = query.json("/api/relationships/" + j.id);
            assertThat(summary.fieldNames()).toIterable().contains("relationshipId", "programmeId", "mentor", "mentee",
                    "language", "stage", "version", "startedOn", "agreedOn", "inProgressOn", "pausedOn", "endedOn",
                    "terminationReason", "meetingCount", "lastMeetingOn", "openConcerns", "goals");
            assertThat(summary.get("relationshipId").asText()).isEqualTo(j.id);
            assertThat(text(summary, "programmeId")).isEqualTo(j.programmeId);
            assertThat(summary.at("/mentor/id").asText()).isEqualTo("mentor-" + j.id);
            assertThat(summary.at("/mentee/name").asText()).isEqualTo("Mentee " + j.id);
            assertThat(summary.get("language").asText()).isEqualTo("fi");
            assertThat(summary.get("stage").asText()).as(j.id).isEqualTo(j.stage.name());
            assertThat(summary.get("version").asLong()).isEqualTo(j.version());
            assertThat(text(summary, "startedOn")).isEqualTo(j.startedOn.toString());
            assertThat(text(summary, "agreedOn")).isEqualTo(string(j.agreedOn));
            assertThat(text(summary, "inProgressOn")).isEqualTo(string(j.inProgressOn));
            assertThat(text(summary, "pausedOn")).isEqualTo(string(j.pausedOn));
            assertThat(text(summary, "endedOn")).isEqualTo(string(j.endedOn));
            assertThat(text(summary, "terminationReason"))
                    .isEqualTo(j.terminationReason == null ? null : j.terminationReason.name());
            assertThat(summary.get("meetingCount").asInt()).isEqualTo(j.meetings);
            assertThat(text(summary, "lastMeetingOn")).isEqualTo(string(j.lastMeetingOn));
            assertThat(summary.get("openConcerns").asInt()).as("an admin counts the concerns addressed to the organiser")
                    .isEqualTo(j.openConcernsForOrganiser);
            List<String> goals = new ArrayList<>();
            summary.get("goals").forEach(goal -> goals.add(goal.get("goalId").asText() + "|"
                    + goal.get("description").asText() + "|" + goal.get("achieved").asBoolean() + "|"
                    + text(goal, "achievedOn")));
            assertThat(goals).as(j.id).containsExactlyElementsOf(j.goals.entrySet().stream()
                    .map(goal -> goal.getKey() + "|" + j.goalDescriptions.get(goal.getKey()) + "|"
                            + (goal.getValue() != null) + "|" + string(goal.getValue()))
                    .toList());
        }
    }

    @Test
    void theListFiltersByProgrammeAndStageAndPagesThroughEveryone() {
        for (String programme : Population.PROGRAMMES) {
            if (programme == null) {
                continue;
            }
            for (Stage stage : Stage.values()) {
                long expected = population.stream()
                        .filter(j -> programme.equals(j.programmeId) && j.stage == stage).count();
                JsonNode page = query.json("/api/relationships?programmeId=" + programme + "&stage=" + stage);
                assertThat(page.get("total").asLong()).as(programme + " " + stage).isEqualTo(expected);
                assertThat(page.get("items")).hasSize((int) expected);
            }
        }
        Set<String> seen = new HashSet<>();
        for (int page = 0; page * 10 < population.size(); page++) {
            JsonNode result = query.json("/api/relationships?size=10&page=" + page);
            assertThat(result.get("total").asInt()).isEqualTo(population.size());
            assertThat(result.get("size").asInt()).isEqualTo(10);
            result.get("items").forEach(item -> seen.add(item.get("relationshipId").asText()));
        }
        assertThat(seen).isEqualTo(population.stream().map(j -> j.id).collect(Collectors.toSet()));
    }

    @Test
    void everyHistoryHasOneEntryPerEventAndNoPrivateText() {
        for (Journey j : population) {
            HttpResponse<String> response = query.get("/api/relationships/" + j.id + "/history");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).doesNotContain(Journey.PRIVATE);
            JsonNode history = QueryApp.parse(response.body());
            assertThat(history.get("relationshipId").asText()).isEqualTo(j.id);
            JsonNode entries = history.get("entries");
            assertThat(entries).hasSize(j.events.size());
            Set<String> concernsForOrganiser = j.events.stream().filter(ConcernRaised.class::isInstance)
                    .map(ConcernRaised.class::cast).filter(ConcernRaised::organiserContacted)
                    .map(ConcernRaised::concernId).collect(Collectors.toSet());
            for (int i = 0; i < j.events.size(); i++) {
                Object event = j.events.get(i);
                JsonNode entry = entries.get(i);
                assertThat(entry.get("sequence").asLong()).isEqualTo(i);
                assertThat(entry.get("type").asText()).isEqualTo(event.getClass().getSimpleName());
                assertThat(entry.get("recordedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
                assertThat(entry.get("actor").asText()).isEqualTo(TestUsers.ADMIN.username());
                assertThat(entry.get("summary").asText()).endsWith(".").doesNotContain("null");
                if (CommandRequests.clientDated(event)) {
                    assertThat(entry.get("occurredOn").asText()).isEqualTo(CommandRequests.businessDate(event).toString());
                }
                String confidential = PrivateText.of(event).map(PrivateText::field).orElse(null);
                boolean addressedToOrganiser = event instanceof ConcernRaised raised && raised.organiserContacted()
                        || event instanceof ConcernResolved resolved && concernsForOrganiser.contains(resolved.concernId());
                if (addressedToOrganiser) {
                    assertThat(entry.get("data").has("confidential")).isFalse();
                    assertThat(entry.get("data").get(confidential).asText()).startsWith(Journey.PERSONAL);
                } else if (confidential != null) {
                    assertThat(entry.at("/data/confidential").toString()).isEqualTo("[\"" + confidential + "\"]");
                    assertThat(entry.get("data").has(confidential)).isFalse();
                }
            }
        }
    }

    @Test
    void everyReportFigureMatchesTheTestsOwnCounting() {
        List<String[]> filters = List.of(
                new String[] {null, null, null},
                new String[] {"womento", null, null},
                new String[] {"auroras", null, null},
                new String[] {null, "2024-04-01", "2024-09-30"},
                new String[] {"suomen-mentorit", "2024-01-01", "2024-12-31"},
                new String[] {null, "2030-01-01", null});
        for (String[] f : filters) {
            List<Journey> selection = ExpectedReport.select(population, f[0], date(f[1]), date(f[2]));
            String query = "?" + (f[0] == null ? "" : "programmeId=" + f[0] + "&")
                    + (f[1] == null ? "" : "startedFrom=" + f[1] + "&") + (f[2] == null ? "" : "startedTo=" + f[2] + "&");
            assertSameFigures(ExpectedReport.figures(selection), QueryServiceEndToEndIT.query.json(
                    "/api/reports/outcomes" + query));
            assertSameCsv(List.of(figuresWithKey(ExpectedReport.figures(selection), null)),
                    csv("/api/reports/outcomes" + query));
            // every journey happened and was recorded before today: the report as of today, from the
            // events, is the report now, from the counters
            String today = LocalDate.now(ZoneId.of("Europe/Helsinki")).toString(); // the service's mentoring.time-zone
            assertSameFigures(ExpectedReport.figures(selection), QueryServiceEndToEndIT.query.json(
                    "/api/reports/outcomes" + query + "asOf=" + today + "&knownOn=" + today));
            for (String groupBy : List.of("programme", "startMonth", "startQuarter")) {
                ObjectNode expected = ExpectedReport.grouped(selection, groupBy);
                assertSameFigures(expected, QueryServiceEndToEndIT.query.json(
                        "/api/reports/outcomes" + query + "groupBy=" + groupBy));
                assertSameFigures(expected, QueryServiceEndToEndIT.query.json(
                        "/api/reports/outcomes" + query + "groupBy=" + groupBy + "&asOf=" + today));
                List<JsonNode> groups = new ArrayList<>();
                expected.get("groups").forEach(groups::add);
                assertSameCsv(groups, csv("/api/reports/outcomes" + query + "groupBy=" + groupBy));
            }
        }
    }

    /**
     * DOMAIN.md's reasons re-coded into a funder's categories, for any report of any period: each
     * category's count is the test's own sum of the reasons it holds.
     */
    @Test
    void reportsRecodeTerminationReasonsIntoAConfiguredScheme() {
        JsonNode schemes = query.json("/api/reports/reason-schemes");
        assertThat(schemes).hasSize(1);
        assertThat(schemes.get(0).get("name").asText()).isEqualTo("funder");
        String today = LocalDate.now(ZoneId.of("Europe/Helsinki")).toString();
        for (String moment : List.of("", "&asOf=" + today, "&knownOn=" + today)) {
            for (String programme : List.of("", "&programmeId=womento")) {
                List<Journey> selection = ExpectedReport.select(population,
                        programme.isEmpty() ? null : "womento", null, null);
                JsonNode report = query.json("/api/reports/outcomes?reasonScheme=funder" + programme + moment);
                assertThat(report.get("terminationsByCategory").toString()).as(programme + moment)
                        .isEqualTo(recoded(ExpectedReport.figures(selection).get("terminationsByReason")));
                JsonNode byProgramme = query.json(
                        "/api/reports/outcomes?groupBy=programme&reasonScheme=funder" + programme + moment);
                byProgramme.get("groups").forEach(group -> assertThat(group.get("terminationsByCategory").toString())
                        .isEqualTo(recoded(group.get("terminationsByReason"))));
            }
        }
        assertThat(query.json("/api/reports/outcomes").has("terminationsByCategory"))
                .as("only when asked for").isFalse();
        String csv = csv("/api/reports/outcomes?reasonScheme=funder");
        assertThat(csv.split("\r\n")[0]).endsWith(",terminationsByCategory.Participant's circumstances,"
                + "terminationsByCategory.Fit of the pair,terminationsByCategory.Other");
        assertThat(csv.split("\r\n")[1].split(",", -1)).hasSize(csv.split("\r\n")[0].split(",", -1).length);
        assertInvalid("/api/reports/outcomes?reasonScheme=erdf", "reasonScheme");
    }

    @Test
    void invalidParametersAreProblemsListingEveryField() {
        assertInvalid("/api/reports/outcomes?startedFrom=2025-02-30&startedTo=yesterday&groupBy=week",
                "startedFrom", "startedTo", "groupBy");
        assertInvalid("/api/reports/outcomes?startedFrom=2025-03-01&startedTo=2025-02-01", "startedTo");
        assertInvalid("/api/reports/outcomes?asOf=2025-13-01&knownOn=" + LocalDate.now().plusDays(2), "asOf", "knownOn");
        assertInvalid("/api/relationships?stage=DONE&page=-1&size=501", "stage", "page", "size");
        assertInvalid("/api/relationships?size=0", "size");
        assertInvalid("/api/relationships?page=x", "page");
        HttpResponse<String> csv = query.send("GET", "/api/reports/outcomes?groupBy=year", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(400);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void anUnknownRelationshipIsNotFound() {
        for (String path : List.of("/api/relationships/nobody", "/api/relationships/nobody/history")) {
            HttpResponse<String> response = query.get(path);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = QueryApp.parse(response.body());
            assertThat(problem.fieldNames()).toIterable().contains("type", "title", "status", "detail");
            assertThat(problem.get("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    void theProcessorsAreNamedPooledAndCaughtUp() {
        JsonNode processors = query.json("/api/admin/processors");
        List<String> names = new ArrayList<>();
        processors.forEach(p -> {
            names.add(p.get("name").asText());
            assertThat(p.get("replaying").asBoolean()).isFalse();
            assertThat(p.get("progress").asDouble()).isEqualTo(1.0);
            assertThat(p.get("position").asLong()).isEqualTo(p.get("headPosition").asLong());
        });
        assertThat(names).containsExactly("outcome-report", "relationship-history", "relationship-summary");
    }

    private static void assertInvalid(String path, String... fields) {
        HttpResponse<String> response = query.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = QueryApp.parse(response.body());
        assertThat(problem.fieldNames()).toIterable().contains("type", "title", "status", "detail", "errors");
        List<String> named = new ArrayList<>();
        problem.get("errors").forEach(error -> {
            named.add(error.get("field").asText());
            assertThat(error.get("message").asText()).isNotBlank();
        });
        assertThat(named).as(path).containsExactlyInAnyOrder(fields);
    }

    private static void assertSameFigures(JsonNode expected, JsonNode actual) {
        assertThat(ExpectedReport.sameFigures(expected, actual)).as("expected %s%nbut was  %s", expected, actual)
                .isTrue();
    }

    /** Each CSV row against the expected group: every column is the JSON figure of the same name. */
    private static void assertSameCsv(List<JsonNode> expectedGroups, String csv) {
        List<String> lines = List.of(csv.split("\r\n"));
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(lines).hasSize(expectedGroups.size() + 1);
        for (int row = 0; row < expectedGroups.size(); row++) {
            JsonNode expected = expectedGroups.get(row);
            String[] fields = lines.get(row + 1).split(",", -1);
            assertThat(fields).hasSize(header.size());
            for (int column = 0; column < header.size(); column++) {
                JsonNode value = expected.at("/" + header.get(column).replace('.', '/'));
                String field = fields[column];
                if (value.isNull() || value.isMissingNode()) {
                    assertThat(field).as(header.get(column)).isEmpty();
                } else if (value.isNumber()) {
                    assertThat(Double.parseDouble(field)).as(header.get(column)).isEqualTo(value.doubleValue());
                } else {
                    assertThat(field).as(header.get(column)).isEqualTo(value.asText());
                }
            }
        }
    }

    private static JsonNode figuresWithKey(ObjectNode figures, String key) {
        ObjectNode copy = figures.deepCopy();
        copy.put("key", key);
        return copy;
    }

    private static String csv(String path) {
        HttpResponse<String> response = query.send("GET", path, "text/csv");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        return response.body();
    }

    private static List<String> funderScheme() {
        List<String> settings = new ArrayList<>(List.of("--mentoring.reason-schemes[0].name=funder"));
        int i = 0;
        for (Map.Entry<String, List<String>> category : FUNDER_CATEGORIES.entrySet()) {
            settings.add("--mentoring.reason-schemes[0].categories[" + i + "].name=" + category.getKey());
            settings.add("--mentoring.reason-schemes[0].categories[" + i + "].reasons=" + String.join(",", category.getValue()));
            i++;
        }
        return settings;
    }

    /** The counts by reason summed into the funder's categories, in the scheme's order, as JSON. */
    private static String recoded(JsonNode byReason) {
        ObjectNode byCategory = JsonNodeFactory.instance.objectNode();
        FUNDER_CATEGORIES.forEach((category, reasons) -> byCategory.put(category,
                reasons.stream().mapToLong(reason -> byReason.get(reason).asLong()).sum()));
        return byCategory.toString();
    }

    private static String path(Journey j) {
        return switch (j.stage) {
            case TERMINATED -> "TERMINATED from " + j.terminatedIn;
            case CLOSED -> j.events.stream().anyMatch(e -> e.getClass().getSimpleName().equals("RelationshipPaused"))
                    ? "CLOSED after a pause" : "CLOSED";
            default -> j.stage.name();
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String string(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }
}
