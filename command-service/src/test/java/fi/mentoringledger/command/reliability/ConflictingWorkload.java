package fi.mentoringledger.command.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Many clients at once sending commands that conflict: to the same few relationships, meetings
 * against pauses, resumes against resumes, goals achieved twice, closes against terminations, some
 * with the version they last saw as If-Match. Every request carries its own X-Correlation-Id, which
 * the service stores in the metadata of the event it records: that ties each stored event to the
 * one request that caused it. Seeded, so a failing run can be repeated.
 */
final class ConflictingWorkload {

    enum Action { MEETING, RAISE_CONCERN, RESOLVE_CONCERN, ACHIEVE_GOAL, PAUSE, RESUME, AMEND, CLOSE, TERMINATE, EVALUATE }

    /** Share of requests that carry If-Match with the version the client last saw, in percent. */
    static final int IF_MATCH_PERCENT = 35;
    static final int GOALS = 6;
    /** Events each relationship has before the clients begin: started, agreed. */
    static final int SETUP_EVENTS = 2;

    /** One command as sent, and the answer. */
    record Sent(int client, int instance, String correlationId, String relationshipId, Action action, Long ifMatch,
            String path, String body, ApiClient.Answer answer) {

        int status() {
            return answer.status();
        }

        @Override
        public String toString() {
            return correlationId + " " + action + " " + path + (ifMatch == null ? "" : " If-Match " + ifMatch) + " -> "
                    + answer.status() + " " + answer.text();
        }
    }

    private record Command(Action action, String path, String body) {
    }

    private final long seed;
    private final List<ApiClient> instances;
    private final List<String> relationshipIds;
    private final LocalDate startedOn = LocalDate.now(ZoneId.of("Europe/Helsinki")).minusDays(400);
    private final Map<String, List<String>> raisedConcerns = new ConcurrentHashMap<>();

    ConflictingWorkload(long seed, List<ApiClient> instances, String prefix, int relationships) {
        this.seed = seed;
        this.instances = List.copyOf(instances);
        this.relationshipIds = IntStream.range(0, relationships).mapToObj(i -> prefix + "-" + i).toList();
        relationshipIds.forEach(id -> raisedConcerns.put(id, new CopyOnWriteArrayList<>()));
    }

    List<String> relationshipIds() {
        return relationshipIds;
    }

    /** Starts and agrees every relationship, so that most actions are possible when the clients begin. */
    void prepare() {
        ApiClient api = instances.get(0);
        for (String id : relationshipIds) {
            assertThat(api.post("/api/relationships", startBody(id), "X-Correlation-Id", "setup-start-" + id).status())
                    .isEqualTo(201);
            assertThat(api.post("/api/relationships/" + id + "/agree", agreementBody(startedOn.plusDays(1), "setup"),
                    "X-Correlation-Id", "setup-agree-" + id).status()).isEqualTo(200);
        }
    }

    String startBody(String id) {
        return """
                {"relationshipId":"%s","programmeId":"reliability","mentor":{"id":"mentor-%s","name":"Aino Mentor"},
                 "mentee":{"id":"mentee-%s","name":"Leila Aktori"},"language":"fi","startedOn":"%s"}"""
                .formatted(id, id, id, startedOn);
    }

    /** All clients at once, each sending its commands one after the other. */
    List<Sent> run(int clients, int commandsPerClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<Sent>>> results = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int c = client;
                results.add(pool.submit(() -> {
                    go.await();
                    return client(c, commandsPerClient);
                }));
            }
            go.countDown();
            List<Sent> sent = new ArrayList<>();
            for (Future<List<Sent>> result : results) {
                sent.addAll(result.get(3, TimeUnit.MINUTES));
            }
            return sent;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Sent> client(int client, int commands) {
        Random random = new Random(seed * 1_000_003L + client);
        Map<String, Long> lastSeenVersion = new HashMap<>();
        List<Sent> sent = new ArrayList<>();
        for (int n = 0; n < commands; n++) {
            String id = relationshipIds.get(random.nextInt(relationshipIds.size()));
            String correlationId = "c" + client + "-" + n;
            boolean endgame = n >= commands * 4 / 5;
            Command command = command(pick(random, endgame), id, correlationId, random);
            Long ifMatch = random.nextInt(100) < IF_MATCH_PERCENT
                    ? lastSeenVersion.getOrDefault(id, (long) SETUP_EVENTS - 1) : null;
            int instance = (client + n) % instances.size();
            ApiClient.Answer answer = ifMatch == null
                    ? instances.get(instance).post(command.path(), command.body(), "X-Correlation-Id", correlationId)
                    : instances.get(instance).post(command.path(), command.body(), "X-Correlation-Id", correlationId,
                            "If-Match", "\"" + ifMatch + "\"");
            if (answer.ok()) {
                lastSeenVersion.merge(id, answer.body().path("version").asLong(), Math::max);
                if (command.action() == Action.RAISE_CONCERN) {
                    raisedConcerns.get(id).add("k-" + correlationId);
                }
            } else if (answer.status() == 412) {
                lastSeenVersion.merge(id, answer.body().path("currentVersion").asLong(), Math::max);
            }
            sent.add(new Sent(client, instance, correlationId, id, command.action(), ifMatch, command.path(),
                    command.body(), answer));
        }
        return sent;
    }

