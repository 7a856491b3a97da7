package fi.mentoringledger.api.relationship;

import java.util.Optional;

/**
 * What a client asks of one relationship. The aggregate accepts or refuses each; an accepted one
 * records exactly one event (DOMAIN.md).
 */
public sealed interface RelationshipCommand permits StartRelationship, SignAgreement, AmendAgreement,
        RecordMeeting, MarkGoalAchieved, RaiseConcern, ResolveConcern, PauseRelationship, ResumeRelationship,
        CloseRelationship, TerminateRelationship, SubmitEvaluation, ErasePersonalData, WithdrawMeeting, CorrectDate,
        ReopenRelationship, WithdrawEvaluation {

    RelationshipId relationshipId();

    /**
     * The side of the pair the command is taken for, where it names one (an evaluation's {@code by},
     * a concern's {@code raisedBy}): a mentor or mentee acts for their own side only.
     */
    default Optional<Party> side() {
        return Optional.empty();
    }

    /** Ending the relationship for the organiser's own decision: the organiser's to take, not the pair's. */
    default boolean isOrganiserDecision() {
        return false;
    }

    /**
     * A correction of something recorded (DOMAIN.md, "Corrections"): the organisers' of the
     * programme and the admins'; a participant's only for what they recorded, while it is open.
     */
    default boolean isCorrection() {
        return false;
    }

    /** Only an admin takes it (recording an erasure of personal data). */
    default boolean isAdminsAlone() {
        return false;
    }
}
