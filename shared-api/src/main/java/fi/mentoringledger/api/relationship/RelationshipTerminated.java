package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** The relationship ended early: a drop-out in the reports. */
@Revision("1")
public record RelationshipTerminated(
        RelationshipId relationshipId,
        TerminationReason reason,
        Initiator initiatedBy,
        @PersonalData String note,
        LocalDate terminatedOn) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
