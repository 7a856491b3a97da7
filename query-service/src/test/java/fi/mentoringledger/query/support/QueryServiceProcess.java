package fi.mentoringledger.query.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;

/**
 * The query-service started from its own built jar (Maven packages it before the integration
 * tests run) as a separate operating-system process, so that a test can kill it with SIGKILL: no
 * shutdown hook, no finished batch, no released token claim, exactly like a crash.
 */
public final class QueryServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration START = Duration.ofMinutes(3);

    private final Process process;
    private final String base;
    private final Path log;

    private QueryServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.base = "http://127.0.0.1:" + port;
        this.log = log;
    }

    /** Starts an instance and waits until it answers health; {@code name} names its log file. */
    public static QueryServiceProcess start(PostgresTestDatabase database, String name, String... arguments) {
        File jar = jar();
        int port = ServiceProcesses.freePort();
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve("query-service-" + name + ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-jar", jar.getPath(),
                    "--server.port=" + port));
            command.addAll(PostgresTestDatabase.arguments(database.queryServiceProperties()));
            command.addAll(TestUsers.arguments());
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            QueryServiceProcess service = new QueryServiceProcess(process, port, log);
            service.awaitHealthy();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File jar() {
        Path target = Path.of("target").toAbsolutePath();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("query-service-.*\\.jar"))
                    .findFirst()
                    .map(Path::toFile)
                    .orElseThrow(() -> new AssertionError("no query-service jar in " + target
                            + "; the integration tests run after Maven's package phase builds it"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the JVM gets no chance to finish anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail("the query service " + pid() + " did not die of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", TestUsers.ADMIN.authorization())
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs JSON and insists on 200. */
    public JsonNode json(String path) {
        HttpResponse<String> response = send("GET", path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return QueryApp.parse(response.body());
    }

    /** Whether every processor of this instance has processed the newest event and none is rebuilding. */
    public boolean caughtUp() {
        JsonNode processors = json("/api/admin/processors");
        for (JsonNode processor : processors) {
            if (processor.get("replaying").asBoolean() || processor.get("headPosition").isNull()
                    || processor.get("position").isNull()
                    || processor.get("position").asLong() < processor.get("headPosition").asLong()) {
                return false;
            }
        }
        return processors.size() == 3;
    }

    private void awaitHealthy() {
        try {
            ServiceProcesses.awaitHealthy(process, base, START, "query service", log);
        } catch (AssertionError e) {
            close();
            throw e;
        }
    }

    /** A normal stop (SIGTERM), or SIGKILL if it does not stop in time. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
