package fi.mentoringledger.api.relationship;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw an evaluation submitted for the wrong party or relationship. */
public record WithdrawEvaluation(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        Party by,
        String reason,
        Long expectedVersion) implements RelationshipCommand {

    @Override
    public boolean isCorrection() {
        return true;
    }
}
