package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Resume a paused relationship in the stage it was paused from. */
public record ResumeRelationship(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        LocalDate resumedOn,
        Long expectedVersion) implements RelationshipCommand {
}
