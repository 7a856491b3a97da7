package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** A participant raised a concern about the mentoring. */
@Revision("1")
public record ConcernRaised(
        RelationshipId relationshipId,
        String concernId,
        Party raisedBy,
        @PersonalData(privateToThePair = true, sharedWhenTrueIn = "organiserContacted") String description,
        boolean organiserContacted,
        LocalDate raisedOn) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
