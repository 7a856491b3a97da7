package fi.mentoringledger.api.relationship;

import org.axonframework.serialization.Revision;

/**
 * A correction: an evaluation submitted for the wrong party or relationship no longer counts, and
 * that party may evaluate again.
 */
@Revision("1")
public record EvaluationWithdrawn(
        RelationshipId relationshipId,
        Party by,
        @PersonalData String reason) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
