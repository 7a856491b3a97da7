package fi.mentoringledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;

/**
 * The projections learn of appended events from PostgreSQL's notification, not from reading the
 * table again: with the fallback read set to every {@link #FALLBACK}, an appended event is in the
 * summary within {@link #PROMPTLY}, time after time (by reading alone each would take up to the
 * whole fallback, as the previous event's read has just reset it). The listening connection,
 * killed, comes back by itself and the events keep arriving promptly. The bounds are generous on
 * purpose: this proves a mechanism, the benchmark measures the lag.
 */
class EventArrivalNotificationIT {

    private static final Duration FALLBACK = Duration.ofSeconds(5);
    private static final Duration PROMPTLY = Duration.ofSeconds(1);
    private static final int ROUNDS = 4;

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static QueryApp app;

    @BeforeAll
    static void start() {
        app = database.closeAfterAll(QueryApp.start(database, null,
                List.of("--mentoring.event-store.fallback-interval=" + FALLBACK.toMillis() + "ms"),
                TestUsers.ADMIN));
    }

    @Test
    void aProjectionSeesEachAppendedEventLongBeforeTheFallbackRead() {
        Journey journey = startedAndProjected("notified-1");

        for (int round = 0; round < ROUNDS; round++) {
            appendAMeetingAndExpectItPromptly(journey);
        }
    }

    @Test
    void theListenerComesBackAfterItsConnectionIsKilledAndStillWakesTheProjections() throws SQLException {
        Journey journey = startedAndProjected("notified-2");
        int killed = listenerPid();

        try (Connection owner = database.connect(); Statement statement = owner.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + killed + ")");
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> listenerPids().size() == 1 && listenerPids().get(0) != killed);

        for (int round = 0; round < ROUNDS; round++) {
            appendAMeetingAndExpectItPromptly(journey);
        }
    }

    @Test
    void theTriggerAnnouncesATransactionsEventsOnceAfterCommitAndSaysNothingOfThem() throws SQLException {
        try (Connection listening = database.connect()) {
            PGConnection postgres = listening.unwrap(PGConnection.class);
            try (Statement statement = listening.createStatement()) {
                statement.execute("LISTEN " + EventArrivalListener.CHANNEL);
            }

            Journey rolledBack = new Journey("notified-3", "womento", LocalDate.of(2025, 3, 3)).agree(LocalDate.of(2025, 3, 4), 2);
            app.events().append(messages(rolledBack.id, rolledBack.events, 0), () -> false);
            assertThat(notifications(postgres)).as("a transaction rolled back announces nothing").isEmpty();

            Journey committed = new Journey("notified-4", "womento", LocalDate.of(2025, 3, 3)).agree(LocalDate.of(2025, 3, 4), 2)
                    .meet(LocalDate.of(2025, 3, 10));
            assertThat(committed.events).hasSizeGreaterThan(2);
            app.events().append(messages(committed.id, committed.events, 0));
            List<PGNotification> received = notifications(postgres);
            assertThat(received).as("one notification for the transaction's %d INSERTs", committed.events.size())
                    .hasSize(1);
            assertThat(received.get(0).getName()).isEqualTo(EventArrivalListener.CHANNEL);
            assertThat(received.get(0).getParameter()).isEmpty();
        }
    }

    private static Journey startedAndProjected(String id) {
        Journey journey = new Journey(id, "womento", LocalDate.of(2025, 3, 1)).agree(LocalDate.of(2025, 3, 2), 2);
        app.append(journey.id, journey.events, 0);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> shows(journey));
        return journey;
    }

    private static void appendAMeetingAndExpectItPromptly(Journey journey) {
        int before = journey.events.size();
        journey.meet(journey.agreedOn.plusDays(before));
        app.append(journey.id, journey.events.subList(before, journey.events.size()), before);
        long appended = System.nanoTime();
        await().atMost(FALLBACK.plusSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> shows(journey));
        Duration took = Duration.ofNanos(System.nanoTime() - appended);
        assertThat(took).as("time until the summary showed version %d", journey.version()).isLessThan(PROMPTLY);
    }

    private static boolean shows(Journey journey) {
        HttpResponse<String> response = app.get("/api/relationships/" + journey.id);
        return response.statusCode() == 200
                && QueryApp.parse(response.body()).path("version").asLong(-1) == journey.version();
    }

    private static int listenerPid() throws SQLException {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> listenerPids().size() == 1);
        return listenerPids().get(0);
    }

    private static List<Integer> listenerPids() throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (Connection owner = database.connect(); Statement statement = owner.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                     + "AND application_name = '" + EventArrivalListener.APPLICATION_NAME + "'")) {
            while (rows.next()) {
                pids.add(rows.getInt(1));
            }
        }
        return pids;
    }

    /** What arrives within a second (a notification comes at commit, so at once, or never). */
    private static List<PGNotification> notifications(PGConnection postgres) throws SQLException {
        List<PGNotification> received = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        long left;
        while ((left = (until - System.nanoTime()) / 1_000_000) > 0) {
            PGNotification[] batch = postgres.getNotifications((int) left);
            if (batch != null) {
                received.addAll(List.of(batch));
            }
        }
        return received;
    }

    private static List<DomainEventMessage<?>> messages(String relationshipId, List<Object> payloads, long firstSequence) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            messages.add(new GenericDomainEventMessage<>("Relationship", relationshipId, firstSequence + i,
                    payloads.get(i), MetaData.with("correlationId", "test-" + relationshipId).and("actor", null)));
        }
        return messages;
    }
}
