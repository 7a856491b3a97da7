package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mark one goal of the agreement as achieved. */
public record MarkGoalAchieved(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        String goalId,
        LocalDate achievedOn,
        Long expectedVersion) implements RelationshipCommand {
}
