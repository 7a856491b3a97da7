package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End an open relationship early (drop-out). */
public record TerminateRelationship(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        TerminationReason reason,
        Initiator initiatedBy,
        String note,
        LocalDate terminatedOn,
        Long expectedVersion) implements RelationshipCommand {

    @Override
    public boolean isOrganiserDecision() {
        return reason == TerminationReason.ORGANISER_DECISION;
    }
}
