package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Agree on goals, ground rules and a planned end. {@code expectedVersion} (nullable) is the client's If-Match. */
public record SignAgreement(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        Agreement agreement,
        LocalDate agreedOn,
        Long expectedVersion) implements RelationshipCommand {
}
