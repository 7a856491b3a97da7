package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/**
 * One participant's personal data was erased: their name, and the private text of the pair, can no
 * longer be read from any event of the relationship. The relationship's stage and figures stay.
 */
@Revision("1")
public record PersonalDataErased(
        RelationshipId relationshipId,
        String personId,
        Party party,
        LocalDate erasedOn) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
