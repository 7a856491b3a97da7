package fi.mentoringledger.query.report.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.ExpectedReport;
import fi.mentoringledger.query.support.ExpectedRetention;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;

/**
 * The retention report of the running query-service, read from its event store on PostgreSQL:
 * every figure, for every filter and grouping, against the test's own computation from the
 * journeys it stored; the CSV; who may read it; and refused parameters.
 */
class RetentionIT {

    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final TestUsers.User ORGANISER = TestUsers.user("organiser-retention", "ORGANISER", null, "womento");
    private static final TestUsers.User MENTEE = TestUsers.user("mentee-retention", "MENTEE", "mentee-ret-0");

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static QueryApp query;
    private static List<Journey> population;

    @BeforeAll
    static void aPopulationInTheEventStore() {
        query = database.closeAfterAll(QueryApp.start(database, TestUsers.ADMIN, ORGANISER, MENTEE));
        population = Population.generate(1517, 66, "ret-");
        query.append(population);
        long events = population.stream().mapToLong(j -> j.events.size()).sum();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> query.caughtUp()
                && query.json("/api/admin/processors").get(0).get("headPosition").asLong() >= events);
    }

    @Test
    void thePopulationHasEveryKindOfObservation() {
        assertThat(population).anyMatch(j -> j.stage == Stage.TERMINATED);
        assertThat(population).anyMatch(j -> j.stage == Stage.CLOSED);
        assertThat(population).anyMatch(j -> j.stage.isOpen());
        assertThat(population).anyMatch(j -> j.programmeId == null);
    }

    @Test
    void everyFigureMatchesTheTestsOwnComputation() {
        List<String[]> filters = List.of(
                new String[] {null, null, null},
                new String[] {"womento", null, null},
                new String[] {null, "2024-04-01", "2024-09-30"},
                new String[] {"auroras", "2024-01-01", "2024-12-31"},
                new String[] {null, "2030-01-01", null});
        for (String[] f : filters) {
            List<Journey> selection = ExpectedReport.select(population, f[0], date(f[1]), date(f[2]));
            String parameters = (f[0] == null ? "" : "programmeId=" + f[0] + "&")
                    + (f[1] == null ? "" : "startedFrom=" + f[1] + "&") + (f[2] == null ? "" : "startedTo=" + f[2] + "&");
            for (String groupBy : new String[] {null, "programme", "startMonth", "startQuarter"}) {
                String path = "/api/reports/retention?" + parameters + (groupBy == null ? "" : "groupBy=" + groupBy);
                JsonNode report = query.json(path);
                LocalDate today = LocalDate.parse(report.get("today").asText());
                ArrayNode expected = ExpectedRetention.groups(selection, groupBy, today);
                assertThat(ExpectedRetention.sameFigures(expected, report.get("groups")))
                        .as("%s%nexpected %s%nbut was  %s", path, expected, report.get("groups")).isTrue();
            }
        }
        JsonNode all = query.json("/api/reports/retention").get("groups").get(0);
        assertThat(all.at("/survival/steps")).as("the figures compared are not empty").isNotEmpty();
        assertThat(all.at("/timeToFirstMeeting/median").isNumber()).isTrue();
        assertThat(all.at("/terminationsByMonth")).isNotEmpty();
    }

    /** The CSV holds the JSON's figures, one a row: the row count and the checkpoints' shares agree. */
    @Test
    void theCsvIsTheSameFiguresInLongForm() {
        JsonNode report = query.json("/api/reports/retention?groupBy=programme");
        HttpResponse<String> response = query.send("GET", "/api/reports/retention?groupBy=programme", "text/csv");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = List.of(response.body().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("key,figure,stage,day,month,value");

        int rows = 0;
        List<String> shares = new ArrayList<>();
        for (JsonNode group : report.get("groups")) {
            rows += 1 + 4 * group.at("/survival/steps").size() + 2 * 4 + 2 * 5 + 4 * 4 + group.get("terminationsByMonth").size();
            String key = group.get("key").isNull() ? "" : group.get("key").asText();
            group.at("/survival/at").forEach(at -> shares.add(key + ",survival.at.surviving,," + at.get("day").asInt()
                    + ",," + (at.get("surviving").isNull() ? "" : number(at.get("surviving").asDouble()))));
            shares.add(key + ",relationships,,,," + group.get("relationships").asLong());
        }
        assertThat(lines).hasSize(rows + 1);
        assertThat(lines).containsAll(shares);
    }

    @Test
    void anOrganiserReadsOnlyTheirProgrammeAndAMenteeNone() {
        HttpResponse<String> organisers = query.send("GET", "/api/reports/retention?groupBy=programme",
                "application/json", ORGANISER);
        assertThat(organisers.statusCode()).isEqualTo(200);
        JsonNode groups = QueryApp.parse(organisers.body()).get("groups");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("key").asText()).isEqualTo("womento");
        assertThat(groups.get(0).get("relationships").asLong())
                .isEqualTo(population.stream().filter(j -> "womento".equals(j.programmeId)).count());

        for (String accept : List.of("application/json", "text/csv")) {
            HttpResponse<String> mentee = query.send("GET", "/api/reports/retention", accept, MENTEE);
            assertThat(mentee.statusCode()).as(accept).isEqualTo(403);
            assertThat(mentee.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void invalidParametersAreProblemsNamingEachField() {
        for (String accept : List.of("application/json", "text/csv")) {
            HttpResponse<String> response = query.send("GET",
                    "/api/reports/retention?startedFrom=2025-02-30&startedTo=soon&groupBy=week", accept);
            assertThat(response.statusCode()).as(accept).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            List<String> fields = new ArrayList<>();
            QueryApp.parse(response.body()).get("errors").forEach(error -> fields.add(error.get("field").asText()));
            assertThat(fields).containsExactlyInAnyOrder("startedFrom", "startedTo", "groupBy");
        }
        HttpResponse<String> backwards = query.get("/api/reports/retention?startedFrom=2025-03-01&startedTo=2025-02-01");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("startedTo");
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }
}
