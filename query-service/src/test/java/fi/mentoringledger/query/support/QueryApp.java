package fi.mentoringledger.query.support;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.eventstore.personaldata.KeyEncryptionKeys;
import fi.mentoringledger.query.QueryServiceApplication;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.testsupport.ServiceClient;

/**
 * The query-service running in this JVM against a test database, and an HTTP client for it,
 * signed in as the tests' admin unless a request names someone else.
 */
public final class QueryApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final ServiceClient client;
    private final EventWriter events;

    private QueryApp(ConfigurableApplicationContext context, PostgresTestDatabase database) {
        this.context = context;
        this.client = ServiceClient.of("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
        this.events = new EventWriter(database, context.getBean(KeyEncryptionKeys.class));
    }

    public static QueryApp start(PostgresTestDatabase database) {
        return start(database, TestUsers.ADMIN);
    }

    /** With these users (the tests' admin among them, for the helpers that sign in as admin). */
    public static QueryApp start(PostgresTestDatabase database, TestUsers.User... users) {
        return start(database, null, users);
    }

    /**
     * With these users, relaying the pages' commands to {@code commands} (which must know the same
     * users; both get the run's relay key from {@link TestUsers}).
     */
    public static QueryApp start(PostgresTestDatabase database, CommandServiceProcess commands,
            TestUsers.User... users) {
        return start(database, commands, List.of(), users);
    }

    /** As above, with more settings ({@code --name=value}). */
    public static QueryApp start(PostgresTestDatabase database, CommandServiceProcess commands, List<String> settings,
            TestUsers.User... users) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0"));
        arguments.addAll(PostgresTestDatabase.arguments(database.queryServiceProperties()));
        arguments.addAll(TestUsers.arguments(users));
        if (commands != null) {
            arguments.add("--mentoring.relay.command-service-url=" + commands.base());
        }
        arguments.addAll(settings);
        return new QueryApp(new SpringApplicationBuilder(QueryServiceApplication.class)
                .run(arguments.toArray(String[]::new)), database);
    }

    public String base() {
        return client.base();
    }

    /** Its client, signed in as the tests' admin. */
    public ServiceClient client() {
        return client;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    /** Writes events as the command side would (the service's own role may not). */
    public EventWriter events() {
        return events;
    }

    /** Stops every event processor, so that events written now wait for the next start. */
    public void stopProcessors() {
        context.getBean(EventProcessingConfiguration.class).eventProcessors().values()
                .forEach(EventProcessor::shutDown);
    }

    /**
     * Stores the journeys' events in the event store as the command side would (one aggregate
     * stream per relationship, sequence numbers from 0), in transactions of a few hundred events.
     */
    public void append(List<Journey> journeys) {
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (Journey journey : journeys) {
            for (int i = 0; i < journey.events.size(); i++) {
                batch.add(new GenericDomainEventMessage<>("Relationship", journey.id, i, journey.events.get(i),
                        MetaData.with("correlationId", "test-" + journey.id).and("actor", null)));
                if (batch.size() == 500) {
                    events.append(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            events.append(batch);
        }
    }

    /**
     * Stores events of one relationship from the given sequence number on, in one transaction:
     * for events that arrive after the earlier ones of their relationship were already projected.
     */
    public void append(String relationshipId, List<Object> payloads, long firstSequence) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            messages.add(new GenericDomainEventMessage<>("Relationship", relationshipId, firstSequence + i,
                    payloads.get(i), MetaData.with("correlationId", "test-" + relationshipId).and("actor", null)));
        }
        events.append(messages);
    }

    public HttpResponse<String> send(String method, String path, String accept) {
        return send(method, path, accept, TestUsers.ADMIN);
    }

    /** A request signed in as {@code user} with HTTP Basic; null sends no credentials. */
    public HttpResponse<String> send(String method, String path, String accept, TestUsers.User user) {
        return client.send(method, path, user, null, null, "Accept", accept);
    }

    public HttpResponse<String> post(String path) {
        return send("POST", path, "application/json");
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, "application/json");
    }

    /** GETs JSON and insists on 200. */
    public JsonNode json(String path) {
        return client.json(path);
    }

    public static JsonNode parse(String body) {
        return ServiceClient.parse(body);
    }

    /** Whether every processor has processed the newest event and no rebuild is under way. */
    public boolean caughtUp() {
        return caughtUp(client);
    }

    /** Whether every processor of the query-service {@code service} has processed the newest event, none rebuilding. */
    static boolean caughtUp(ServiceClient service) {
        JsonNode processors = service.json("/api/admin/processors");
        for (JsonNode processor : processors) {
            if (processor.get("replaying").asBoolean() || processor.get("headPosition").isNull()
                    || processor.get("position").isNull()
                    || processor.get("position").asLong() < processor.get("headPosition").asLong()) {
                return false;
            }
        }
        return processors.size() == 3;
    }

    @Override
    public void close() {
        context.close();
    }
}
