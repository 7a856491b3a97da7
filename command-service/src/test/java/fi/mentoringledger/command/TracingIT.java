package fi.mentoringledger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;

/**
 * The command-service's traces, caught by an in-memory exporter: one trace runs from the HTTP
 * request through Axon's handling of the command to the publication of its event, the stored
 * event carries that trace's context for the projections, and the request's log line names the
 * trace beside the correlation id. No span quotes a name, a text or the signed-in user's name, and
 * with no OTLP endpoint configured (application.yml sets none) no exporter exists but the test's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.tracing.sampling.probability=1.0",
        "management.tracing.opentelemetry.export.schedule-delay=50ms",
        "logging.level.fi.mentoringledger.command.relationship.CommandMetrics=DEBUG"})
// Spring Boot's tests leave tracing off unless asked: the traces are the point here.
@AutoConfigureObservability
@Import(TracingIT.Spans.class)
@ExtendWith(OutputCaptureExtension.class)
class TracingIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    /** Written into names, texts and the user's name; no span may repeat it. */
    private static final String MARKER = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final TestUsers.User USER = TestUsers.user(MARKER + "-admin", "ADMIN", null);

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void useTestDatabase(DynamicPropertyRegistry registry) {
        database.commandServiceProperties().forEach((name, value) -> registry.add(name, () -> value));
        TestUsers.properties(TestUsers.ADMIN, USER).forEach((name, value) -> registry.add(name, () -> value));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Spans {
        @Bean
        InMemorySpanExporter inMemorySpans() {
            return InMemorySpanExporter.create();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    InMemorySpanExporter spans;
    @Autowired
    ApplicationContext context;

    @BeforeEach
    void forgetEarlierSpans() {
        spans.reset();
    }

    @Test
    void oneTraceRunsFromTheRequestThroughTheCommandToTheStoredEvent(CapturedOutput output) throws Exception {
        String id = "traced-" + UUID.randomUUID();
        String correlationId = "trace-test-" + UUID.randomUUID();
        HttpResponse<String> started = post("/api/relationships", start(id, "Maija Mentor"), correlationId);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);

        SpanData request = await().atMost(BOUND).until(() -> serverSpan("/api/relationships"), span -> span != null);
        String traceId = request.getTraceId();
        List<SpanData> trace = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId)).toList();
        assertThat(names(trace)).as("the request's trace")
                .anyMatch(name -> name.startsWith("CommandBus.dispatchCommand(StartRelationship)"))
                .anyMatch(name -> name.startsWith("CommandBus.handleCommand(StartRelationship)"))
                .anyMatch(name -> name.startsWith("EventBus.publishEvent(RelationshipStarted)"));
        SpanData handled = trace.stream().filter(span -> span.getName().startsWith("CommandBus.handleCommand"))
                .findFirst().orElseThrow();
        assertThat(handled.getAttributes().asMap().values()).as("the handling span names the message")
                .anyMatch(value -> value.toString().endsWith("StartRelationship"));

        assertThat(storedTraceParent(id)).as("the stored event carries the trace on to the projections")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01");

        assertThat(output.getOut().lines().filter(line -> line.contains("StartRelationship accepted")))
                .as("the request's log line names its trace and its correlation id")
                .singleElement().satisfies(line -> assertThat(line)
                        .contains("trace=" + traceId).contains("correlation=" + correlationId));
    }

    @Test
    void noSpanQuotesANameATextOrTheUsersName() throws Exception {
        String id = "private-" + UUID.randomUUID();
        String correlationId = "private-" + UUID.randomUUID();
        List<HttpResponse<String>> answers = List.of(
                post("/api/relationships", start(id, "Maija " + MARKER), correlationId),
                // refused: a relationship just started cannot be paused (the refusal's span records the failure)
                post("/api/relationships/" + id + "/pause", "{\"reason\":\"a holiday " + MARKER + "\"}", correlationId),
                // refused by bean validation, which quotes the value it refused in its exception's message
                post("/api/relationships", start("private-" + UUID.randomUUID(), (MARKER + " ").repeat(20)),
                        correlationId));
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(201, 409, 400);

        await().atMost(BOUND).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER).count() >= answers.size());
        List<SpanData> all = spans.getFinishedSpanItems();
        assertThat(names(all)).as("Axon's spans were there to look at").anyMatch(name -> name.startsWith("CommandBus"));
        assertThat(all).allSatisfy(span -> assertThat(everythingSaidIn(span)).as(span.getName())
                .doesNotContain(MARKER.toLowerCase(Locale.ROOT)));
    }

    @Test
    void withNoEndpointConfiguredNothingIsExported() {
        assertThat(context.getBeansOfType(SpanExporter.class)).as("exporters besides the test's own")
                .containsOnlyKeys("inMemorySpans");
        assertThat(context.getEnvironment().getProperty("management.otlp.tracing.endpoint")).isNull();
    }

    /** The span's name, attributes, events (and their attributes), links and status, as one lower-case text. */
    private static String everythingSaidIn(SpanData span) {
        List<String> said = new ArrayList<>(List.of(span.getName(), span.getAttributes().toString(),
                span.getStatus().toString(), span.getResource().toString()));
        span.getEvents().forEach(event -> said.add(event.getName() + event.getAttributes()));
        span.getLinks().forEach(link -> said.add(link.getAttributes().toString()));
        return String.join("\n", said).toLowerCase(Locale.ROOT);
    }

    private SpanData serverSpan(String route) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER && span.getName().endsWith(" " + route))
                .findFirst().orElse(null);
    }

    private static Stream<String> names(List<SpanData> spans) {
        return spans.stream().map(SpanData::getName);
    }

    private static String storedTraceParent(String relationshipId) throws Exception {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0")) {
            query.setString(1, relationshipId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("the stored event of " + relationshipId).isTrue();
                String metadata = new String(row.getBytes(1), StandardCharsets.UTF_8);
                Matcher traceParent = Pattern
                        .compile("\"traceparent\"\\s*:\\s*\"([^\"]*)\"").matcher(metadata);
                assertThat(traceParent.find()).as(metadata).isTrue();
                return traceParent.group(1);
            }
        }
    }

    private static String start(String id, String mentorName) {
        return """
                {"relationshipId":"%s","programmeId":"womento-2025","mentor":{"id":"mentor-1","name":"%s"},
                 "mentee":{"id":"mentee-1","name":"Eero %s"},"language":"fi","startedOn":"2025-03-01"}"""
                .formatted(id, mentorName, MARKER);
    }

    private HttpResponse<String> post(String path, String body, String correlationId)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", USER.authorization())
                .header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
