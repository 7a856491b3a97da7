package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** The relationship was paused. */
@Revision("1")
public record RelationshipPaused(
        RelationshipId relationshipId,
        @PersonalData String reason,
        LocalDate pausedOn) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
