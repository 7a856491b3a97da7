package fi.mentoringledger.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

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
 * The query-service as a process of its own, killed with SIGKILL again and again: while it
 * catches up with stored events, and while it replays every projection, each time in the middle
 * of its work, and started again. Afterwards every projection and report equals what the test
 * works out from its own journeys (what a clean rebuild must give): nothing counted twice, nothing
 * lost, and the replay finished and switched over despite the kills.
 */
class QueryServiceKillIT {

    private static final Logger log = LoggerFactory.getLogger(QueryServiceKillIT.class);
    private static final Duration BOUND = Duration.ofMinutes(4);
    static final int JOURNEYS = 500;
    /** Shares of the history written when each kill during the catch-up comes. */
    static final List<Double> CATCH_UP_KILLS = List.of(0.15, 0.35, 0.55);
    /** Shares of the rebuilt history written when each kill during the replay comes. */
    static final List<Double> REPLAY_KILLS = List.of(0.25, 0.6);

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static List<Journey> population;
    private static long events;

    @BeforeAll
    static void eventsWaitingForTheQuerySide() {
        population = Population.generate(3003, JOURNEYS, "kill-");
        events = population.stream().mapToLong(j -> j.events.size()).sum();
        try (QueryApp writer = QueryApp.start(database)) {
            writer.stopProcessors();
            writer.append(population);
        }
    }

    private static QueryServiceProcess start() {
        return database.closeAfterAll(QueryServiceProcess.start(database, "kill"));
    }

    @Test
    void killedWithSigkillDuringCatchUpAndReplayItEndsWithExactlyTheFiguresOfACleanRebuild() throws Exception {
        int kills = 0;
        for (double share : CATCH_UP_KILLS) {
            QueryServiceProcess service = start();
            long target = Math.round(events * share);
            await().atMost(BOUND).pollInterval(Duration.ofMillis(10)).until(() -> historyRows(1) >= target);
            service.kill();
            kills++;
            long at = historyRows(1);
            log.info("SIGKILL {} of process {} during the catch-up at {} of {} history entries", kills, service.pid(),
                    at, events);
            assertThat(at).as("killed in the middle of the catch-up").isLessThan(events);
        }

        QueryServiceProcess service = start();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(250)).until(service::caughtUp);
        HttpResponse<String> replay = service.send("POST", "/api/admin/replay");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        for (double share : REPLAY_KILLS) {
            long target = Math.round(events * share);
            await().atMost(BOUND).pollInterval(Duration.ofMillis(10)).until(() -> historyRows(2) >= target);
            service.kill();
            kills++;
            long at = historyRows(2);
            log.info("SIGKILL {} of process {} during the replay at {} of {} rebuilt history entries", kills,
                    service.pid(), at, events);
            assertThat(at).as("killed in the middle of the replay").isLessThan(events);
            assertThat(activeGeneration("relationship-history")).as("reads still use the old generation").isEqualTo(1);
            service = start();
        }
        QueryServiceProcess last = service;
        await().atMost(BOUND).pollInterval(Duration.ofMillis(250))
                .until(() -> last.caughtUp() && activeGeneration("relationship-summary") == 2
                        && activeGeneration("relationship-history") == 2
                        && activeGeneration("outcome-report") == 2);
        log.info("{} events, {} SIGKILLs ({} during the catch-up, {} during the replay): caught up and switched",
                events, kills, CATCH_UP_KILLS.size(), REPLAY_KILLS.size());

        try (Connection connection = database.connect()) {
            ProjectedRows.assertEveryProjectionHolds(connection, population);
        }
        assertThat(ExpectedReport.sameFigures(ExpectedReport.figures(population),
                last.json("/api/reports/outcomes"))).isTrue();
        assertThat(ExpectedReport.sameFigures(ExpectedReport.grouped(population, "programme"),
                last.json("/api/reports/outcomes?groupBy=programme"))).isTrue();
        assertThat(ExpectedReport.sameFigures(ExpectedReport.grouped(population, "startMonth"),
                last.json("/api/reports/outcomes?groupBy=startMonth"))).isTrue();
        assertThat(last.json("/api/admin/dead-letters")).as("nothing parked").isEmpty();
    }

    /** Entries of the history's given generation. */
    private static long historyRows(int generation) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT count(*) FROM relationship_history WHERE generation = " + generation)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int activeGeneration(String projection) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT active FROM projection_generation WHERE projection = '" + projection + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
