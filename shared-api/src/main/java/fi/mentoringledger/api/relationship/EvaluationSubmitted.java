package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** A participant evaluated the ended relationship (rating 1-5). */
@Revision("1")
public record EvaluationSubmitted(
        RelationshipId relationshipId,
        Party by,
        int rating,
        GoalsMet goalsMet,
        @PersonalData(privateToThePair = true) String comments,
        LocalDate submittedOn) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
