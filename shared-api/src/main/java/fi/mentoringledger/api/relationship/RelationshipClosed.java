package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** The relationship ended as completed. */
@Revision("1")
public record RelationshipClosed(
        RelationshipId relationshipId,
        LocalDate closedOn,
        @PersonalData String summary,
        Boolean continueContact) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
