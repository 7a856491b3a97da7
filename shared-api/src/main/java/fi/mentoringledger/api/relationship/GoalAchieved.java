package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** A goal of the agreement was achieved. */
@Revision("1")
public record GoalAchieved(
        RelationshipId relationshipId,
        String goalId,
        LocalDate achievedOn) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
