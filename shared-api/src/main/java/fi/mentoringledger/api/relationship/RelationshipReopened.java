package fi.mentoringledger.api.relationship;

import org.axonframework.serialization.Revision;

/**
 * A correction: a relationship closed or terminated by mistake is open again, in the stage it was
 * ended from ({@code reopenedIn}).
 */
@Revision("1")
public record RelationshipReopened(
        RelationshipId relationshipId,
        Stage reopenedIn,
        @PersonalData String reason) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
