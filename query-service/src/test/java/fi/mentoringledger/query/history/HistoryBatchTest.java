package fi.mentoringledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

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
 * The history inserts a batch's entries when the batch commits; an erasure in the same batch
 * scrubs entries of the batch and stored ones alike, and a resolved concern finds its raise in
 * either. The result must be what applying the events one by one leaves.
 */
class HistoryBatchTest {

    private static final Caller ADMIN = new Caller("admin", Set.of(Role.ADMIN), null, Set.of());
    private static final LocalDate START = LocalDate.of(2025, 1, 15);

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.create();
    private static Projector projector;
    private static AuditHistory history;

    @BeforeAll
    static void projections() {
        ObjectMapper json = Jackson2ObjectMapperBuilder.json()
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        ReadModelKeys keys = new ReadModelKeys(db);
        projector = new Projector(new HistoryProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc()), json,
                keys.sealing()));
        history = new AuditHistory(db.jdbc(), json, keys.sealing());
    }

    @Test
    void oneBatchLeavesWhatEventByEventApplicationLeavesErasuresAndConcernsIncluded() {
        List<Journey> journeys = new ArrayList<>(Population.generate(17, 30, "h"));
        journeys.add(new Journey("erased", "p", START).agree(START.plusDays(1), 2)
                .raiseConcernForOrganiser("c1", START.plusDays(2)).meet(START.plusDays(3))
                .resolveConcern("c1", START.plusDays(4)).erase(Party.MENTEE, START.plusDays(5))
                .meet(START.plusDays(6)).terminate(TerminationReason.OTHER, START.plusDays(7)));
        journeys.add(new Journey("kept", "p", START).raiseConcern("c1", START.plusDays(1))
                .resolveConcern("c1", START.plusDays(2)).raiseConcernForOrganiser("c2", START.plusDays(3)));
        List<StoreOrder> interleaved = StoreOrder.of(journeys);
        // the erased relationship's first events are stored before the batch with its erasure
        Journey erased = journeys.get(journeys.size() - 2);

        db.clear();
        List<StoreOrder> stored = interleaved.stream().filter(e -> e.journey() == erased && e.sequence() < 3).toList();
        db.inTransaction(() -> stored.forEach(event -> event.applyTo(projector)));
        db.inTransaction(() -> interleaved.stream().filter(e -> !stored.contains(e)).forEach(event -> event.applyTo(projector)));
        Map<String, Object> inBatches = read(journeys);
        db.clear();
        interleaved.forEach(e -> db.inTransaction(() -> e.applyTo(projector)));
        Map<String, Object> eventByEvent = read(journeys);

        assertThat(inBatches).usingRecursiveComparison().ignoringFieldsMatchingRegexes(".*recordedAt")
                .isEqualTo(eventByEvent);
        assertThat(((History) inBatches.get("erased/pair")).entries()).hasSize(erased.events.size());
    }

    /** Each relationship's history as an admin reads it and as its mentor does (with the pair's text). */
    private static Map<String, Object> read(List<Journey> journeys) {
        Map<String, Object> read = new LinkedHashMap<>();
        for (Journey journey : journeys) {
            read.put(journey.id + "/admin", history.find(journey.id, ADMIN).orElseThrow());
            Caller mentor = new Caller("mentor", Set.of(Role.MENTOR), journey.personId(Party.MENTOR), Set.of());
            read.put(journey.id + "/pair", history.find(journey.id, mentor).orElseThrow());
        }
        return read;
    }
}
