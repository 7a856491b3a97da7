package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a running relationship as completed. */
public record CloseRelationship(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        LocalDate closedOn,
        String summary,
        Boolean continueContact,
        Long expectedVersion) implements RelationshipCommand {
}
