package fi.mentoringledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.CounterStripes;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.Projector;
import fi.mentoringledger.query.support.ReadModelDatabase;
import fi.mentoringledger.query.support.StoreOrder;

/**
 * The report facts and counters are changed in memory for a batch and written once, when the
 * batch's transaction commits: what they leave must be what applying the events one by one leaves,
 * and a counter row touched by many events of a batch is updated once.
 */
class OutcomeBatchTest {

    private static final LocalDate START = LocalDate.of(2025, 1, 15);

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.emptiedBeforeEach();
    private static Projector projector;

    @BeforeAll
    static void projections() {
        projector = new Projector(new OutcomeProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc())));
    }

    @Test
    void oneBatchOfManyRelationshipsLeavesWhatEventByEventApplicationLeaves() {
        List<Journey> journeys = new ArrayList<>(Population.generate(17, 60, "b"));
        journeys.add(new Journey("paused-then-ended", "p", START).agree(START.plusDays(1), 2).meet(START.plusDays(3))
                .pause(START.plusDays(4)).terminate(TerminationReason.RELOCATION, START.plusDays(7))
                .evaluate(Party.MENTOR, 3, START.plusDays(8)));
        journeys.add(new Journey("closed", null, START).agree(START.plusDays(1), 1).meet(START.plusDays(2))
                .pause(START.plusDays(3)).resume(START.plusDays(4)).close(START.plusDays(90))
                .evaluate(Party.MENTEE, 5, START.plusDays(91)));
        List<StoreOrder> interleaved = StoreOrder.of(journeys);

        db.inTransaction(() -> interleaved.forEach(event -> event.applyTo(projector)));
        Map<String, List<String>> inOneBatch = readModel();
        db.clear();
        interleaved.forEach(event -> db.inTransaction(() -> projector.apply(event.event(), event.sequence())));
        Map<String, List<String>> eventByEvent = readModel();

        assertThat(interleaved).hasSizeGreaterThan(200);
        assertThat(inOneBatch.get("outcome_fact")).hasSize(journeys.size());
        assertThat(inOneBatch.get("outcome_close_days")).isNotEmpty();
        assertThat(inOneBatch).isEqualTo(eventByEvent);
    }

    @Test
    void aCounterRowTouchedByManyEventsOfABatchIsWrittenOnce() {
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // one programme, one start month, one stripe: one counter row for all
            journeys.add(new Journey("same-row-" + i, "p", START.plusDays(i % 3)));
        }
        String stripeOfTheFirst = stripe(journeys.get(0));
        journeys.removeIf(journey -> !stripe(journey).equals(stripeOfTheFirst));
        journeys.forEach(journey -> journey.agree(START.plusDays(5), 1).meet(START.plusDays(6))
                .close(START.plusDays(40)));

        Map<String, Long> written = writtenInOneTransaction(journeys);

        assertThat(journeys).hasSizeGreaterThan(1);
        assertThat(written).as("rows inserted and updated in outcome_counter by one batch of %d events",
                journeys.stream().mapToInt(j -> j.events.size()).sum())
                .containsEntry("inserted", 1L).containsEntry("updated", 0L);
        assertThat(db.jdbc().sql("SELECT relationships, stage_closed, ended_meetings FROM outcome_counter")
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single())
                .containsExactly((long) journeys.size(), (long) journeys.size(), (long) journeys.size());
    }

    @Test
    void aBatchReadsTheStoredFactsOfItsRelationshipsInOneQuery() {
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            journeys.add(new Journey("stored-" + i, "p", START).agree(START.plusDays(1), 1));
        }
        db.inTransaction(() -> journeys.forEach(journey -> projector.apply(journey.events.get(0), 0)));
        List<GenericDomainEventMessage<?>> batch = new ArrayList<>();
        journeys.forEach(journey -> batch.add(new GenericDomainEventMessage<>("Relationship", journey.id, 1,
                journey.events.get(1))));
        Map<String, Long> reads = new LinkedHashMap<>();

        // as a processor's batch: its unit of work holds the batch's events
        new BatchingUnitOfWork<>(batch).execute(() -> db.inTransaction(() -> {
            journeys.forEach(journey -> projector.apply(journey.events.get(1), 1));
            reads.put("scans", db.jdbc().sql("""
                    SELECT seq_scan + coalesce(idx_scan, 0) FROM pg_stat_xact_user_tables
                     WHERE relname = 'outcome_fact'""").query(Long.class).single());
        }));

        assertThat(reads).as("reads of outcome_fact before the batch writes").containsEntry("scans", 1L);
        assertThat(db.jdbc().sql("SELECT sum(stage_agreed) FROM outcome_counter").query(Long.class).single())
                .isEqualTo(10L);
    }

    private static String stripe(Journey journey) {
        return String.valueOf(CounterStripes.of(RelationshipId.of(journey.id)));
    }

    /** Applies the journeys' events in one transaction; what it wrote to outcome_counter, as PostgreSQL counts it. */
    private static Map<String, Long> writtenInOneTransaction(List<Journey> journeys) {
        Map<String, Long> written = new LinkedHashMap<>();
        List<StoreOrder> events = StoreOrder.of(journeys);
        db.inTransaction(() -> {
            events.get(0).applyTo(projector);
            // after the projection's own: sees what it wrote before the commit
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    db.jdbc().sql("""
                                    SELECT n_tup_ins, n_tup_upd FROM pg_stat_xact_user_tables
                                     WHERE relname = 'outcome_counter'""")
                            .query((rs, n) -> {
                                written.put("inserted", rs.getLong(1));
                                written.put("updated", rs.getLong(2));
                                return n;
                            }).list();
                }
            });
            events.subList(1, events.size()).forEach(event -> event.applyTo(projector));
        });
        return written;
    }

    /**
     * Every row of the three tables; counter rows that a batch's changes cancelled out to zero are
     * never written, so they are left out on both sides.
     */
    private static Map<String, List<String>> readModel() {
        Map<String, List<String>> model = new LinkedHashMap<>();
        model.put("outcome_fact", rows("outcome_fact", "true"));
        model.put("outcome_counter", rows("outcome_counter", "relationships <> 0"));
        model.put("outcome_close_days", rows("outcome_close_days", "relationships <> 0"));
        return model;
    }

    private static List<String> rows(String table, String which) {
        return db.jdbc().sql("SELECT (to_jsonb(t) - 'generation')::text FROM " + table + " t WHERE " + which
                + " ORDER BY 1").query(String.class).list();
    }
}
