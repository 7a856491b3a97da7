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

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;

/**
 * The command-service, started from its built jar as a separate process on a free port, with the
 * tests' users; requests sign in as the tests' admin unless they name someone else.
 */
public final class CommandServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration START = Duration.ofMinutes(4);

    private final Process process;
    private final String base;
    private final Path log;

    private CommandServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.base = "http://127.0.0.1:" + port;
        this.log = log;
    }

    public static CommandServiceProcess start(PostgresTestDatabase database) {
        return start(database, TestUsers.ADMIN);
    }

    public static CommandServiceProcess start(PostgresTestDatabase database, TestUsers.User... users) {
        return start(database, List.of(), users);
    }

    /** As above, with more settings ({@code --name=value}). */
    public static CommandServiceProcess start(PostgresTestDatabase database, List<String> settings,
            TestUsers.User... users) {
        File jar = new File(System.getProperty("commandServiceJar",
                "../command-service/target/command-service-0.1.0-SNAPSHOT.jar")).getAbsoluteFile();
        if (!jar.isFile()) {
            fail("The end-to-end test starts the command service from " + jar + ", which does not exist. Build it "
                    + "first: ./mvnw -B -q -DskipTests install -pl shared-api,event-store,command-service");
        }
        int port = ServiceProcesses.freePort();
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve("command-service-it.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-jar", jar.getPath(),
                    "--server.port=" + port));
            command.addAll(PostgresTestDatabase.arguments(database.commandServiceProperties()));
            command.addAll(TestUsers.arguments(users));
            command.addAll(settings);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            CommandServiceProcess service = new CommandServiceProcess(process, port, log);
            service.awaitHealthy();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String base() {
        return base;
    }

    /** Where the service's console output goes. */
    public Path log() {
        return log;
    }

    public HttpResponse<String> post(String path, String json) {
        return post(path, json, TestUsers.ADMIN);
    }

    /** A command signed in as {@code user} with HTTP Basic. */
    public HttpResponse<String> post(String path, String json, TestUsers.User user) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", user.authorization())
                .POST(HttpRequest.BodyPublishers.ofString(json))
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

    private void awaitHealthy() {
        try {
            ServiceProcesses.awaitHealthy(process, base, START, "command service", log);
        } catch (AssertionError e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
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
