package fi.mentoringledger.api.relationship;

/**
 * A fact recorded about one relationship. The set is closed: each event is one of these records,
 * stored for years and read back by its class name. Code that must treat every event (the stage
 * machine, the audit history) takes a {@link Visitor}, so that a new event type does not compile
 * until each of them says what it means.
 */
public sealed interface RelationshipEvent permits RelationshipStarted, AgreementSigned, AgreementAmended,
        MeetingRecorded, GoalAchieved, ConcernRaised, ConcernResolved, RelationshipPaused, RelationshipResumed,
        RelationshipClosed, RelationshipTerminated, EvaluationSubmitted, PersonalDataErased, MeetingWithdrawn,
        DateCorrected, RelationshipReopened, EvaluationWithdrawn {

    RelationshipId relationshipId();

    <R> R accept(Visitor<R> visitor);

    /** One method per event type: Java 17 has no exhaustive switch over a sealed type. */
    interface Visitor<R> {

        R visit(RelationshipStarted event);

        R visit(AgreementSigned event);

        R visit(AgreementAmended event);

        R visit(MeetingRecorded event);

        R visit(GoalAchieved event);

        R visit(ConcernRaised event);

        R visit(ConcernResolved event);

        R visit(RelationshipPaused event);

        R visit(RelationshipResumed event);

        R visit(RelationshipClosed event);

        R visit(RelationshipTerminated event);

        R visit(EvaluationSubmitted event);

        R visit(PersonalDataErased event);

        R visit(MeetingWithdrawn event);

        R visit(DateCorrected event);

        R visit(RelationshipReopened event);

        R visit(EvaluationWithdrawn event);
    }
}
