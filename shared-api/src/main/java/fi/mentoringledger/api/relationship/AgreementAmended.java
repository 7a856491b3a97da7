package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** The agreement was replaced by a new version; the stage is unchanged. */
@Revision("1")
public record AgreementAmended(
        RelationshipId relationshipId,
        Agreement agreement,
        LocalDate amendedOn) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
