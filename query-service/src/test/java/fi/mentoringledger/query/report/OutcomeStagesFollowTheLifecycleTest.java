package fi.mentoringledger.query.report;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.LifecyclePaths;
import fi.mentoringledger.query.support.ReadModelDatabase;

/**
 * The report facts move their stage by the shared {@code Lifecycle}; every path through the
 * lifecycle, corrections included, must end in the stage it gives.
 */
class OutcomeStagesFollowTheLifecycleTest {

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.create();

    @Test
    void everyPathEndsInTheStageTheSharedStageMachineGives() {
        List<Journey> paths = LifecyclePaths.upTo(6);
        new ReportFeed(db, new OutcomeProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc()))).feed(paths);

        LifecyclePaths.assertStagesIn(db, "outcome_fact", paths);
    }
}
