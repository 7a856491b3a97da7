package fi.mentoringledger.command.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.eventstore.PostgresTestDatabase;

/**
 * PostgreSQL going away under load, simulated on this test's own database (the machine's server is
 * shared): first every connection of the service is killed again and again, then the database
 * refuses connections altogether for a few seconds. Clients keep sending meetings and concerns with
 * their own ids and repeat each one until it is acknowledged. Afterwards every acknowledged command
 * is stored exactly once and nothing else is; failures were clean 503 problems with Retry-After,
 * never a 500; the health endpoint said DOWN during the outage and UP after it; the same service,
 * never restarted, takes commands again.
 */
class DatabaseOutageIT {

    static final int CLIENTS = 8;
    static final int RELATIONSHIPS = 8;
    static final Duration BEFORE_OUTAGE = Duration.ofSeconds(1);
    static final Duration TERMINATIONS = Duration.ofSeconds(4);
    static final Duration TERMINATION_INTERVAL = Duration.ofMillis(250);
    static final Duration REFUSAL = Duration.ofSeconds(4);
    static final Duration AFTER_RECOVERY = Duration.ofSeconds(1);
    /** Paces each client: this is a load of steady traffic, not a benchmark. */
    static final Duration PAUSE_BETWEEN_COMMANDS = Duration.ofMillis(40);
    static final long SEED = Long.getLong("reliability.seed", System.nanoTime());

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static CommandServiceInstance service;

    @BeforeAll
    static void startService() {
        service = database.closeAfterAll(CommandServiceInstance.start(database));
    }

    /** One attempt of one command. */
    record Attempt(String commandId, String relationshipId, int attempt, ApiClient.Answer answer, Instant at) {
    }

    /** A command repeated until acknowledged; its id is the meeting's or the concern's own. */
    record Acknowledged(String commandId, String relationshipId, long version) {
    }

