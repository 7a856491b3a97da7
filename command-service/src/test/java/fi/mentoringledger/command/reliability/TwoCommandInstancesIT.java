package fi.mentoringledger.command.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.command.reliability.ConflictingWorkload.Sent;
import fi.mentoringledger.eventstore.PostgresTestDatabase;

/**
 * Two command-service instances on one event store, as behind a load balancer: nothing serialises
 * their commands but PostgreSQL's unique (aggregate, sequence) key. The loser of each race is
 * retried by its instance against the new state; the store must hold the same lawful, gap-free
 * history of acknowledged commands as with one instance.
 */
class TwoCommandInstancesIT {

    static final int CLIENTS = 16;
    static final int COMMANDS_PER_CLIENT = 40;
    static final int RELATIONSHIPS = 4;
    static final long SEED = Long.getLong("reliability.seed", System.nanoTime());

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static CommandServiceInstance first;
    static CommandServiceInstance second;

    @BeforeAll
    static void startTwoInstances() {
        first = database.closeAfterAll(
                CommandServiceInstance.start(database, "--spring.datasource.hikari.maximum-pool-size=6"));
        second = database.closeAfterAll(
                CommandServiceInstance.start(database, "--spring.datasource.hikari.maximum-pool-size=6"));
    }

    @Test
    void conflictingCommandsThroughTwoInstancesLeaveAGapFreeLawfulHistoryOfAcknowledgedCommandsOnly() throws Exception {
        System.out.println("TwoCommandInstancesIT seed " + SEED + " (repeat with -Dreliability.seed=" + SEED + ")");
        ConflictingWorkload workload = new ConflictingWorkload(SEED, List.of(first.api(), second.api()), "pair",
                RELATIONSHIPS);
        workload.prepare();
        long dispatchedBefore = first.dispatchedCommands() + second.dispatchedCommands();

        List<Sent> sent = workload.run(CLIENTS, COMMANDS_PER_CLIENT);

        long retries = first.dispatchedCommands() + second.dispatchedCommands() - dispatchedBefore - sent.size();
        WorkloadAudit.Figures figures = WorkloadAudit.verify(database, workload, sent);
        System.out.println("TwoCommandInstancesIT: " + CLIENTS + " clients over 2 instances, " + RELATIONSHIPS
                + " relationships: " + figures + "; " + retries + " retries after a lost race");
        assertThat(sent).as("both instances acknowledged commands")
                .anyMatch(s -> s.instance() == 0 && s.answer().ok())
                .anyMatch(s -> s.instance() == 1 && s.answer().ok());
        assertThat(retries).as("commands that lost a race between the instances and were retried").isPositive();
        for (String id : workload.relationshipIds()) {
            WorkloadAudit.probe(database, first.api(), second.api(), id);
            WorkloadAudit.probe(database, second.api(), first.api(), id);
        }
    }

    @Test
    void theSameStartSentToBothInstancesAtOnceStartsTheRelationshipOnce() throws Exception {
        ConflictingWorkload workload = new ConflictingWorkload(SEED, List.of(first.api()), "twin", 8);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (String id : workload.relationshipIds()) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ApiClient.Answer>> answers = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    ApiClient api = client % 2 == 0 ? first.api() : second.api();
                    answers.add(pool.submit(() -> {
                        go.await();
                        return api.post("/api/relationships", workload.startBody(id));
                    }));
                }
                go.countDown();
                for (Future<ApiClient.Answer> answer : answers) {
                    ApiClient.Answer started = answer.get(30, TimeUnit.SECONDS);
                    assertThat(started.status()).as(started.text()).isEqualTo(201);
                    assertThat(started.body().path("version").asLong()).isZero();
                }
                try (Connection connection = database.connect()) {
                    assertThat(StoredEvent.of(connection, id)).extracting(StoredEvent::type)
                            .containsExactly("RelationshipStarted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Each instance keeps the relationships it handled (CheckedAggregateCache). One that kept a
     * relationship paused, while the other resumed it, must decide on the resumed relationship: a
     * stale copy would refuse the meeting (paused) and the client's If-Match (an older version).
     */
    @Test
    void anInstanceThatKeptARelationshipDecidesOnWhatTheOtherRecordedSince() throws Exception {
        ConflictingWorkload workload = new ConflictingWorkload(SEED, List.of(first.api()), "kept", 1);
        workload.prepare();
        String id = workload.relationshipIds().get(0);
        String base = "/api/relationships/" + id;
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Helsinki")).minusDays(300);

        ApiClient.Answer paused = first.api().post(base + "/pause",
                "{\"reason\":\"holiday\",\"pausedOn\":\"" + day + "\"}");
        assertThat(paused.status()).as(paused.text()).isEqualTo(200);
        ApiClient.Answer resumed = second.api().post(base + "/resume", "{\"resumedOn\":\"" + day.plusDays(1) + "\"}");
        assertThat(resumed.status()).as(resumed.text()).isEqualTo(200);
        long resumedAt = resumed.body().path("version").asLong();

        ApiClient.Answer meeting = first.api().post(base + "/meetings", """
                {"meetingId":"m-kept","heldOn":"%s","durationMinutes":45,"tasks":["a task"]}"""
                .formatted(day.plusDays(2)), "If-Match", "\"" + resumedAt + "\"");

        assertThat(meeting.status()).as(meeting.text()).isEqualTo(200);
        assertThat(meeting.body().path("version").asLong()).isEqualTo(resumedAt + 1);
        try (Connection connection = database.connect()) {
            List<StoredEvent> stored = StoredEvent.of(connection, id);
            assertThat(stored).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(stored).extracting(StoredEvent::type).containsExactly("RelationshipStarted",
                    "AgreementSigned", "RelationshipPaused", "RelationshipResumed", "MeetingRecorded");
        }
    }
}
