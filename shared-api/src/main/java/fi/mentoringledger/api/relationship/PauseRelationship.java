package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Pause an agreed or running relationship. */
public record PauseRelationship(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        String reason,
        LocalDate pausedOn,
        Long expectedVersion) implements RelationshipCommand {
}
