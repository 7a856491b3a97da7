package fi.mentoringledger.api.relationship;

import java.time.LocalDate;
import java.util.Optional;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** One participant's evaluation (arviointilomake) of an ended relationship; comments are confidential. */
public record SubmitEvaluation(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        Party by,
        int rating,
        GoalsMet goalsMet,
        String comments,
        LocalDate submittedOn,
        Long expectedVersion) implements RelationshipCommand {

    @Override
    public Optional<Party> side() {
        return Optional.ofNullable(by);
    }
}
