package fi.mentoringledger.api.relationship;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw a meeting recorded by mistake (DOMAIN.md, "Corrections"). */
public record WithdrawMeeting(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        String meetingId,
        String reason,
        Long expectedVersion) implements RelationshipCommand {

    @Override
    public boolean isCorrection() {
        return true;
    }
}
