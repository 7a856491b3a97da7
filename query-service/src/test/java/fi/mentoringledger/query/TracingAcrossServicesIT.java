package fi.mentoringledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.BrowserSession;
import fi.mentoringledger.query.support.CommandServiceProcess;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.security.TestUsers.User;

/**
 * One command's trace across both services, as an OTLP collector receives it: the browser's
 * request to the query-service, its relay to the command-service, the command handled there, and
 * each projection's handling of the stored event back in the query-service share one trace id
 * (the relay carries the context in its headers, the event in its metadata). The command-service's
 * log line of the command names that trace. Nothing either service exports quotes a name, a text
 * or the signed-in user's name. Both services run for real on PostgreSQL, exporting to a receiver
 * in this test.
 */
class TracingAcrossServicesIT {

    private static final Duration BOUND = Duration.ofMinutes(2);
    /** Written into names and the user's name; no exported byte may repeat it. */
    private static final String MARKER = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final User ORGANISER = TestUsers.user(MARKER + "-organiser", "ORGANISER", null, "womento");

    private static final List<byte[]> exports = new CopyOnWriteArrayList<>();
    private static HttpServer collector;
    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static CommandServiceProcess commands;
    private static QueryApp query;

    @BeforeAll
    static void bothServicesExportingHere() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
                exports.add("gzip".equalsIgnoreCase(encoding) ? gunzip(bytes) : bytes);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        List<String> tracing = List.of(
                "--management.otlp.tracing.endpoint=http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces",
                "--management.tracing.sampling.probability=1.0",
                "--management.tracing.opentelemetry.export.schedule-delay=100ms");
        List<String> commandSettings = new ArrayList<>(tracing);
        commandSettings.add("--logging.level.fi.mentoringledger.command.relationship.CommandMetrics=DEBUG");
        commands = database.closeAfterAll(CommandServiceProcess.start(database, commandSettings, TestUsers.ADMIN, ORGANISER));
        query = database.closeAfterAll(QueryApp.start(database, commands, tracing, TestUsers.ADMIN, ORGANISER));
    }

    @AfterAll
    static void stopTheCollector() {
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void oneTraceRunsFromTheBrowsersRequestThroughTheCommandToEachProjection() throws Exception {
        BrowserSession organiser = BrowserSession.signIn(query.base(), ORGANISER);
        String id = "traced-" + UUID.randomUUID();

        HttpResponse<String> started = organiser.postJson("/api/relationships", """
                {"relationshipId":"%s","programmeId":"womento","mentor":{"id":"p-mentor","name":"Maija %s"},
                 "mentee":{"id":"p-mentee","name":"Eero %s"},"language":"fi","startedOn":"2025-03-01"}"""
                .formatted(id, MARKER, MARKER));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);

        Exported commandHandled = await().atMost(BOUND).pollInterval(Duration.ofMillis(200))
                .until(() -> find("command-service", "CommandBus.handleCommand(StartRelationship)"), span -> span != null);
        String traceId = commandHandled.traceId();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<Exported> trace = spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
            assertThat(trace).as("the trace of the browser's command")
                    .anySatisfy(span -> assertSpan(span, "query-service", Span.SpanKind.SPAN_KIND_SERVER, "http post"))
                    .anySatisfy(span -> assertSpan(span, "query-service", Span.SpanKind.SPAN_KIND_CLIENT, "http post"))
                    .anySatisfy(span -> assertSpan(span, "command-service", Span.SpanKind.SPAN_KIND_SERVER,
                            "http post /api/relationships"))
                    .anySatisfy(span -> assertSpan(span, "command-service", Span.SpanKind.SPAN_KIND_PRODUCER,
                            "EventBus.publishEvent(RelationshipStarted)"))
                    .anySatisfy(span -> assertSpan(span, "query-service", Span.SpanKind.SPAN_KIND_CONSUMER,
                            "StreamingEventProcessor.process(RelationshipStarted)"))
                    .anySatisfy(span -> assertSpan(span, "query-service", null, "SummaryProjection."))
                    .anySatisfy(span -> assertSpan(span, "query-service", null, "HistoryProjection."))
                    .anySatisfy(span -> assertSpan(span, "query-service", null, "OutcomeProjection."));
        });

        assertThat(Files.readAllLines(commands.log()).stream().filter(line -> line.contains("StartRelationship accepted")))
                .as("the command-service's log line of the command names its trace")
                .singleElement().satisfies(line -> assertThat(line).contains("trace=" + traceId));

        byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
        assertThat(exports).as("what was exported").isNotEmpty()
                .allSatisfy(export -> assertThat(indexOf(export, marker)).as("the marker's place in an export").isEqualTo(-1));
    }

    private static void assertSpan(Exported span, String service, Span.SpanKind kind, String namePrefix) {
        assertThat(span.service()).isEqualTo(service);
        if (kind != null) {
            assertThat(span.span().getKind()).isEqualTo(kind);
        }
        assertThat(span.span().getName()).startsWith(namePrefix);
    }

    private record Exported(String service, Span span) {
        String traceId() {
            return HexFormat.of().formatHex(span.getTraceId().toByteArray());
        }
    }

    private static Exported find(String service, String name) {
        return spans().stream().filter(span -> span.service().equals(service) && span.span().getName().equals(name))
                .findFirst().orElse(null);
    }

    private static List<Exported> spans() {
        List<Exported> spans = new ArrayList<>();
        for (byte[] export : exports) {
            try {
                for (ResourceSpans resource : ExportTraceServiceRequest.parseFrom(export).getResourceSpansList()) {
                    String service = resource.getResource().getAttributesList().stream()
                            .filter(attribute -> attribute.getKey().equals("service.name"))
                            .map(KeyValue::getValue).map(value -> value.getStringValue()).findFirst().orElse("");
                    for (ScopeSpans scope : resource.getScopeSpansList()) {
                        scope.getSpansList().forEach(span -> spans.add(new Exported(service, span)));
                    }
                }
            } catch (IOException e) {
                throw new AssertionError("an export that is not OTLP protobuf", e);
            }
        }
        return spans;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
