package fi.mentoringledger.query.report;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.LifecyclePaths;
import fi.mentoringledger.query.support.ReadModelDatabase;

/**
 * The report facts keep the stage in SQL, to move a row in one statement; the stage machine is
 * the shared {@code Lifecycle}. Every path through the lifecycle must end in the stage it gives.
 * The paths here are those without corrections: how the outcome projection counts corrections
 * (issue 16) is its own piece of work, with its own tests, and these paths grow to include them
 * with it.
 */
class OutcomeStagesFollowTheLifecycleTest {

    private static final ReadModelDatabase db = ReadModelDatabase.create();

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void everyPathEndsInTheStageTheSharedStageMachineGives() {
        List<Journey> paths = LifecyclePaths.withoutCorrectionsUpTo(6);
        new ReportFeed(db, new OutcomeProjection(db.jdbc(), new ProjectionGenerations(db.jdbc()))).feed(paths);

        LifecyclePaths.assertStagesIn(db, "outcome_fact", paths);
    }
}
