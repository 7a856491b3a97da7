package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

/**
 * An event's business date: the day it happened, as the person who recorded it said (DOMAIN.md,
 * "The lifecycle"). It may lie before the day the event was recorded, which the event store keeps
 * apart. Every event but a correction has one.
 */
public enum BusinessDate implements RelationshipEvent.Visitor<LocalDate> {
    INSTANCE;

    /** The day the event happened, as the person who recorded it said (not the day it was recorded). */
    public static LocalDate of(RelationshipEvent event) {
        return event.accept(INSTANCE);
    }

    @Override
    public LocalDate visit(RelationshipStarted e) {
        return e.startedOn();
    }

    @Override
    public LocalDate visit(AgreementSigned e) {
        return e.agreedOn();
    }

    @Override
    public LocalDate visit(AgreementAmended e) {
        return e.amendedOn();
    }

    @Override
    public LocalDate visit(MeetingRecorded e) {
        return e.heldOn();
    }

    @Override
    public LocalDate visit(GoalAchieved e) {
        return e.achievedOn();
    }

    @Override
    public LocalDate visit(ConcernRaised e) {
        return e.raisedOn();
    }

    @Override
    public LocalDate visit(ConcernResolved e) {
        return e.resolvedOn();
    }

    @Override
    public LocalDate visit(RelationshipPaused e) {
        return e.pausedOn();
    }

    @Override
    public LocalDate visit(RelationshipResumed e) {
        return e.resumedOn();
    }

    @Override
    public LocalDate visit(RelationshipClosed e) {
        return e.closedOn();
    }

    @Override
    public LocalDate visit(RelationshipTerminated e) {
        return e.terminatedOn();
    }

    @Override
    public LocalDate visit(EvaluationSubmitted e) {
        return e.submittedOn();
    }

    @Override
    public LocalDate visit(PersonalDataErased e) {
        return e.erasedOn();
    }

    /** A correction happens when it is recorded: it has no business date of its own. */
    @Override
    public LocalDate visit(MeetingWithdrawn e) {
        return null;
    }

    @Override
    public LocalDate visit(DateCorrected e) {
        return null;
    }

    @Override
    public LocalDate visit(RelationshipReopened e) {
        return null;
    }

    @Override
    public LocalDate visit(EvaluationWithdrawn e) {
        return null;
    }
}
