package fi.mentoringledger.query.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.Projector;
import fi.mentoringledger.query.support.ReadModelDatabase;
import fi.mentoringledger.query.support.StoreOrder;
import fi.mentoringledger.query.support.ReadModelKeys;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Role;

/**
 * The summary applies a batch's events to rows in memory and writes each row once, when the
 * batch's transaction commits: what it leaves must be what applying the events one by one leaves.
 */
class SummaryBatchTest {

    private static final Caller ADMIN = new Caller("admin", Set.of(Role.ADMIN), null, Set.of());
    private static final LocalDate START = LocalDate.of(2025, 1, 15);

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.emptiedBeforeEach();
    private static Projector projector;
    private static RelationshipSummaries summaries;

    @BeforeAll
    static void projections() {
        ReadModelKeys keys = new ReadModelKeys(db);
        projector = new Projector(new SummaryProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc()),
                keys.sealing()));
        summaries = new RelationshipSummaries(db.jdbc(), keys.sealing());
    }

    @Test
    void oneBatchOfManyRelationshipsLeavesWhatEventByEventApplicationLeaves() {
        List<Journey> journeys = new ArrayList<>(Population.generate(13, 44, "b"));
        journeys.add(new Journey("erased", "p", START).agree(START.plusDays(1), 2).raiseConcern("c1", START.plusDays(2))
                .meet(START.plusDays(3)).achieve("erased-goal-1", START.plusDays(4)).erase(Party.MENTEE, START.plusDays(5))
                .meet(START.plusDays(6)).terminate(TerminationReason.OTHER, START.plusDays(7)));
        journeys.add(new Journey("amended", "p", START).agree(START.plusDays(1), 3).achieve("amended-goal-2",
                START.plusDays(2)).amend(START.plusDays(3), 2).raiseConcernForOrganiser("c1", START.plusDays(4))
                .resolveConcern("c1", START.plusDays(5)).pause(START.plusDays(6)).resume(START.plusDays(7)));
        journeys.add(new Journey("corrected", "p", START).agree(START.plusDays(1), 2).meet(START.plusDays(2))
                .meet(START.plusDays(3)).withdrawMeeting("corrected-meeting-2").correctDate(2, START.plusDays(4))
                .achieve("corrected-goal-1", START.plusDays(5)).correctDate(6, START.plusDays(6))
                .pause(START.plusDays(7)).correctDate(8, START.plusDays(8))
                .terminate(TerminationReason.OTHER, START.plusDays(9)).reopen());
        List<StoreOrder> interleaved = StoreOrder.of(journeys);

        db.inTransaction(() -> interleaved.forEach(event -> event.applyTo(projector)));
        Map<String, Object> inOneBatch = readModel(journeys);
        db.clear();
        interleaved.forEach(event -> db.inTransaction(() -> projector.apply(event.event(), event.sequence())));
        Map<String, Object> eventByEvent = readModel(journeys);

        assertThat(interleaved).hasSizeGreaterThan(200);
        assertThat(inOneBatch).isEqualTo(eventByEvent);
        assertThat(summaries.find("erased", ADMIN).orElseThrow().mentee().erased()).isTrue();
    }

    @Test
    void aRelationshipTouchedByManyEventsOfABatchIsWrittenOnce() {
        Journey journey = new Journey("busy", "p", START).agree(START.plusDays(1), 3);
        for (int day = 2; day < 12; day++) {
            journey.meet(START.plusDays(day));
        }
        journey.raiseConcernForOrganiser("c1", START.plusDays(12)).resolveConcern("c1", START.plusDays(13))
                .achieve("busy-goal-1", START.plusDays(14)).pause(START.plusDays(15)).resume(START.plusDays(16));
        int firstBatch = 8;

        Map<String, Long> started = writtenInOneTransaction(journey, 0, firstBatch);
        Map<String, Long> continued = writtenInOneTransaction(journey, firstBatch, journey.events.size());

        assertThat(started).as("rows inserted and updated in relationship_summary by the first batch")
                .containsEntry("inserted", 1L).containsEntry("updated", 0L);
        assertThat(continued).as("by the second batch, %d events", journey.events.size() - firstBatch)
                .containsEntry("inserted", 0L).containsEntry("updated", 1L);
        Summary summary = summaries.find("busy", ADMIN).orElseThrow();
        assertThat(summary.meetingCount()).isEqualTo(10);
        assertThat(summary.version()).isEqualTo(journey.version());
    }

    @Test
    void aBatchReadsTheStoredRowsOfItsRelationshipsInOneQuery() {
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
                             WHERE relname = 'relationship_summary'""").query(Long.class).single());
        }));

        assertThat(reads).as("reads of relationship_summary before the batch writes").containsEntry("scans", 1L);
        journeys.forEach(journey -> assertThat(summaries.find(journey.id, ADMIN).orElseThrow().agreedOn())
                .isEqualTo(START.plusDays(1)));
    }

    /** Applies events [from, to) in one transaction; what it wrote to relationship_summary, as PostgreSQL counts it. */
    private static Map<String, Long> writtenInOneTransaction(Journey journey, int from, int to) {
        Map<String, Long> written = new LinkedHashMap<>();
        db.inTransaction(() -> {
            for (int i = from; i < to; i++) {
                projector.apply(journey.events.get(i), i);
                if (i == from) {
                    // after the projection's own: sees what it wrote before the commit
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void beforeCommit(boolean readOnly) {
                            db.jdbc().sql("""
                                            SELECT n_tup_ins, n_tup_upd FROM pg_stat_xact_user_tables
                                             WHERE relname = 'relationship_summary'""")
                                    .query((rs, n) -> {
                                        written.put("inserted", rs.getLong(1));
                                        written.put("updated", rs.getLong(2));
                                        return n;
                                    }).list();
                        }
                    });
                }
            }
        });
        return written;
    }

    /** Each summary as read (names and goals opened) and every row of the four tables but the sealed values. */
    private static Map<String, Object> readModel(List<Journey> journeys) {
        Map<String, Object> model = new LinkedHashMap<>();
        journeys.forEach(journey -> model.put(journey.id, summaries.find(journey.id, ADMIN).orElseThrow()));
        model.put("relationship_summary", rows("relationship_summary", "mentor_name", "mentee_name"));
        model.put("relationship_goal", rows("relationship_goal", "description"));
        model.put("relationship_concern", rows("relationship_concern"));
        model.put("relationship_meeting", rows("relationship_meeting"));
        return model;
    }

    private static List<String> rows(String table, String... sealed) {
        StringBuilder columns = new StringBuilder("to_jsonb(t) - 'generation'");
        for (String column : sealed) {
            columns.append(" - '").append(column).append("'");
        }
        return db.jdbc().sql("SELECT (" + columns + ")::text FROM " + table + " t ORDER BY 1").query(String.class).list();
    }
}
