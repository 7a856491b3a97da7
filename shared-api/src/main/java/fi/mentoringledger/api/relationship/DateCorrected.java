package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/**
 * A correction: the business date of an earlier event (named by its version, the event's sequence
 * number) was wrong; the corrected date counts from now on.
 */
@Revision("1")
public record DateCorrected(
        RelationshipId relationshipId,
        long correctedVersion,
        String correctedEvent,
        LocalDate previousDate,
        LocalDate correctedDate,
        @PersonalData String reason) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
