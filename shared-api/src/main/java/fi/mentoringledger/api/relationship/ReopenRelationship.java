package fi.mentoringledger.api.relationship;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reopen a relationship closed or terminated by mistake, in the stage it was ended from. */
public record ReopenRelationship(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        String reason,
        Long expectedVersion) implements RelationshipCommand {

    @Override
    public boolean isCorrection() {
        return true;
    }
}
