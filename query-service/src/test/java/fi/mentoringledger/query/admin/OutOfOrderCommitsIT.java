package fi.mentoringledger.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
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

/**
 * Writers whose transactions commit out of the order of their global indexes, some rolled back.
 * In each round several writers open a transaction one after the other and insert their events
 * (so their indexes ascend), then commit or roll back in a shuffled order; after each commit the
 * test waits until every processor has read up to the newest committed event, so the processors
 * really run past the indexes of the transactions still open (gaps) before those commit later or
 * never. Every committed event must reach every projection exactly once; no rolled-back event may.
 */
class OutOfOrderCommitsIT {

    private static final Logger log = LoggerFactory.getLogger(OutOfOrderCommitsIT.class);
    private static final Duration BOUND = Duration.ofMinutes(2);
    static final int ROUNDS = 5;
    static final int WRITERS = 4;
    static final int JOURNEYS_PER_WRITER = 8;
    static final int ROLLED_BACK_PER_ROUND = 1;
    static final long SEED = 4242;

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static QueryApp app;

    @BeforeAll
    static void start() {
        app = database.closeAfterAll(QueryApp.start(database));
    }

    @Test
    void everyCommittedEventReachesEveryProjectionOnceWhateverTheCommitOrder() throws Exception {
        Random random = new Random(SEED);
        List<Journey> committed = new ArrayList<>();
        int rolledBack = 0;
        int committedOutOfOrder = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<Writer> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Writer writer = new Writer(Population.generate(SEED * 100 + round * WRITERS + w, JOURNEYS_PER_WRITER,
                        "gap-" + round + "-" + w + "-"));
                writer.insertAndHold();
                writers.add(writer);
            }
            List<Integer> order = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                order.add(w);
            }
            Collections.shuffle(order, random);
            List<Integer> rollBack = order.subList(0, ROLLED_BACK_PER_ROUND).stream().map(order::get).toList();
            Collections.shuffle(order, random);
            int highestCommitted = -1;
            for (int w : order) {
                Writer writer = writers.get(w);
                if (rollBack.contains(w)) {
                    writer.finish(false);
                    rolledBack++;
                    continue;
                }
                writer.finish(true);
                committed.addAll(writer.journeys);
                if (w < highestCommitted) {
                    committedOutOfOrder++;
                }
                highestCommitted = Math.max(highestCommitted, w);
                await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(app::caughtUp);
            }
        }
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(app::caughtUp);
        long committedEvents = committed.stream().mapToLong(j -> j.events.size()).sum();
        log.info("{} rounds of {} writers: {} journeys ({} events) committed, {} of them after a higher index, "
                        + "{} transactions rolled back", ROUNDS, WRITERS, committed.size(), committedEvents,
                committedOutOfOrder, rolledBack);

        assertThat(committedOutOfOrder).as("transactions committed after one with higher indexes").isPositive();
        assertThat(rolledBack).isEqualTo(ROUNDS * ROLLED_BACK_PER_ROUND);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT count(*), max(global_index) FROM domain_event_entry")) {
                rows.next();
                assertThat(rows.getLong(1)).as("stored events: the committed ones").isEqualTo(committedEvents);
                assertThat(rows.getLong(2)).as("indexes of rolled-back events left gaps").isGreaterThan(committedEvents);
            }
            ProjectedRows.assertEveryProjectionHolds(connection, committed);
        }
        assertThat(ExpectedReport.sameFigures(ExpectedReport.figures(committed), app.json("/api/reports/outcomes")))
                .isTrue();
    }

    /**
     * One writer: its own thread holds a transaction with its journeys' events inserted (their
     * global indexes taken) until told to commit or roll back.
     */
    private static final class Writer {
        final List<Journey> journeys;
        private final CompletableFuture<Void> inserted = new CompletableFuture<>();
        private final CompletableFuture<Boolean> decision = new CompletableFuture<>();
        private final CompletableFuture<Void> finished = new CompletableFuture<>();

        Writer(List<Journey> journeys) {
            this.journeys = journeys;
        }

        void insertAndHold() throws Exception {
            Thread thread = new Thread(this::run, "writer-" + journeys.get(0).id);
            thread.start();
            inserted.get(1, TimeUnit.MINUTES);
        }

        void finish(boolean commit) throws Exception {
            decision.complete(commit);
            finished.get(1, TimeUnit.MINUTES);
        }

        private void run() {
            try {
                List<DomainEventMessage<?>> messages = new ArrayList<>();
                for (Journey journey : journeys) {
                    for (int i = 0; i < journey.events.size(); i++) {
                        messages.add(new GenericDomainEventMessage<>("Relationship", journey.id, i,
                                journey.events.get(i), MetaData.with("correlationId", "test-" + journey.id)));
                    }
                }
                app.events().append(messages, () -> {
                    inserted.complete(null);
                    try {
                        return decision.get(2, TimeUnit.MINUTES);
                    } catch (Exception e) {
                        throw new IllegalStateException("no decision to commit or roll back", e);
                    }
                });
                finished.complete(null);
            } catch (Throwable e) {
                inserted.completeExceptionally(e);
                finished.completeExceptionally(e);
            }
        }
    }
}
