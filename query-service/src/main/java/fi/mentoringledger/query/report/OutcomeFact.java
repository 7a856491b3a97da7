package fi.mentoringledger.query.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.Lifecycle;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MeetingWithdrawn;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipReopened;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * A relationship's row of {@code outcome_fact} in the generation being written: what the reports
 * count of it, as corrected. Each change is a new row ({@link fi.mentoringledger.query.processing.BatchRows}
 * writes the last one of a batch, and moves the counters from the row stored to it).
 *
 * @param lifecycle         the stage and the stage a pause left, moved only by the shared stage machine
 * @param reachedAgreed     whether it ever was AGREED (the funnel), likewise the next two
 * @param closedVersion     the version (sequence number) of the close that counts, which a corrected
 *                          date may name
 * @param terminatedInStage the stage a termination ended, PAUSED included
 * @param ratingSum         the ratings of the evaluations that count, and how many (below)
 * @param mentorRating      the mentor's rating while it counts, which a withdrawal takes back; likewise the mentee's
 */
record OutcomeFact(String relationshipId, String programmeId, LocalDate startedOn, Lifecycle lifecycle,
        boolean reachedAgreed, boolean reachedInProgress, boolean reachedClosed, LocalDate closedOn,
        Long closedVersion, TerminationReason terminationReason, Stage terminatedInStage, int meetingCount,
        int ratingSum, int ratingCount, Integer mentorRating, Integer menteeRating) {

    static OutcomeFact of(RelationshipStarted event) {
        return new OutcomeFact(event.relationshipId().value(), event.programmeId(), event.startedOn(),
                Lifecycle.NOT_STARTED.after(event), false, false, false, null, null, null, null, 0, 0, 0, null, null);
    }

    Stage stage() {
        return lifecycle.stage();
    }

    /**
     * The fact after the relationship's event at {@code sequence}: one method per event type
     * ({@link Changes}), so that a new event type must say what it changes here. A start makes a
     * new fact (this one is not used).
     */
    OutcomeFact next(RelationshipEvent event, long sequence) {
        return event.accept(new Changes(this, sequence));
    }

    /** Its stage as the stage machine moves it, and the stages it has now reached. */
    private OutcomeFact moved(RelationshipEvent event) {
        Lifecycle moved = lifecycle.after(event);
        return new OutcomeFact(relationshipId, programmeId, startedOn, moved,
                reachedAgreed || moved.stage() == Stage.AGREED,
                reachedInProgress || moved.stage() == Stage.IN_PROGRESS,
                reachedClosed || moved.stage() == Stage.CLOSED, closedOn, closedVersion, terminationReason,
                terminatedInStage, meetingCount, ratingSum, ratingCount, mentorRating, menteeRating);
    }

    /**
     * One meeting more or (withdrawn) fewer. A withdrawn meeting that alone had put it in progress
     * leaves it as if never in progress: no meeting after its agreement remains.
     */
    OutcomeFact meetings(int change, boolean neverInProgress) {
        return new OutcomeFact(relationshipId, programmeId, startedOn, lifecycle, reachedAgreed,
                reachedInProgress && !neverInProgress, reachedClosed, closedOn, closedVersion, terminationReason,
                terminatedInStage, meetingCount + change, ratingSum, ratingCount, mentorRating, menteeRating);
    }

    OutcomeFact closed(LocalDate on, long version) {
        return new OutcomeFact(relationshipId, programmeId, startedOn, lifecycle, reachedAgreed, reachedInProgress,
                reachedClosed, on, version, terminationReason, terminatedInStage, meetingCount, ratingSum, ratingCount,
                mentorRating, menteeRating);
    }

    OutcomeFact terminatedIn(Stage stage, TerminationReason reason) {
        return new OutcomeFact(relationshipId, programmeId, startedOn, lifecycle, reachedAgreed, reachedInProgress,
                reachedClosed, closedOn, closedVersion, reason, stage, meetingCount, ratingSum, ratingCount,
                mentorRating, menteeRating);
    }

    /**
     * Open again (its stage already moved back): as if it had never ended, so it has not reached
     * CLOSED either (a relationship closes once, and only the end that is taken back could have).
     */
    OutcomeFact reopened() {
        return new OutcomeFact(relationshipId, programmeId, startedOn, lifecycle, reachedAgreed, reachedInProgress,
                false, null, null, null, null, meetingCount, ratingSum, ratingCount, mentorRating, menteeRating);
    }

    OutcomeFact startedOn(LocalDate on) {
        return new OutcomeFact(relationshipId, programmeId, on, lifecycle, reachedAgreed, reachedInProgress,
                reachedClosed, closedOn, closedVersion, terminationReason, terminatedInStage, meetingCount, ratingSum,
                ratingCount, mentorRating, menteeRating);
    }

    /** An evaluation by the party counts ({@code rating}), or no longer counts (null). */
    OutcomeFact rated(Party by, Integer rating) {
        Integer before = by == Party.MENTOR ? mentorRating : menteeRating;
        int sum = ratingSum - (before == null ? 0 : before) + (rating == null ? 0 : rating);
        int count = ratingCount - (before == null ? 0 : 1) + (rating == null ? 0 : 1);
        return new OutcomeFact(relationshipId, programmeId, startedOn, lifecycle, reachedAgreed, reachedInProgress,
                reachedClosed, closedOn, closedVersion, terminationReason, terminatedInStage, meetingCount, sum, count,
                by == Party.MENTOR ? rating : mentorRating, by == Party.MENTEE ? rating : menteeRating);
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

    /**
     * What each event changes. Corrections (DOMAIN.md, "Corrections") leave the fact as if
     * recorded right the first time, so that reports count the corrected facts.
     */
    private record Changes(OutcomeFact fact, long sequence) implements RelationshipEvent.Visitor<OutcomeFact> {

        @Override
        public OutcomeFact visit(RelationshipStarted event) {
            return OutcomeFact.of(event);
        }

        @Override
        public OutcomeFact visit(AgreementSigned event) {
            return fact.moved(event);
        }

        @Override
        public OutcomeFact visit(AgreementAmended event) {
            return fact;
        }

        /** The first meeting after agreeing puts the relationship IN_PROGRESS. */
        @Override
        public OutcomeFact visit(MeetingRecorded event) {
            return fact.moved(event).meetings(+1, false);
        }

        @Override
        public OutcomeFact visit(GoalAchieved event) {
            return fact;
        }

        @Override
        public OutcomeFact visit(ConcernRaised event) {
            return fact;
        }

        @Override
        public OutcomeFact visit(ConcernResolved event) {
            return fact;
        }

        @Override
        public OutcomeFact visit(RelationshipPaused event) {
            return fact.moved(event);
        }

        @Override
        public OutcomeFact visit(RelationshipResumed event) {
            return fact.moved(event);
        }

        @Override
        public OutcomeFact visit(RelationshipClosed event) {
            return fact.moved(event).closed(event.closedOn(), sequence);
        }

        /** The event does not name the stage it ended in: the fact knows it. */
        @Override
        public OutcomeFact visit(RelationshipTerminated event) {
            return fact.moved(event).terminatedIn(fact.stage(),
                    event.reason() == null ? TerminationReason.OTHER : event.reason());
        }

        @Override
        public OutcomeFact visit(EvaluationSubmitted event) {
            return fact.rated(event.by(), event.rating());
        }

        @Override
        public OutcomeFact visit(PersonalDataErased event) {
            return fact;
        }

        /** The meeting no longer counts; one that alone put it in progress takes it back to AGREED. */
        @Override
        public OutcomeFact visit(MeetingWithdrawn event) {
            return fact.moved(event).meetings(-1, event.backToAgreed());
        }

        /**
         * The reports know two dates: the start (version 0), which may move the relationship to
         * another intake, and the close that counts, whose days to close change. Other dates count
         * nowhere here.
         */
        @Override
        public OutcomeFact visit(DateCorrected event) {
            if (event.correctedVersion() == 0) {
                return fact.startedOn(event.correctedDate());
            }
            if (Long.valueOf(event.correctedVersion()).equals(fact.closedVersion())) {
                return fact.closed(event.correctedDate(), fact.closedVersion());
            }
            return fact;
        }

        /** No longer ended, and its stage is the one it was ended from. */
        @Override
        public OutcomeFact visit(RelationshipReopened event) {
            return fact.moved(event).reopened();
        }

        @Override
        public OutcomeFact visit(EvaluationWithdrawn event) {
            if ((event.by() == Party.MENTOR ? fact.mentorRating() : fact.menteeRating()) == null) {
                // projected before migration V10 kept ratings by party, and not filled in by it: a
                // dead letter that a replay of the projection resolves, rather than a figure that is wrong
                throw new IllegalStateException("the report facts of relationship " + fact.relationshipId()
                        + " do not know the " + event.by() + "'s rating: replay " + OutcomeProjection.PROCESSOR);
            }
            return fact.rated(event.by(), null);
        }
    }
}
