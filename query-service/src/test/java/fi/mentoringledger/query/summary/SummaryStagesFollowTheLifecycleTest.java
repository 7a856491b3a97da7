package fi.mentoringledger.query.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.api.relationship.MeetingWithdrawn;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.LifecyclePaths;
import fi.mentoringledger.query.support.Projector;
import fi.mentoringledger.query.support.ReadModelDatabase;
import fi.mentoringledger.query.support.ReadModelKeys;

/**
 * The summary moves its rows' stage with the shared {@code Lifecycle}, in memory, and writes the
 * row once per batch. Every path through the lifecycle, corrections included, all applied in one
 * transaction as one batch, must end in the stage it gives.
 */
class SummaryStagesFollowTheLifecycleTest {

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.create();

    @Test
    void everyPathEndsInTheStageTheSharedStageMachineGives() {
        List<Journey> paths = LifecyclePaths.upTo(6);
        Projector projector = new Projector(new SummaryProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc()),
                new ReadModelKeys(db).sealing()));

        db.inTransaction(() -> paths.forEach(projector::apply));

        LifecyclePaths.assertStagesIn(db, "relationship_summary", paths);
        assertThat(paths.stream().flatMap(path -> path.events.stream()).map(event -> event.getClass().getSimpleName()))
                .as("the paths walk the corrections").contains("MeetingWithdrawn", "DateCorrected",
                        "RelationshipReopened", "EvaluationWithdrawn");
        assertThat(paths.stream().flatMap(path -> path.events.stream()))
                .as("a withdrawal takes one back to agreed").anyMatch(event -> event instanceof MeetingWithdrawn
                        withdrawn && withdrawn.backToAgreed());
    }
}
