package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** The pair agreed on goals and ground rules: the relationship is AGREED. */
@Revision("1")
public record AgreementSigned(
        RelationshipId relationshipId,
        Agreement agreement,
        LocalDate agreedOn) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
