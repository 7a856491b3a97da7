package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** The relationship was resumed in the stage it was paused from. */
@Revision("1")
public record RelationshipResumed(
        RelationshipId relationshipId,
        LocalDate resumedOn) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
