package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace the agreement's goals, ground rules or planned end; goals keep their achieved state by id. */
public record AmendAgreement(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        Agreement agreement,
        LocalDate amendedOn,
        Long expectedVersion) implements RelationshipCommand {
}
