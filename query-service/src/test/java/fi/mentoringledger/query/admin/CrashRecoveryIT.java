package fi.mentoringledger.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
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
import fi.mentoringledger.query.support.QueryApp;

/**
 * Stops the query application in the middle of catching up with many events, starts it again,
 * cuts its database connections mid-batch as well, and then finds every event counted exactly once:
 * tokens and projection rows commit together, so a batch is either wholly in or wholly replayed.
 */
class CrashRecoveryIT {

    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryIT.class);
    private static final Duration CATCH_UP = Duration.ofMinutes(6);

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static List<Journey> population;
    private static long events;

    @BeforeAll
    static void eventsWaitingForTheQuerySide() {
        population = Population.generate(2024, 2400, "crash-");
        events = population.stream().mapToLong(j -> j.events.size()).sum();
        try (QueryApp writer = QueryApp.start(database)) {
            writer.stopProcessors();
            long started = System.nanoTime();
            writer.append(population);
            log.info("Stored {} events in {} ms", events, (System.nanoTime() - started) / 1_000_000);
        }
    }

    @Test
    void noEventIsCountedTwiceAfterAStopMidCatchUpAndLostConnections() throws Exception {
        long stoppedAt;
        try (QueryApp first = QueryApp.start(database)) {
            assertThat(first.context().getBean(TokenStore.class)).as("tokens live beside the projections")
                    .isInstanceOf(JpaTokenStore.class);
            await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(20)).until(() -> historyRows() >= events / 10);
        }
        stoppedAt = historyRows();
        log.info("Stopped after {} of {} history entries", stoppedAt, events);
        assertThat(stoppedAt).as("the stop came in the middle of the catch-up").isBetween(1L, events - 1);

        try (QueryApp second = QueryApp.start(database)) {
            long resumedAt = stoppedAt;
            await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(20))
                    .until(() -> historyRows() >= resumedAt + (events - resumedAt) / 4);
            int cut = cutEveryOtherConnection();
            log.info("Cut {} connections at {} of {} history entries", cut, historyRows(), events);
            assertThat(historyRows()).as("the connections were cut before the catch-up finished").isLessThan(events);

            long started = System.nanoTime();
            await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(250)).until(second::caughtUp);
            log.info("Caught up in {} ms", (System.nanoTime() - started) / 1_000_000);

            assertEveryEventCountedOnce(second);
        }
    }

    private static void assertEveryEventCountedOnce(QueryApp app) throws SQLException {
        Map<String, Journey> byId = new HashMap<>();
        population.forEach(journey -> byId.put(journey.id, journey));

        assertThat(historyRows()).isEqualTo(events);
        Map<String, long[]> summaries = rows("""
                SELECT relationship_id, meeting_count, version, open_concerns FROM relationship_summary""", 3);
        assertThat(summaries).hasSize(population.size());
        summaries.forEach((id, row) -> {
            Journey journey = byId.get(id);
            assertThat(row).as(id).containsExactly(journey.meetings, journey.version(), journey.openConcerns);
        });
        Map<String, long[]> histories = rows("""
                SELECT relationship_id, count(*), max(sequence) FROM relationship_history GROUP BY relationship_id""", 2);
        assertThat(histories).hasSize(population.size());
        histories.forEach((id, row) -> assertThat(row).as(id)
                .containsExactly(byId.get(id).events.size(), byId.get(id).events.size() - 1));
        Map<String, long[]> facts = rows("SELECT relationship_id, meeting_count, rating_count FROM outcome_fact", 2);
        facts.forEach((id, row) -> assertThat(row).as(id)
                .containsExactly(byId.get(id).meetings, byId.get(id).ratings.size()));

        JsonNode report = app.json("/api/reports/outcomes");
        assertThat(report.get("relationships").asLong()).isEqualTo(population.size());
        assertThat(ExpectedReport.sameFigures(ExpectedReport.figures(population), report))
                .as("report %s", report).isTrue();
        assertThat(ExpectedReport.sameFigures(ExpectedReport.grouped(population, "startQuarter"),
                app.json("/api/reports/outcomes?groupBy=startQuarter"))).isTrue();
    }

    private static long historyRows() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM relationship_history")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Like a crash of half the connections: their open transactions are rolled back by the server. */
    private static int cutEveryOtherConnection() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))
                       FROM (SELECT pid, row_number() OVER (ORDER BY pid) AS n FROM pg_stat_activity
                              WHERE datname = current_database() AND pid <> pg_backend_pid()) AS others
                      WHERE n % 2 = 1""")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Map<String, long[]> rows(String sql, int columns) throws SQLException {
        Map<String, long[]> result = new HashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long[] values = new long[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = rows.getLong(i + 2);
                }
                result.put(rows.getString(1), values);
            }
        }
        return result;
    }
}
