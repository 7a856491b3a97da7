package fi.mentoringledger.query.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.LifecyclePaths;
import fi.mentoringledger.query.support.Projector;
import fi.mentoringledger.query.support.ReadModelDatabase;
import fi.mentoringledger.query.support.ReadModelKeys;

/**
 * The summary moves its rows' stage with the shared {@code Lifecycle}, in memory, and writes the
 * row once per batch. Every path through the lifecycle, all applied in one transaction as one batch,
 * must end in the stage it gives.
 */
class SummaryStagesFollowTheLifecycleTest {

    private static final ReadModelDatabase db = ReadModelDatabase.create();

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void everyPathEndsInTheStageTheSharedStageMachineGives() {
        List<Journey> paths = LifecyclePaths.upTo(6);
        Projector projector = new Projector(new SummaryProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc()),
                new ReadModelKeys(db).sealing()));

        db.inTransaction(() -> paths.forEach(projector::apply));

        Map<String, Stage> expected = new TreeMap<>();
        paths.forEach(path -> expected.put(path.id, LifecyclePaths.stageAfter(path)));
        Map<String, Stage> projected = new TreeMap<>();
        db.jdbc().sql("SELECT relationship_id, stage FROM relationship_summary").query((rs, i) ->
                projected.put(rs.getString(1), Stage.valueOf(rs.getString(2)))).list();
        assertThat(expected.values()).as("the paths reach every stage").containsAll(List.of(Stage.values()));
        assertThat(projected).isEqualTo(expected);
    }
}
