package fi.mentoringledger.query.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.testsupport.ServiceClient;
import fi.mentoringledger.testsupport.ServiceProcess;

/**
 * The query-service started from its own built jar (Maven packages it before the integration
 * tests run) as a separate operating-system process, so that a test can kill it with SIGKILL: no
 * shutdown hook, no finished batch, no released token claim, exactly like a crash.
 */
public final class QueryServiceProcess implements AutoCloseable {

    private final ServiceProcess process;
    private final ServiceClient client;

    private QueryServiceProcess(ServiceProcess process) {
        this.process = process;
        this.client = process.client();
    }

    /** Starts an instance and waits until it answers health; {@code name} names its log file. */
    public static QueryServiceProcess start(PostgresTestDatabase database, String name, String... arguments) {
        List<String> settings = new ArrayList<>(PostgresTestDatabase.arguments(database.queryServiceProperties()));
        settings.addAll(TestUsers.arguments());
        settings.addAll(List.of(arguments));
        return new QueryServiceProcess(ServiceProcess.jar(jar().toPath(), "query service",
                        Path.of("target", "query-service-" + name + ".log"))
                .jvmOptions("-Xmx384m")
                .arguments(settings)
                .appendingToLog()
                .start());
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
        process.kill();
    }

    public HttpResponse<String> send(String method, String path) {
        return client.send(method, path, TestUsers.ADMIN, null, null);
    }

    /** GETs JSON and insists on 200. */
    public JsonNode json(String path) {
        return client.json(path);
    }

    /** Whether every processor of this instance has processed the newest event and none is rebuilding. */
    public boolean caughtUp() {
        return QueryApp.caughtUp(client);
    }

    /** A normal stop (SIGTERM), or SIGKILL if it does not stop in time. */
    @Override
    public void close() {
        process.close();
    }
}
