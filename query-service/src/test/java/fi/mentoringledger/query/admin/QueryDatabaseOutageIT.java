package fi.mentoringledger.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.ExpectedReport;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.ProjectedRows;
import fi.mentoringledger.query.support.QueryApp;

/**
 * PostgreSQL going away under load, seen from the query side, simulated on this test's own
 * database (the machine's server is shared) as on the command side: every connection killed again
 * and again, then connections refused for a few seconds. Meanwhile events keep being written (each
 * chunk repeated until it is stored once) and readers keep asking. Reads answer 200 or a clean 503
 * with Retry-After, never a 500; health says DOWN during the outage and UP after; the same
 * service, never restarted, catches up: every stored event in every projection exactly once, and
 * nothing parked as a dead letter because of the outage.
 */
class QueryDatabaseOutageIT {

    private static final Logger log = LoggerFactory.getLogger(QueryDatabaseOutageIT.class);
    private static final Duration BOUND = Duration.ofMinutes(3);
    static final int JOURNEYS_PER_CHUNK = 5;
    static final int READERS = 2;
    static final Duration TERMINATIONS = Duration.ofSeconds(3);
    static final Duration TERMINATION_INTERVAL = Duration.ofMillis(250);
    static final Duration REFUSAL = Duration.ofSeconds(5);

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static QueryApp app;

    @BeforeAll
    static void start() {
        app = database.closeAfterAll(QueryApp.start(database));
    }

    record Read(int status, String contentType, String retryAfter, String body) {
    }

    @Test
    void theQuerySideRecoversWithoutARestartAndCountsEveryStoredEventOnce() throws Exception {
        List<Journey> written = Collections.synchronizedList(new ArrayList<>());
        List<Read> reads = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean abandoned = new AtomicBoolean(false);
        AtomicInteger failedChunks = new AtomicInteger();
        AtomicInteger terminated = new AtomicInteger();
        Thread writer = new Thread(() -> write(written, running, abandoned, failedChunks), "writer");
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            readers.add(new Thread(() -> read(reads, running), "reader-" + r));
        }
        writer.start();
        readers.forEach(Thread::start);

        Instant refusedFrom;
        Instant refusedUntil;
        String healthDuringOutage;
        long started;
        try {
            try (Connection admin = database.connectToServer()) {
                await().atMost(BOUND).until(() -> written.size() >= 10 * JOURNEYS_PER_CHUNK && historyRows() > 0);
                Instant stormEnds = Instant.now().plus(TERMINATIONS);
                while (Instant.now().isBefore(stormEnds)) {
                    terminated.addAndGet(database.terminateConnections(admin));
                    Thread.sleep(TERMINATION_INTERVAL.toMillis());
                }
                refusedFrom = Instant.now();
                database.allowConnections(admin, false);
                terminated.addAndGet(database.terminateConnectionsUntil(admin, Duration.ofSeconds(30),
                        () -> "DOWN".equals(health())));
                healthDuringOutage = health();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> copyOf(reads).stream().anyMatch(r -> r.status() == 503));
                long heldFor = Duration.between(refusedFrom, Instant.now()).toMillis();
                if (heldFor < REFUSAL.toMillis()) {
                    Thread.sleep(REFUSAL.toMillis() - heldFor);
                }
                database.allowConnections(admin, true);
                refusedUntil = Instant.now();
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(QueryDatabaseOutageIT::health, "UP"::equals);
            int writtenAtRecovery = written.size();
            await().atMost(BOUND).until(() -> written.size() >= writtenAtRecovery + 5 * JOURNEYS_PER_CHUNK);
            running.set(false);
            writer.join(BOUND.toMillis());
            for (Thread reader : readers) {
                reader.join(BOUND.toMillis());
            }
            started = System.nanoTime();
            await().atMost(BOUND).pollInterval(Duration.ofMillis(250)).until(app::caughtUp);
        } finally {
            // On a failure above, the load must stop here, not go on to fail inside the next test class.
            running.set(false);
            abandoned.set(true);
            writer.join(BOUND.toMillis());
            for (Thread reader : readers) {
                reader.join(BOUND.toMillis());
            }
        }

