package fi.mentoringledger.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.testsupport.ServiceProcess;

/**
 * The benchmark's quick mode end to end, as CI runs it: both services started from their jars on
 * a database of their own, then every phase of the benchmark against them. It asserts that every
 * figure was measured and every phase worked (no refused command, a completed replay, answered
 * reads), never what the figures are: speed is the benchmark's business, not a test's.
 */
class BenchmarkQuickIT {

    private static final Duration STARTUP = Duration.ofSeconds(150);

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static ServiceProcess command;
    private static ServiceProcess query;

    @BeforeAll
    static void startServices() {
        command = database.closeAfterAll(start("benchmark.commandServiceJar", "command-service"));
        query = database.closeAfterAll(start("benchmark.queryServiceJar", "query-service"));
    }

    @Test
    void measuresEveryFigureOfTheIssueAgainstBothServices() throws Exception {
        Path output = Path.of(System.getProperty("benchmark.output", "target/benchmark-quick-it.json"));
        Settings settings = Settings.from(Map.ofEntries(
                Map.entry("mode", "quick"),
                Map.entry("command-url", command.base()),
                Map.entry("query-url", query.base()),
                Map.entry("jdbc-url", database.jdbcUrl()),
                Map.entry("jdbc-user", database.username()),
                Map.entry("jdbc-password", database.password()),
                Map.entry("user", TestUsers.ADMIN.username()),
                Map.entry("password", TestUsers.ADMIN.password()),
                Map.entry("out", output.toString()),
                Map.entry("relationships", "80"),
                Map.entry("warm-up-seconds", "0.3"),
                Map.entry("command-seconds", "1"),
                Map.entry("baseline-seconds", "0.5"),
                Map.entry("lag-seconds", "2"),
                Map.entry("replay-events", "2500"),
                Map.entry("read-relationships", "250"),
                Map.entry("read-samples", "5"),
                Map.entry("command-pid", Long.toString(command.pid())),
                Map.entry("query-pid", Long.toString(query.pid()))));

        new Benchmark(settings).run();

        JsonNode results = Http.JSON.readTree(output.toFile());
        assertThat(results.path("errors").isMissingNode()).as("phases that failed: %s", results.path("errors")).isTrue();
        for (String clients : List.of("1", "8", "32")) {
            assertThat(results.at("/baseline/singleRowCommitsPerSecond/" + clients).asDouble()).isPositive();
            JsonNode level = results.at("/commands/levels/" + clients);
            assertThat(level.path("accepted").asLong()).as("commands accepted at %s clients", clients).isPositive();
            assertThat(level.path("p99Ms").isNumber()).isTrue();
            assertThat(level.path("ratioToBaseline").isNumber()).isTrue();
        }
        assertThat(results.at("/commands/errors").asLong()).as("refused commands: %s", results.at("/commands/errorSamples"))
                .isZero();
        assertThat(results.at("/projectionLag/samples").asLong()).isPositive();
        assertThat(results.at("/projectionLag/timeouts").asLong()).isZero();
        assertThat(results.at("/replay/seedFormatCheckedAgainstStoredRows").asInt()).isPositive();
        assertThat(results.at("/replay/completed").asBoolean()).isTrue();
        assertThat(results.at("/replay/events").asLong()).isGreaterThanOrEqualTo(2500);
        assertThat(results.at("/replay/ratioToSequentialRead").isNumber()).isTrue();
        assertThat(results.at("/reads/relationships").asLong()).isGreaterThanOrEqualTo(250);
        for (String read : List.of("report", "report-filtered", "report-grouped", "list", "list-filtered", "history")) {
            JsonNode kind = results.at("/reads/" + read);
            assertThat(kind.path("failed").asLong()).as("%s: %s", read, kind.path("firstFailure")).isZero();
            assertThat(kind.path("samples").asLong()).as(read).isPositive();
        }
        for (String service : List.of("command-service", "query-service")) {
            assertThat(results.at("/memory/" + service + "/peakResidentMiB").asDouble()).as(service).isPositive();
        }
        assertThat(results.path("figures")).allSatisfy(figure -> {
            if (!figure.path("target").isNull()) {
                assertThat(figure.path("met").isBoolean()).as("target of %s judged", figure.path("name")).isTrue();
            }
        });
    }

    private static ServiceProcess start(String jarProperty, String name) {
        String jar = System.getProperty(jarProperty);
        assertThat(jar).as("system property %s (set by the failsafe configuration)", jarProperty).isNotNull();
        assertThat(new File(jar)).as("%s jar; package the services first", name).exists();
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username()));
        if (!database.password().isEmpty()) {
            arguments.add("--spring.datasource.password=" + database.password());
        }
        arguments.addAll(TestUsers.arguments());
        return ServiceProcess.jar(Path.of(jar), name, Path.of("target", "benchmark-it-" + name + ".log"))
                // A short functional run: the first compiler tier starts the services fastest.
                .jvmOptions("-XX:TieredStopAtLevel=1")
                .arguments(arguments)
                .startWithin(STARTUP)
                .start();
    }
}
