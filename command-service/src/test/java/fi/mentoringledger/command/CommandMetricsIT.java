package fi.mentoringledger.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.eventstore.Promtool;
import fi.mentoringledger.eventstore.Scrape;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.testsupport.ServiceClient;

/**
 * The command-service's metrics, scraped from the running service as Prometheus would: only the
 * admin may scrape; promtool accepts the text; after some commands, accepted and refused, the
 * latency and the refusals are counted by command type, outcome and rule, and no label carries an
 * id or a name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot's tests leave metrics export off unless asked: the Prometheus endpoint is the point here.
@AutoConfigureObservability(tracing = false)
class CommandMetricsIT {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static final TestUsers.User ORGANISER = TestUsers.user("organiser", "ORGANISER", null, "womento-2025");

    @DynamicPropertySource
    static void useTestDatabase(DynamicPropertyRegistry registry) {
        database.commandServiceProperties().forEach((name, value) -> registry.add(name, () -> value));
        TestUsers.properties(TestUsers.ADMIN, ORGANISER).forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Test
    void onlyTheAdminMayScrape() throws Exception {
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        HttpResponse<String> organiser = get("/actuator/prometheus", ORGANISER);
        assertThat(organiser.statusCode()).isEqualTo(403);
        assertThat(organiser.body()).doesNotContain("ledger_");
        assertThat(get("/actuator/prometheus", TestUsers.ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void commandsAreTimedAndRefusalsCountedByTypeAndRuleWithoutIdsOrNames() throws Exception {
        String id = "metrics-relationship-1";
        assertStatus(post("/api/relationships", start(id, "fi")), 201);
        assertStatus(post("/api/relationships", start(id, "fi")), 201); // a retry: nothing recorded
        assertStatus(post("/api/relationships", start(id, "sv")), 409);
        assertStatus(post("/api/relationships/" + id + "/close", "{}"), 409);
        assertStatus(post("/api/relationships/" + id + "/pause", "{\"reason\":\"a holiday\"}"), 409);

        Scrape scrape = scrape();
        assertThat(scrape.value("ledger_commands_refused_total", "command", "StartRelationship", "rule",
                "conflicting-retry")).isEqualTo(1.0);
        assertThat(scrape.value("ledger_commands_refused_total", "command", "CloseRelationship", "rule",
                "action-not-allowed")).isEqualTo(1.0);
        assertThat(scrape.value("ledger_commands_refused_total", "command", "PauseRelationship", "rule",
                "action-not-allowed")).isEqualTo(1.0);
        assertThat(count(scrape, "StartRelationship", "accepted")).isEqualTo(2.0);
        assertThat(count(scrape, "StartRelationship", "refused")).isEqualTo(1.0);
        assertThat(count(scrape, "CloseRelationship", "refused")).isEqualTo(1.0);
        assertThat(scrape.find("ledger_commands_seconds_count", "command", "CloseRelationship", "outcome", "accepted"))
                .isEmpty();
        double startSeconds = scrape.value("ledger_commands_seconds_sum", "command", "StartRelationship", "outcome",
                "accepted");
        assertThat(startSeconds).as("two starts took some time, and less than a minute").isBetween(0.000_001, 60.0);
        assertThat(scrape.value("ledger_commands_seconds_bucket", "command", "StartRelationship", "outcome", "accepted",
                "le", "+Inf")).isEqualTo(2.0);
        // Axon's own figures of its command bus, renamed (MetricNames): it saw the commands too.
        assertThat(scrape.value("axon_command_bus_success_messages_total", "payload_type", "StartRelationship"))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(scrape.value("axon_command_bus_failure_messages_total", "payload_type", "CloseRelationship"))
                .isEqualTo(1.0);

        assertThat(scrape.samples()).filteredOn(sample -> sample.name().startsWith("ledger_"))
                .allSatisfy(sample -> assertThat(Set.of("application", "command", "outcome", "rule", "le"))
                        .containsAll(sample.labels().keySet()));
        assertThat(scrape.text()).as("no id or name in any label")
                .doesNotContain(id).doesNotContain("Maija").doesNotContain("mentor-1").doesNotContain("womento");
        Promtool.checkMetrics(scrape.text());

        Set<String> drawn = new TreeSet<>();
        Matcher name = Pattern.compile("\\bledger_commands[a-z_]*").matcher(
                Files.readString(Path.of("../ops/grafana/mentoring-ledger.json")));
        while (name.find()) {
            drawn.add(name.group());
        }
        assertThat(drawn).contains("ledger_commands_seconds_bucket", "ledger_commands_refused_total");
        assertThat(drawn).allSatisfy(series -> assertThat(scrape.find(series)).as(series).isNotEmpty());
    }

    private static void assertStatus(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.request().uri() + ": " + response.body()).isEqualTo(status);
    }

    private static double count(Scrape scrape, String command, String outcome) {
        return scrape.value("ledger_commands_seconds_count", "command", command, "outcome", outcome);
    }

    private static String start(String id, String language) {
        return """
                {"relationshipId":"%s","programmeId":"womento-2025","mentor":{"id":"mentor-1","name":"Maija Mentor"},
                 "mentee":{"id":"mentee-1","name":"Eero Aktori"},"language":"%s","startedOn":"2025-03-01"}"""
                .formatted(id, language);
    }

    private Scrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/actuator/prometheus", TestUsers.ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Scrape.parse(response.body());
    }

    private HttpResponse<String> post(String path, String body) {
        return ServiceClient.onPort(port).accepting(null).send("POST", path, TestUsers.ADMIN, "application/json", body);
    }

    private HttpResponse<String> get(String path, TestUsers.User user) {
        return ServiceClient.onPort(port).send("GET", path, user, null, null, "Accept", "text/plain");
    }
}
