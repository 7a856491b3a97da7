package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** A mentor and a mentee started a relationship. */
@Revision("1")
public record RelationshipStarted(
        RelationshipId relationshipId,
        String programmeId,
        Person mentor,
        Person mentee,
        String language,
        LocalDate startedOn) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