    @Test
    void everyAcknowledgedCommandOutlivesTheOutageAndTheServiceRecoversWithoutARestart() throws Exception {
        System.out.println("DatabaseOutageIT seed " + SEED);
        ConflictingWorkload setup = new ConflictingWorkload(SEED, List.of(service.api()), "outage", RELATIONSHIPS);
        setup.prepare();
        assertThat(health()).isEqualTo("UP");

        List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<List<Acknowledged>>> acknowledged = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int c = client;
            acknowledged.add(clients.submit(() -> client(c, setup.relationshipIds(), sending, attempts)));
        }
        AtomicInteger terminated = new AtomicInteger();
        Instant refusedFrom;
        Instant refusedUntil;
        String healthDuringOutage;
        List<Acknowledged> acks = new ArrayList<>();
        try {
            try (Connection admin = database.connectToServer()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> snapshot(attempts).stream().filter(a -> a.answer().ok()).count() >= CLIENTS);
                Thread.sleep(BEFORE_OUTAGE.toMillis());

                Instant stormEnds = Instant.now().plus(TERMINATIONS);
                while (Instant.now().isBefore(stormEnds)) {
                    terminated.addAndGet(database.terminateConnections(admin));
                    Thread.sleep(TERMINATION_INTERVAL.toMillis());
                }

                refusedFrom = Instant.now();
                database.allowConnections(admin, false);
                terminated.addAndGet(database.terminateConnectionsUntil(admin, Duration.ofSeconds(20),
                        () -> "DOWN".equals(health())));
                healthDuringOutage = health();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> snapshot(attempts).stream().anyMatch(a -> a.answer().status() == 503 && a.at().isAfter(refusedFrom)));
                long heldFor = Duration.between(refusedFrom, Instant.now()).toMillis();
                if (heldFor < REFUSAL.toMillis()) {
                    Thread.sleep(REFUSAL.toMillis() - heldFor);
                }
                database.allowConnections(admin, true);
                refusedUntil = Instant.now();
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(this::health, "UP"::equals);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> snapshot(attempts).stream().anyMatch(a -> a.answer().ok() && a.at().isAfter(refusedUntil)));
            Thread.sleep(AFTER_RECOVERY.toMillis());
            sending.set(false);
            for (Future<List<Acknowledged>> client : acknowledged) {
                acks.addAll(client.get(60, TimeUnit.SECONDS));
            }
        } finally {
            // On a failure above, the clients must stop here, not go on sending into the next test class.
            sending.set(false);
            clients.shutdownNow();
        }

        Map<Integer, Long> statuses = new TreeMap<>(snapshot(attempts).stream()
                .collect(Collectors.groupingBy(a -> a.answer().status(), Collectors.counting())));
        System.out.printf("DatabaseOutageIT: %d clients, %d relationships, %d commands acknowledged in %d attempts %s; "
                        + "%d connections terminated over %d s, then connections refused for %d ms%n",
                CLIENTS, RELATIONSHIPS, acks.size(), attempts.size(), statuses, terminated.get(),
                TERMINATIONS.toSeconds(), Duration.between(refusedFrom, refusedUntil).toMillis());

        assertThat(healthDuringOutage).isEqualTo("DOWN");
        assertThat(terminated.get()).as("connections of the service that were killed").isPositive();
        assertThat(attempts).as("attempts answered other than 200 or 503")
                .filteredOn(a -> a.answer().status() != 200 && a.answer().status() != 503).isEmpty();
        assertThat(attempts).as("attempts that failed for the outage").anyMatch(a -> a.answer().status() == 503);
        assertThat(attempts).filteredOn(a -> a.answer().status() == 503).allSatisfy(a -> {
            assertThat(a.answer().contentType()).startsWith("application/problem+json");
            assertThat(a.answer().headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
            assertThat(a.answer().body().path("type").asText()).isEqualTo("urn:mentoring-ledger:problem:database-unavailable");
            assertThat(a.answer().body().path("status").asInt()).isEqualTo(503);
            assertThat(a.answer().text()).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("sql")
                    .doesNotContain("\tat ");
        });

        long setupEvents = (long) RELATIONSHIPS * ConflictingWorkload.SETUP_EVENTS;
        try (Connection connection = database.connect()) {
            assertThat(StoredEvent.count(connection)).as("events stored: the setup and each acknowledged command once")
                    .isEqualTo(setupEvents + acks.size());
            for (String id : setup.relationshipIds()) {
                List<StoredEvent> events = StoredEvent.of(connection, id);
                LifecycleReplay replay = LifecycleReplay.of(events);
                Set<String> stored = new HashSet<>();
                for (StoredEvent event : events.subList(ConflictingWorkload.SETUP_EVENTS, events.size())) {
                    String commandId = event.payload().path(event.type().equals("MeetingRecorded") ? "meetingId" : "concernId").asText();
                    assertThat(stored.add(commandId)).as("%s stored twice", commandId).isTrue();
                }
                List<Acknowledged> ofThis = acks.stream().filter(a -> a.relationshipId().equals(id)).toList();
                assertThat(stored).as("stored commands of %s are exactly the acknowledged ones", id)
                        .containsExactlyInAnyOrderElementsOf(ofThis.stream().map(Acknowledged::commandId).toList());
                assertThat(ofThis.stream().mapToLong(Acknowledged::version).max().orElse(1))
                        .as("the last version acknowledged for %s", id).isEqualTo(replay.version());
            }
        }
        ApiClient.Answer after = service.api().post("/api/relationships/" + setup.relationshipIds().get(0) + "/meetings",
                "{\"meetingId\":\"after-the-outage\",\"heldOn\":\"" + LocalDate.now().minusDays(1) + "\"}");
        assertThat(after.status()).as(after.text()).isEqualTo(200);
    }

    /** Sends commands until told to stop, repeating each (same ids, same body) until it is acknowledged. */
    private List<Acknowledged> client(int client, List<String> relationshipIds, AtomicBoolean sending,
            List<Attempt> attempts) throws InterruptedException {
        Random random = new Random(SEED + client);
        List<Acknowledged> acknowledged = new ArrayList<>();
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        for (int n = 0; sending.get(); n++) {
            String id = relationshipIds.get(random.nextInt(relationshipIds.size()));
            boolean meeting = random.nextInt(4) > 0;
            String commandId = (meeting ? "m-" : "k-") + client + "-" + n;
            String path = "/api/relationships/" + id + (meeting ? "/meetings" : "/concerns");
            String body = meeting
                    ? "{\"meetingId\":\"" + commandId + "\",\"heldOn\":\"" + LocalDate.now().minusDays(1 + random.nextInt(30))
                            + "\",\"durationMinutes\":45}"
                    : "{\"concernId\":\"" + commandId + "\",\"raisedBy\":\"MENTOR\",\"description\":\"agenda\",\"organiserContacted\":false}";
            for (int attempt = 1; ; attempt++) {
                ApiClient.Answer answer = service.api().post(path, body, "X-Correlation-Id", commandId);
                attempts.add(new Attempt(commandId, id, attempt, answer, Instant.now()));
                if (answer.ok()) {
                    acknowledged.add(new Acknowledged(commandId, id, answer.body().path("version").asLong()));
                    break;
                }
                if (Instant.now().isAfter(giveUp)) {
                    throw new AssertionError(commandId + " never acknowledged; last answer " + answer.status() + " " + answer.text());
                }
                Thread.sleep(PAUSE_BETWEEN_COMMANDS.toMillis() * 3);
            }
            Thread.sleep(PAUSE_BETWEEN_COMMANDS.toMillis());
        }
        return acknowledged;
    }

    private String health() {
        ApiClient.Answer health = service.api().get("/actuator/health");
        String status = health.body().path("status").asText();
        assertThat(health.status()).as(health.text()).isEqualTo("UP".equals(status) ? 200 : 503);
        return status;
    }

    /** The attempts so far: the clients keep adding while the test looks, so it reads a copy taken under the list's lock. */
    private static List<Attempt> snapshot(List<Attempt> attempts) {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }
}
