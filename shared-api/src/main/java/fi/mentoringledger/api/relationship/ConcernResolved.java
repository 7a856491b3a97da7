package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/**
 * A concern was resolved. The resolution is as confidential as the concern: private to the pair
 * unless the {@link ConcernRaised} it resolves was addressed to the organiser (readers look that up).
 */
@Revision("1")
public record ConcernResolved(
        RelationshipId relationshipId,
        String concernId,
        @PersonalData(privateToThePair = true) String resolution,
        LocalDate resolvedOn) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