    /** Mostly actions that keep a relationship open; closes, terminations and evaluations in the last fifth. */
    private static Action pick(Random random, boolean endgame) {
        int roll = random.nextInt(endgame ? 114 : 88);
        if (roll < 30) return Action.MEETING;
        if (roll < 40) return Action.RAISE_CONCERN;
        if (roll < 48) return Action.RESOLVE_CONCERN;
        if (roll < 56) return Action.ACHIEVE_GOAL;
        if (roll < 68) return Action.PAUSE;
        if (roll < 82) return Action.RESUME;
        if (roll < 88) return Action.AMEND;
        if (roll < 96) return Action.CLOSE;
        if (roll < 100) return Action.TERMINATE;
        return Action.EVALUATE;
    }

    private Command command(Action action, String id, String correlationId, Random random) {
        String base = "/api/relationships/" + id;
        LocalDate day = startedOn.plusDays(1 + random.nextInt(300));
        return switch (action) {
            case MEETING -> new Command(action, base + "/meetings", """
                    {"meetingId":"m-%s","heldOn":"%s","durationMinutes":%d,"tasks":["task of %s"]}"""
                    .formatted(correlationId, day, 30 + random.nextInt(60), correlationId));
            case RAISE_CONCERN -> new Command(action, base + "/concerns", """
                    {"concernId":"k-%s","raisedBy":"MENTEE","description":"concern of %s","organiserContacted":false}"""
                    .formatted(correlationId, correlationId));
            case RESOLVE_CONCERN -> {
                List<String> concerns = raisedConcerns.get(id);
                yield concerns.isEmpty()
                        ? command(Action.RAISE_CONCERN, id, correlationId, random)
                        : new Command(action, base + "/concerns/" + concerns.get(random.nextInt(concerns.size()))
                                + "/resolve", "{\"resolution\":\"resolved by " + correlationId + "\"}");
            }
            case ACHIEVE_GOAL -> new Command(action, base + "/goals/g" + (1 + random.nextInt(GOALS)) + "/achieve",
                    "{\"achievedOn\":\"" + day + "\"}");
            case PAUSE -> new Command(action, base + "/pause",
                    "{\"reason\":\"pause of " + correlationId + "\",\"pausedOn\":\"" + day + "\"}");
            case RESUME -> new Command(action, base + "/resume", "{\"resumedOn\":\"" + day + "\"}");
            case AMEND -> new Command(action, base + "/agreement-amendments", agreementBody(day, correlationId));
            case CLOSE -> new Command(action, base + "/close",
                    "{\"closedOn\":\"" + day + "\",\"summary\":\"closed by " + correlationId + "\"}");
            case TERMINATE -> new Command(action, base + "/terminate", """
                    {"reason":"LACK_OF_TIME","initiatedBy":"BOTH","note":"%s","terminatedOn":"%s"}"""
                    .formatted(correlationId, day));
            case EVALUATE -> new Command(action, base + "/evaluations", """
                    {"by":"%s","rating":%d,"goalsMet":"PARTLY","comments":"%s"}"""
                    .formatted(random.nextBoolean() ? "MENTOR" : "MENTEE", 1 + random.nextInt(5), correlationId));
        };
    }

    private static String agreementBody(LocalDate agreedOn, String by) {
        String goals = IntStream.rangeClosed(1, GOALS)
                .mapToObj(i -> "{\"goalId\":\"g" + i + "\",\"description\":\"goal " + i + "\"}")
                .collect(Collectors.joining(","));
        return """
                {"goals":[%s],"groundRules":{"contactChannel":"Teams","meetingFrequency":"as %s agreed"},
                 "agreedOn":"%s"}""".formatted(goals, by, agreedOn);
    }
}
