package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** A concern was resolved. */
@Revision("1")
public record ConcernResolved(
        RelationshipId relationshipId,
        String concernId,
        @PersonalData String resolution,
        LocalDate resolvedOn) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