        Map<Integer, Long> statuses = new TreeMap<>(reads.stream()
                .collect(Collectors.groupingBy(Read::status, Collectors.counting())));
        log.info("{} journeys written ({} chunks failed and were repeated), {} reads {}; {} connections terminated "
                        + "over {} s, then refused for {} ms; caught up {} ms after the load stopped",
                written.size(), failedChunks.get(), reads.size(), statuses, terminated.get(), TERMINATIONS.toSeconds(),
                Duration.between(refusedFrom, refusedUntil).toMillis(), (System.nanoTime() - started) / 1_000_000);

        assertThat(healthDuringOutage).isEqualTo("DOWN");
        assertThat(terminated.get()).as("connections of the service that were killed").isPositive();
        assertThat(reads).as("reads answered other than 200 or 503")
                .filteredOn(r -> r.status() != 200 && r.status() != 503).isEmpty();
        assertThat(reads).filteredOn(r -> r.status() == 503).isNotEmpty().allSatisfy(r -> {
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.retryAfter()).isNotNull();
            assertThat(QueryApp.parse(r.body()).path("type").asText())
                    .isEqualTo("urn:mentoring-ledger:problem:database-unavailable");
        });
        for (JsonNode processor : app.json("/api/admin/processors")) {
            assertThat(processor.get("running").asBoolean()).as(processor.toString()).isTrue();
        }
        assertThat(app.json("/api/admin/dead-letters")).as("nothing parked because of the outage").isEmpty();
        List<Journey> stored = List.copyOf(written);
        try (Connection connection = database.connect()) {
            assertThat(storedEvents(connection)).isEqualTo(stored.stream().mapToLong(j -> j.events.size()).sum());
            ProjectedRows.assertEveryProjectionHolds(connection, stored);
        }
        assertThat(ExpectedReport.sameFigures(ExpectedReport.figures(stored), app.json("/api/reports/outcomes")))
                .isTrue();
    }

    /** Writes chunks of journeys, each repeated until it is stored once, unless the test is abandoned. */
    private static void write(List<Journey> written, AtomicBoolean running, AtomicBoolean abandoned,
            AtomicInteger failedChunks) {
        for (int chunk = 0; running.get() && !abandoned.get(); chunk++) {
            List<Journey> journeys = Population.generate(5000 + chunk, JOURNEYS_PER_CHUNK, "outage-" + chunk + "-");
            Instant giveUp = Instant.now().plus(BOUND);
            while (true) {
                try {
                    app.append(journeys);
                    break;
                } catch (RuntimeException e) {
                    failedChunks.incrementAndGet();
                    if (abandoned.get()) {
                        return;
                    }
                    if (Instant.now().isAfter(giveUp)) {
                        throw new AssertionError("chunk " + chunk + " never stored", e);
                    }
                    if (storedAlready(journeys.get(0).id, abandoned)) {
                        break;
                    }
                }
            }
            written.addAll(journeys);
        }
    }

    /**
     * Whether a chunk whose commit was not acknowledged was stored after all; waits for the
     * database, at most {@link #BOUND} and no longer than the test.
     */
    private static boolean storedAlready(String firstId, AtomicBoolean abandoned) {
        Instant deadline = Instant.now().plus(BOUND);
        while (true) {
            try (Connection connection = database.connect();
                 PreparedStatement statement = connection.prepareStatement(
                         "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")) {
                statement.setString(1, firstId);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) > 0;
                }
            } catch (SQLException e) {
                if (abandoned.get()) {
                    return false;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the database did not come back within " + BOUND, e);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }

    private static void read(List<Read> reads, AtomicBoolean running) {
        List<String> paths = List.of("/api/reports/outcomes", "/api/relationships?size=5");
        for (int n = 0; running.get(); n++) {
            HttpResponse<String> response = app.get(paths.get(n % paths.size()));
            reads.add(new Read(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null), response.body()));
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String health() {
        HttpResponse<String> health = app.get("/actuator/health");
        String status = QueryApp.parse(health.body()).path("status").asText();
        assertThat(health.statusCode()).as(health.body()).isEqualTo("UP".equals(status) ? 200 : 503);
        return status;
    }

    private static long historyRows() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM relationship_history")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long storedEvents(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The readers append while this reads: a synchronized list is iterated only under its own lock. */
    private static <T> List<T> copyOf(List<T> shared) {
        synchronized (shared) {
            return new ArrayList<>(shared);
        }
    }
}
