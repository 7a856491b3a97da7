package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Start a relationship between a mentor and a mentee, inside a programme or on their own (programmeId null). */
public record StartRelationship(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        String programmeId,
        Person mentor,
        Person mentee,
        String language,
        LocalDate startedOn) implements RelationshipCommand {
}
