package fi.mentoringledger.command.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import fi.mentoringledger.command.CommandServiceApplication;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;

/**
 * One running command-service, started the way production starts it (its own application context
 * and HTTP port), on a test database. Counts the commands it dispatches to its aggregate: more
 * dispatches than HTTP commands means commands that lost a race were retried.
 */
final class CommandServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final ApiClient api;
    private final AtomicLong dispatches = new AtomicLong();

    private CommandServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.api = new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
        context.getBean(CommandBus.class).registerDispatchInterceptor(messages -> {
            dispatches.incrementAndGet();
            return (index, message) -> message;
        });
    }

    static CommandServiceInstance start(PostgresTestDatabase database, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0"));
        arguments.addAll(PostgresTestDatabase.arguments(database.commandServiceProperties()));
        arguments.addAll(TestUsers.arguments());
        arguments.addAll(List.of(extraArguments));
        return new CommandServiceInstance(new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(arguments.toArray(String[]::new)));
    }

    ApiClient api() {
        return api;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    long dispatchedCommands() {
        return dispatches.get();
    }

    @Override
    public void close() {
        context.close();
    }
}
