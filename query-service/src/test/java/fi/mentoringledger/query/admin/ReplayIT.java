package fi.mentoringledger.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.DOUBLE;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.ExpectedReport;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.QueryApp;

/**
 * Replays every projection through the HTTP API while readers keep asking: every read answers
 * 200 with exactly the figures from before the replay (never a half-built one), progress is
 * visible and rises to 1, and afterwards the rebuilt projections give identical answers.
 */
class ReplayIT {

    private static final Logger log = LoggerFactory.getLogger(ReplayIT.class);
    private static final Duration BOUND = Duration.ofMinutes(6);
    /** The service's mentoring.time-zone: its "today". */
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final List<String> PROCESSORS = List.of("outcome-report", "relationship-history",
            "relationship-summary");

    private static PostgresTestDatabase database;
    private static QueryApp app;
    private static List<Journey> population;
    private static long events;

    @BeforeAll
    static void projectedPopulation() {
        database = PostgresTestDatabase.create();
        app = QueryApp.start(database);
        population = new ArrayList<>(Population.generate(77, 1500, "replay-"));
        events = population.stream().mapToLong(j -> j.events.size()).sum();
        app.append(population);
        await().atMost(BOUND).pollInterval(Duration.ofMillis(250)).until(app::caughtUp);
    }

    @AfterAll
    static void stop() {
        app.close();
        database.close();
    }

    private static final List<String> READ_MODELS = List.of("relationship_summary", "relationship_goal",
            "relationship_history", "outcome_fact", "outcome_counter", "outcome_close_days", "relationship_count");

    @Test
    void aReplayRebuildsIdenticalFiguresWhileReadsKeepAnsweringWithTheLastCompleteOnes() throws Exception {
        List<String> reads = List.of("/api/reports/outcomes", "/api/reports/outcomes?groupBy=programme",
                "/api/reports/outcomes?groupBy=startMonth&programmeId=womento",
                "/api/relationships?size=500", "/api/relationships/replay-8", "/api/relationships/replay-8/history",
                "/api/relationships/replay-1001/history");
        Map<String, String> before = new HashMap<>();
        reads.forEach(path -> before.put(path, app.json(path).toString()));
        // computed from the events for the relationships the active report facts list: read before
        // and after only, as each reads every event of its programme
        List<String> fromTheEvents = List.of("/api/reports/outcomes?programmeId=womento&asOf=" + LocalDate.now(HELSINKI),
                "/api/reports/retention?programmeId=womento&groupBy=startQuarter",
                "/api/reports/warning-signs?programmeId=womento");
        fromTheEvents.forEach(path -> before.put(path, app.json(path).toString()));
        String csvBefore = app.send("GET", "/api/reports/outcomes?groupBy=startQuarter", "text/csv").body();
        assertThat(ExpectedReport.sameFigures(ExpectedReport.figures(population),
                QueryApp.parse(before.get("/api/reports/outcomes")))).isTrue();

        Queue<String> wrongReads = new ConcurrentLinkedQueue<>();
        AtomicInteger readsDuringReplay = new AtomicInteger();
        AtomicBoolean replaying = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (replaying.get() && System.nanoTime() < deadline) {
                for (String path : reads) {
                    HttpResponse<String> response = app.get(path);
                    if (response.statusCode() != 200) {
                        wrongReads.add(path + " answered " + response.statusCode() + ": " + response.body());
                    } else if (!QueryApp.parse(response.body()).toString().equals(before.get(path))) {
                        wrongReads.add(path + " answered other figures: " + response.body());
                    }
                    readsDuringReplay.incrementAndGet();
                }
            }
        }, "reader");

        reader.start();
        long started = System.nanoTime();
        HttpResponse<String> accepted = app.send("POST", "/api/admin/replay", "application/json");
        assertThat(accepted.statusCode()).isEqualTo(202);

        Map<String, List<Double>> progress = new HashMap<>();
        PROCESSORS.forEach(name -> progress.put(name, new ArrayList<>()));
        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
            boolean anyReplaying = false;
            for (JsonNode processor : app.json("/api/admin/processors")) {
                if (processor.get("replaying").asBoolean()) {
                    anyReplaying = true;
                    progress.get(processor.get("name").asText()).add(processor.get("progress").asDouble());
                }
            }
            return !anyReplaying;
        });
        long millis = (System.nanoTime() - started) / 1_000_000;
        replaying.set(false);
        reader.join();
        log.info("Replayed {} events into 3 projections in {} ms ({} events/s per projection); {} reads meanwhile",
                events, millis, events * 1000 / Math.max(1, millis), readsDuringReplay.get());

        assertThat(wrongReads).isEmpty();
        assertThat(readsDuringReplay.get()).isGreaterThan(reads.size());
        assertThat(progress.values()).as("progress was seen on its way from 0 to 1")
                .anySatisfy(values -> assertThat(values).isNotEmpty().first().asInstanceOf(DOUBLE).isLessThan(0.5));
        progress.forEach((name, values) -> {
            assertThat(values).as(name + " was seen replaying").isNotEmpty();
            for (int i = 1; i < values.size(); i++) {
                assertThat(values.get(i)).as(name + " progress never goes back").isGreaterThanOrEqualTo(values.get(i - 1));
            }
        });

        for (JsonNode processor : app.json("/api/admin/processors")) {
            assertThat(processor.get("replaying").asBoolean()).isFalse();
            assertThat(processor.get("progress").asDouble()).isEqualTo(1.0);
            assertThat(processor.get("activeGeneration").asInt()).isEqualTo(2);
            assertThat(processor.get("position").asLong()).isEqualTo(processor.get("headPosition").asLong());
        }
        reads.forEach(path -> assertThat(app.json(path).toString()).as(path).isEqualTo(before.get(path)));
        fromTheEvents.forEach(path -> assertThat(app.json(path).toString()).as(path).isEqualTo(before.get(path)));
        assertThat(app.send("GET", "/api/reports/outcomes?groupBy=startQuarter", "text/csv").body())
                .isEqualTo(csvBefore);
        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOfGeneration(1) == 0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(tablesAnalyzedByHand())
                .as("the read models the switch analyzed (autovacuum's own analyses not counted)")
                .containsAll(READ_MODELS));

        List<Journey> later = Population.generate(78, 60, "after-replay-");
        app.append(later);
        population.addAll(later);
        await().atMost(BOUND).pollInterval(Duration.ofMillis(250)).until(app::caughtUp);
        assertThat(ExpectedReport.sameFigures(ExpectedReport.figures(population), app.json("/api/reports/outcomes")))
                .as("events after the replay are projected into the new generation").isTrue();
    }

    @Test
    void replayingAnUnknownProcessorIsNotFound() {
        HttpResponse<String> response = app.send("POST", "/api/admin/replay?processor=no-such", "application/json");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(QueryApp.parse(response.body()).get("detail").asText()).contains("no-such");
    }

    private static List<String> tablesAnalyzedByHand() throws SQLException {
        List<String> analyzed = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT relname FROM pg_stat_user_tables WHERE analyze_count > 0")) {
            while (result.next()) {
                analyzed.add(result.getString(1));
            }
        }
        return analyzed;
    }

    private static long rowsOfGeneration(int generation) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            long rows = 0;
            for (String table : READ_MODELS) {
                try (ResultSet result = statement.executeQuery(
                        "SELECT count(*) FROM " + table + " WHERE generation = " + generation)) {
                    result.next();
                    rows += result.getLong(1);
                }
            }
            return rows;
        }
    }
}
