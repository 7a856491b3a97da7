package fi.mentoringledger.api.relationship;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.serialization.Revision;

/** A meeting was held. The first one after agreeing puts the relationship IN_PROGRESS. */
@Revision("1")
public record MeetingRecorded(
        RelationshipId relationshipId,
        String meetingId,
        LocalDate heldOn,
        Integer durationMinutes,
        String privateNotes,
        List<String> tasks) {

    public MeetingRecorded {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
}
