package fi.mentoringledger.api.relationship;

import java.time.LocalDate;
import java.util.Optional;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Raise a concern about how the mentoring works; the description is confidential to the pair. */
public record RaiseConcern(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        String concernId,
        Party raisedBy,
        String description,
        boolean organiserContacted,
        LocalDate raisedOn,
        Long expectedVersion) implements RelationshipCommand {

    @Override
    public Optional<Party> side() {
        return Optional.ofNullable(raisedBy);
    }
}
