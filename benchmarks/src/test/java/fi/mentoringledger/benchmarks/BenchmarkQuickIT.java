package fi.mentoringledger.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;

/**
 * The benchmark's quick mode end to end, as CI runs it: both services started from their jars on
 * a database of their own, then every phase of the benchmark against them. It asserts that every
 * figure was measured and every phase worked (no refused command, a completed replay, answered
 * reads), never what the figures are: speed is the benchmark's business, not a test's.
 */
class BenchmarkQuickIT {

    private static final Duration STARTUP = Duration.ofSeconds(150);

    private static PostgresTestDatabase database;
    private static final List<Process> services = new ArrayList<>();
    private static int commandPort;
    private static int queryPort;

    @BeforeAll
    static void startServices() throws Exception {
        database = PostgresTestDatabase.create();
        commandPort = freePort();
        queryPort = freePort();
        Process command = start("benchmark.commandServiceJar", commandPort, "command-service");
        Process query = start("benchmark.queryServiceJar", queryPort, "query-service");
        awaitHealthy(command, commandPort);
        awaitHealthy(query, queryPort);
    }

    @AfterAll
    static void stopServices() throws InterruptedException {
        for (Process service : services) {
            service.destroy();
        }
        for (Process service : services) {
            if (!service.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void measuresEveryFigureOfTheIssueAgainstBothServices() throws Exception {
        Path output = Path.of(System.getProperty("benchmark.output", "target/benchmark-quick-it.json"));
        Settings settings = Settings.from(Map.ofEntries(
                Map.entry("mode", "quick"),
                Map.entry("command-url", "http://127.0.0.1:" + commandPort),
                Map.entry("query-url", "http://127.0.0.1:" + queryPort),
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
                Map.entry("command-pid", Long.toString(services.get(0).pid())),
                Map.entry("query-pid", Long.toString(services.get(1).pid()))));

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

    private static Process start(String jarProperty, int port, String name) throws IOException {
        String jar = System.getProperty(jarProperty);
        assertThat(jar).as("system property %s (set by the failsafe configuration)", jarProperty).isNotNull();
        assertThat(new File(jar)).as("%s jar; package the services first", name).exists();
        Path log = Path.of("target", "benchmark-it-" + name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A short functional run: the first compiler tier starts the services fastest.
                "-XX:TieredStopAtLevel=1",
                "-jar", jar,
                "--server.port=" + port,
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username()));
        if (!database.password().isEmpty()) {
            command.add("--spring.datasource.password=" + database.password());
        }
        command.addAll(TestUsers.arguments());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        services.add(process);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return process;
    }

    private static void awaitHealthy(Process process, int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("service on port %d exited; see target/benchmark-it-*.log", port).isTrue();
            try {
                if (client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("service on port " + port + " not healthy within " + STARTUP.toSeconds() + " s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
