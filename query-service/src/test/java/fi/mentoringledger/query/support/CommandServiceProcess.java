package fi.mentoringledger.query.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.testsupport.ServiceClient;
import fi.mentoringledger.testsupport.ServiceProcess;

/**
 * The command-service, started from its built jar as a separate process on a free port, with the
 * tests' users; requests sign in as the tests' admin unless they name someone else.
 */
public final class CommandServiceProcess implements AutoCloseable {

    private static final Path LOG = Path.of("target", "command-service-it.log");

    private final ServiceProcess process;
    private final ServiceClient client;

    private CommandServiceProcess(ServiceProcess process) {
        this.process = process;
        this.client = process.client();
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
        List<String> arguments = new ArrayList<>(PostgresTestDatabase.arguments(database.commandServiceProperties()));
        arguments.addAll(TestUsers.arguments(users));
        arguments.addAll(settings);
        return new CommandServiceProcess(ServiceProcess.jar(jar.toPath(), "command service", LOG)
                .arguments(arguments)
                .startWithin(Duration.ofMinutes(4))
                .start());
    }

    public String base() {
        return process.base();
    }

    /** Its client, signed in as the tests' admin. */
    public ServiceClient client() {
        return client;
    }

    /** Where the service's console output goes. */
    public Path log() {
        return LOG;
    }

    public HttpResponse<String> post(String path, String json) {
        return post(path, json, TestUsers.ADMIN);
    }

    /** A command signed in as {@code user} with HTTP Basic. */
    public HttpResponse<String> post(String path, String json, TestUsers.User user) {
        return client.send("POST", path, user, "application/json", json);
    }

    @Override
    public void close() {
        process.close();
    }
}
