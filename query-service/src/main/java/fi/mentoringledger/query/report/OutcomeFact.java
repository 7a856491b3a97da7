package fi.mentoringledger.query.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import fi.mentoringledger.api.relationship.Lifecycle;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * A relationship's row of {@code outcome_fact} in the generation being written: what the reports
 * count of it. Each change is a new row ({@link fi.mentoringledger.query.processing.BatchRows}
 * writes the last one of a batch, and moves the counters from the row stored to it).
 *
 * @param lifecycle         the stage and the stage a pause left, moved only by the shared stage machine
 * @param reachedAgreed     whether it ever was AGREED (the funnel), likewise the next two
 * @param terminatedInStage the stage a termination ended, PAUSED included
 */
record OutcomeFact(String relationshipId, String programmeId, LocalDate startedOn, Lifecycle lifecycle,
        boolean reachedAgreed, boolean reachedInProgress, boolean reachedClosed, LocalDate closedOn,
        TerminationReason terminationReason, Stage terminatedInStage, int meetingCount, int ratingSum,
        int ratingCount) {

    static OutcomeFact of(RelationshipStarted event) {
        return new OutcomeFact(event.relationshipId().value(), event.programmeId(), event.startedOn(),
                Lifecycle.NOT_STARTED.after(event), false, false, false, null, null, null, 0, 0, 0);
    }

    Stage stage() {
        return lifecycle.stage();
    }

    /** The row after the event: its stage as the stage machine moves it, and the stages it has now reached. */
    OutcomeFact after(RelationshipEvent event) {
        Lifecycle moved = lifecycle.after(event);
        return new OutcomeFact(relationshipId, programmeId, startedOn, moved,
                reachedAgreed || moved.stage() == Stage.AGREED,
                reachedInProgress || moved.stage() == Stage.IN_PROGRESS,
                reachedClosed || moved.stage() == Stage.CLOSED, closedOn, terminationReason, terminatedInStage,
                meetingCount, ratingSum, ratingCount);
    }

    OutcomeFact met() {
        return new OutcomeFact(relationshipId, programmeId, startedOn, lifecycle, reachedAgreed, reachedInProgress,
                reachedClosed, closedOn, terminationReason, terminatedInStage, meetingCount + 1, ratingSum,
                ratingCount);
    }

    OutcomeFact closedOn(LocalDate on) {
        return new OutcomeFact(relationshipId, programmeId, startedOn, lifecycle, reachedAgreed, reachedInProgress,
                reachedClosed, on, terminationReason, terminatedInStage, meetingCount, ratingSum, ratingCount);
    }

    OutcomeFact terminatedIn(Stage stage, TerminationReason reason) {
        return new OutcomeFact(relationshipId, programmeId, startedOn, lifecycle, reachedAgreed, reachedInProgress,
                reachedClosed, closedOn, reason, stage, meetingCount, ratingSum, ratingCount);
    }

    OutcomeFact rated(int rating) {
        return new OutcomeFact(relationshipId, programmeId, startedOn, lifecycle, reachedAgreed, reachedInProgress,
                reachedClosed, closedOn, terminationReason, terminatedInStage, meetingCount, ratingSum + rating,
                ratingCount + 1);
    }

    boolean ended() {
        return stage() == Stage.CLOSED || stage() == Stage.TERMINATED;
    }

    /** Days from start to close, for a closed relationship with both dates (the table's {@code days_to_close}). */
    Integer daysToClose() {
        if (stage() != Stage.CLOSED || startedOn == null || closedOn == null) {
            return null;
        }
        return Math.toIntExact(ChronoUnit.DAYS.between(startedOn, closedOn));
    }
}
