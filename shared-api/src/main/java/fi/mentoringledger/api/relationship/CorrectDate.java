package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Correct the business date of an earlier event, named by its version. */
public record CorrectDate(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        long correctedVersion,
        LocalDate correctedDate,
        String reason,
        Long expectedVersion) implements RelationshipCommand {

    @Override
    public boolean isCorrection() {
        return true;
    }
}
