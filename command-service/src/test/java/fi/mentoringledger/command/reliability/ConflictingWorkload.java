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
import java.util.stream.IntStream;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.GoalsMet;
import fi.mentoringledger.api.relationship.GroundRules;
import fi.mentoringledger.api.relationship.Initiator;
import fi.mentoringledger.api.relationship.LifecycleAction;
import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.testsupport.CommandRequests;

/**
 * Many clients at once sending commands that conflict: to the same few relationships, meetings
 * against pauses, resumes against resumes, goals achieved twice, closes against terminations, some
 * with the version they last saw as If-Match. Every request carries its own X-Correlation-Id, which
 * the service stores in the metadata of the event it records: that ties each stored event to the
 * one request that caused it. Seeded, so a failing run can be repeated. The commands are the
 * shared-api's lifecycle actions and events, sent as {@link CommandRequests} makes them, as the
 * generated journeys are; unlike those, they need not be allowed where they land, which is the point.
 */
final class ConflictingWorkload {

    /** Share of requests that carry If-Match with the version the client last saw, in percent. */
    static final int IF_MATCH_PERCENT = 35;
    static final int GOALS = 6;
    /** Events each relationship has before the clients begin: started, agreed. */
    static final int SETUP_EVENTS = 2;

    /** One command as sent, and the answer. */
    record Sent(int client, int instance, String correlationId, String relationshipId, LifecycleAction action, Long ifMatch,
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

    private record Command(LifecycleAction action, CommandRequests.Request request) {
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
            CommandRequests.Request agree = CommandRequests.of(id,
                    new AgreementSigned(RelationshipId.of(id), agreement("setup"), startedOn.plusDays(1)));
            assertThat(api.post(agree.path(), agree.body(), "X-Correlation-Id", "setup-agree-" + id).status())
                    .isEqualTo(200);
        }
    }

    /** The same body for the same id, so that a start sent twice is a retry. */
    String startBody(String id) {
        return CommandRequests.of(id, new RelationshipStarted(RelationshipId.of(id), "reliability",
                new Person("mentor-" + id, "Aino Mentor"), new Person("mentee-" + id, "Leila Aktori"), "fi", startedOn))
                .body();
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
            String path = command.request().path();
            String body = command.request().body();
            Long ifMatch = random.nextInt(100) < IF_MATCH_PERCENT
                    ? lastSeenVersion.getOrDefault(id, (long) SETUP_EVENTS - 1) : null;
            int instance = (client + n) % instances.size();
            ApiClient.Answer answer = ifMatch == null
                    ? instances.get(instance).post(path, body, "X-Correlation-Id", correlationId)
                    : instances.get(instance).post(path, body, "X-Correlation-Id", correlationId,
                            "If-Match", "\"" + ifMatch + "\"");
            if (answer.ok()) {
                lastSeenVersion.merge(id, answer.body().path("version").asLong(), Math::max);
                if (command.action() == LifecycleAction.RAISE_CONCERN) {
                    raisedConcerns.get(id).add("k-" + correlationId);
                }
            } else if (answer.status() == 412) {
                lastSeenVersion.merge(id, answer.body().path("currentVersion").asLong(), Math::max);
            }
            sent.add(new Sent(client, instance, correlationId, id, command.action(), ifMatch, path, body, answer));
        }
        return sent;
    }

    /** Mostly actions that keep a relationship open; closes, terminations and evaluations in the last fifth. */
    private static LifecycleAction pick(Random random, boolean endgame) {
        int roll = random.nextInt(endgame ? 114 : 88);
        if (roll < 30) return LifecycleAction.RECORD_MEETING;
        if (roll < 40) return LifecycleAction.RAISE_CONCERN;
        if (roll < 48) return LifecycleAction.RESOLVE_CONCERN;
        if (roll < 56) return LifecycleAction.MARK_GOAL_ACHIEVED;
        if (roll < 68) return LifecycleAction.PAUSE;
        if (roll < 82) return LifecycleAction.RESUME;
        if (roll < 88) return LifecycleAction.AMEND_AGREEMENT;
        if (roll < 96) return LifecycleAction.CLOSE;
        if (roll < 100) return LifecycleAction.TERMINATE;
        return LifecycleAction.SUBMIT_EVALUATION;
    }

    private Command command(LifecycleAction action, String id, String correlationId, Random random) {
        RelationshipId rid = RelationshipId.of(id);
        LocalDate day = startedOn.plusDays(1 + random.nextInt(300));
        RelationshipEvent event = switch (action) {
            case RECORD_MEETING -> new MeetingRecorded(rid, "m-" + correlationId, day, 30 + random.nextInt(60), null,
                    List.of("task of " + correlationId), MeetingFormat.NOT_RECORDED);
            case RAISE_CONCERN -> new ConcernRaised(rid, "k-" + correlationId, Party.MENTEE, "concern of " + correlationId,
                    false, day);
            case RESOLVE_CONCERN -> {
                List<String> concerns = raisedConcerns.get(id);
                if (concerns.isEmpty()) {
                    yield null;
                }
                yield new ConcernResolved(rid, concerns.get(random.nextInt(concerns.size())),
                        "resolved by " + correlationId, day);
            }
            case MARK_GOAL_ACHIEVED -> new GoalAchieved(rid, "g" + (1 + random.nextInt(GOALS)), day);
            case PAUSE -> new RelationshipPaused(rid, "pause of " + correlationId, day);
            case RESUME -> new RelationshipResumed(rid, day);
            case AMEND_AGREEMENT -> new AgreementAmended(rid, agreement(correlationId), day);
            case CLOSE -> new RelationshipClosed(rid, day, "closed by " + correlationId, null);
            case TERMINATE -> new RelationshipTerminated(rid, TerminationReason.LACK_OF_TIME, Initiator.BOTH,
                    correlationId, day);
            case SUBMIT_EVALUATION -> new EvaluationSubmitted(rid, random.nextBoolean() ? Party.MENTOR : Party.MENTEE,
                    1 + random.nextInt(5), GoalsMet.PARTLY, correlationId, day);
            case AGREE, WITHDRAW_MEETING, CORRECT_DATE, REOPEN, WITHDRAW_EVALUATION ->
                    throw new IllegalArgumentException("the clients neither sign agreements nor correct: " + action);
        };
        if (event == null) {
            return command(LifecycleAction.RAISE_CONCERN, id, correlationId, random);
        }
        return new Command(action, CommandRequests.of(id, event));
    }

    /** Six goals, so that a goal achieved twice is likely; the ground rules name who agreed them. */
    private static Agreement agreement(String by) {
        List<Goal> goals = IntStream.rangeClosed(1, GOALS).mapToObj(i -> new Goal("g" + i, "goal " + i, List.of())).toList();
        return new Agreement(goals, new GroundRules("Teams", "as " + by + " agreed", null), null);
    }
}
