package fi.mentoringledger.api.relationship;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a meeting that was held; privateNotes are confidential to the pair; a format left out is NOT_RECORDED. */
public record RecordMeeting(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        String meetingId,
        LocalDate heldOn,
        Integer durationMinutes,
        String privateNotes,
        List<String> tasks,
        MeetingFormat format,
        Long expectedVersion) implements RelationshipCommand {

    public RecordMeeting {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        format = format == null ? MeetingFormat.NOT_RECORDED : format;
    }
}
