package fi.mentoringledger.api.relationship;

import org.axonframework.serialization.Revision;

/**
 * A correction: a meeting recorded by mistake no longer counts. {@code backToAgreed} when it was
 * what put the relationship in progress and no meeting after the agreement remains: the stage (or
 * the stage a pause returns to) is AGREED again.
 */
@Revision("1")
public record MeetingWithdrawn(
        RelationshipId relationshipId,
        String meetingId,
        @PersonalData String reason,
        boolean backToAgreed) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
