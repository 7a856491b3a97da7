package fi.mentoringledger.api.relationship;

/**
 * What a client asks of one relationship. The aggregate accepts or refuses each; an accepted one
 * records exactly one event (DOMAIN.md).
 */
public sealed interface RelationshipCommand permits StartRelationship, SignAgreement, AmendAgreement,
        RecordMeeting, MarkGoalAchieved, RaiseConcern, ResolveConcern, PauseRelationship, ResumeRelationship,
        CloseRelationship, TerminateRelationship, SubmitEvaluation, ErasePersonalData {

    RelationshipId relationshipId();
}
