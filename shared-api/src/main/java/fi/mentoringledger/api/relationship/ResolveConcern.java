package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Resolve an open concern; the resolution is confidential to the pair. */
public record ResolveConcern(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        String concernId,
        String resolution,
        LocalDate resolvedOn,
        Long expectedVersion) implements RelationshipCommand {
}
