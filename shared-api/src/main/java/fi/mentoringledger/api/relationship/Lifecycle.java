package fi.mentoringledger.api.relationship;

import java.util.Objects;

/**
 * Where a relationship stands in its lifecycle: its stage, and while it is paused the stage it was
 * paused from, which a resume returns to. {@link #after} is the "result" column of DOMAIN.md's
 * lifecycle table and the one place that says how an event moves the stage; whoever keeps a stage
 * (the aggregate, a read model) folds the relationship's events through it, starting from
 * {@link #NOT_STARTED}. {@link LifecycleAction} says which actions a stage allows.
 *
 * @param stage      null before the start
 * @param pausedFrom the stage the last pause left, until a resume returns to it (a relationship
 *                   terminated while paused keeps it: nothing resumes from a final stage)
 */
public record Lifecycle(Stage stage, Stage pausedFrom) {

    public static final Lifecycle NOT_STARTED = new Lifecycle(null, null);

    /** The stage after this event; the events that do not move it leave it as it was. */
    public Lifecycle after(RelationshipEvent event) {
        return event.accept(new Transitions(this));
    }

    /** Whether the stage allows the action (false before the start). */
    public boolean allows(LifecycleAction action) {
        return stage != null && action.isAllowedIn(stage);
    }

    private Lifecycle movedTo(Stage next) {
        return new Lifecycle(next, pausedFrom);
    }

    /**
     * One method per event type, the ones that leave the stage alike on purpose: a new event type
     * does not compile until it says here whether it moves the stage.
     */
    private record Transitions(Lifecycle now) implements RelationshipEvent.Visitor<Lifecycle> {

        @Override
        public Lifecycle visit(RelationshipStarted event) {
            return new Lifecycle(Stage.STARTED, null);
        }

        @Override
        public Lifecycle visit(AgreementSigned event) {
            return now.movedTo(Stage.AGREED);
        }

        @Override
        public Lifecycle visit(AgreementAmended event) {
            return now;
        }

        /** The first meeting after agreeing puts it in progress; a meeting before agreeing does not. */
        @Override
        public Lifecycle visit(MeetingRecorded event) {
            return now.stage == Stage.AGREED ? now.movedTo(Stage.IN_PROGRESS) : now;
        }

        @Override
        public Lifecycle visit(GoalAchieved event) {
            return now;
        }

        @Override
        public Lifecycle visit(ConcernRaised event) {
            return now;
        }

        @Override
        public Lifecycle visit(ConcernResolved event) {
            return now;
        }

        @Override
        public Lifecycle visit(RelationshipPaused event) {
            return new Lifecycle(Stage.PAUSED, now.stage);
        }

        @Override
        public Lifecycle visit(RelationshipResumed event) {
            return new Lifecycle(Objects.requireNonNull(now.pausedFrom, "a resumed relationship was paused from some stage"),
                    null);
        }

        @Override
        public Lifecycle visit(RelationshipClosed event) {
            return now.movedTo(Stage.CLOSED);
        }

        @Override
        public Lifecycle visit(RelationshipTerminated event) {
            return now.movedTo(Stage.TERMINATED);
        }

        @Override
        public Lifecycle visit(EvaluationSubmitted event) {
            return now;
        }

        @Override
        public Lifecycle visit(PersonalDataErased event) {
            return now;
        }

        /** Back to AGREED when the withdrawn meeting was the one that put it in progress, paused or not. */
        @Override
        public Lifecycle visit(MeetingWithdrawn event) {
            if (!event.backToAgreed()) {
                return now;
            }
            return now.stage == Stage.IN_PROGRESS ? now.movedTo(Stage.AGREED)
                    : now.pausedFrom == Stage.IN_PROGRESS ? new Lifecycle(now.stage, Stage.AGREED) : now;
        }

        @Override
        public Lifecycle visit(DateCorrected event) {
            return now;
        }

        /** Open again in the stage it was ended from; a pause it was ended in still returns where it did. */
        @Override
        public Lifecycle visit(RelationshipReopened event) {
            return now.movedTo(event.reopenedIn());
        }

        @Override
        public Lifecycle visit(EvaluationWithdrawn event) {
            return now;
        }
    }
}
