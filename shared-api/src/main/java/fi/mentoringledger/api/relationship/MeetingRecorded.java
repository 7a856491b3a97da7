package fi.mentoringledger.api.relationship;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.axonframework.serialization.Revision;

/**
 * A meeting was held. The first one after agreeing puts the relationship IN_PROGRESS.
 * Revision 2 added {@code format}; stored revision 1 events are read with NOT_RECORDED (the
 * event store's upcaster), so a format is never missing.
 */
@Revision("2")
public record MeetingRecorded(
        RelationshipId relationshipId,
        String meetingId,
        LocalDate heldOn,
        Integer durationMinutes,
        @PersonalData(privateToThePair = true) String privateNotes,
        @PersonalData List<String> tasks,
        MeetingFormat format) implements RelationshipEvent {

    @Override
    public <R> R accept(RelationshipEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }

    public MeetingRecorded {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        Objects.requireNonNull(format, "format: NOT_RECORDED when nobody said");
    }
}
