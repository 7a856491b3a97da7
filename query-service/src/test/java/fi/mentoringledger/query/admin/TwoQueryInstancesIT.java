package fi.mentoringledger.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.ExpectedReport;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.ProjectedRows;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.query.support.QueryServiceProcess;

/**
 * Two query-service processes on one database split every processor's segments between them (the
 * claims are rows of token_entry); events keep arriving; one of them is killed with SIGKILL in the
 * middle of its work, and the other takes over its segments and finishes: every projection holds
 * every event exactly once. The events are written by this JVM, whose own processors are stopped.
 */
class TwoQueryInstancesIT {

    private static final Logger log = LoggerFactory.getLogger(TwoQueryInstancesIT.class);
    private static final Duration BOUND = Duration.ofMinutes(3);
    static final int SEGMENTS = 6;
    static final int JOURNEYS_BEFORE = 400;
    static final int JOURNEYS_BETWEEN = 400;
    static final int JOURNEYS_AFTER = 200;

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static QueryApp writer;

    @BeforeAll
    static void start() {
        writer = database.closeAfterAll(QueryApp.start(database));
        writer.stopProcessors();
    }

    @Test
    void twoInstancesSplitTheSegmentsAndTheSurvivorTakesOverWhenOneIsKilled() throws Exception {
        List<Journey> population = new ArrayList<>(Population.generate(808, JOURNEYS_BEFORE, "two-a-"));
        writer.append(population);
        CompletableFuture<QueryServiceProcess> startingFirst = CompletableFuture.supplyAsync(() -> start("first"));
        CompletableFuture<QueryServiceProcess> startingSecond = CompletableFuture.supplyAsync(() -> start("second"));
        QueryServiceProcess first = startingFirst.get();
        QueryServiceProcess second = startingSecond.get();

        await().atMost(BOUND).pollInterval(Duration.ofMillis(200))
                .until(() -> claimsBy(first).size() == SEGMENTS / 2 && claimsBy(second).size() == SEGMENTS / 2);
        Map<String, Integer> split = claimsPerProcessor();
        log.info("Segments split: first {} holds {}, second {} holds {}", first.pid(), claimsBy(first), second.pid(),
                claimsBy(second));
        assertThat(split).as("each processor's two segments are held by both instances, one each")
                .containsOnlyKeys("outcome-report", "relationship-history", "relationship-summary")
                .allSatisfy((processor, owners) -> assertThat(owners).isEqualTo(2));

        List<Journey> between = Population.generate(809, JOURNEYS_BETWEEN, "two-b-");
        writer.append(between);
        population.addAll(between);
        long events = population.stream().mapToLong(j -> j.events.size()).sum();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(10)).until(() -> historyRows() >= events * 3 / 4);
        List<String> taken = claimsBy(first);
        long before = historyRows();
        first.kill();
        long at = historyRows();
        log.info("SIGKILL of the first instance {} at {} of {} history entries", first.pid(), at, events);
        assertThat(before).as("the kill came in the middle of the catch-up, not after it").isLessThan(events);
        assertThat(taken).as("the killed instance held segments").isNotEmpty();

        List<Journey> after = Population.generate(810, JOURNEYS_AFTER, "two-c-");
        writer.append(after);
        population.addAll(after);
        await().atMost(BOUND).pollInterval(Duration.ofMillis(250))
                .until(() -> claimsBy(second).size() == SEGMENTS && second.caughtUp());
        log.info("The second instance took over {} and caught up with {} journeys", taken, population.size());

        try (Connection connection = database.connect()) {
            ProjectedRows.assertEveryProjectionHolds(connection, population);
        }
        assertThat(ExpectedReport.sameFigures(ExpectedReport.figures(population),
                second.json("/api/reports/outcomes"))).isTrue();
    }

    private static QueryServiceProcess start(String name) {
        return database.closeAfterAll(QueryServiceProcess.start(database, name));
    }

    /** The segments (processor/segment) whose claim the instance holds. */
    private static List<String> claimsBy(QueryServiceProcess instance) throws SQLException {
        List<String> claims = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT processor_name, segment FROM token_entry WHERE owner LIKE '%d@%%'
                      ORDER BY processor_name, segment""".formatted(instance.pid()))) {
            while (rows.next()) {
                claims.add(rows.getString(1) + "/" + rows.getInt(2));
            }
        }
        return claims;
    }

    /** How many different owners hold each processor's segments. */
    private static Map<String, Integer> claimsPerProcessor() throws SQLException {
        Map<String, Integer> owners = new TreeMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT processor_name, count(DISTINCT owner) FROM token_entry WHERE owner IS NOT NULL
                      GROUP BY processor_name""")) {
            while (rows.next()) {
                owners.put(rows.getString(1), rows.getInt(2));
            }
        }
        return owners;
    }

    private static long historyRows() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM relationship_history")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
