package fi.mentoringledger.query.summary;

import java.time.LocalDate;

import fi.mentoringledger.api.relationship.Lifecycle;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.RelationshipEvent;

/**
 * A relationship's row of {@code relationship_summary} in the generation being written, as the
 * projection changes it in memory: each change is a new row ({@link fi.mentoringledger.query.processing.BatchRows}
 * writes the last one of a batch).
 *
 * @param lifecycle the stage and the stage a pause left, moved only by the shared stage machine
 * @param version   the sequence number of the last event applied (read-your-writes waits for it)
 */
record SummaryRow(String relationshipId, String programmeId, Participant mentor, Participant mentee, String language,
        Lifecycle lifecycle, long version, LocalDate startedOn, LocalDate agreedOn, LocalDate inProgressOn,
        LocalDate pausedOn, LocalDate endedOn, String terminationReason, int meetingCount, LocalDate lastMeetingOn,
        int openConcerns, int openOrganiserConcerns) {

    /**
     * A mentor or mentee as the row keeps them: the name sealed with their key (JSON), and whether
     * it was erased.
     */
    record Participant(String id, String sealedName, boolean erased) {

        Participant withoutTheName() {
            return new Participant(id, null, true);
        }
    }

    /** The row after the event: its stage as the stage machine moves it, and its version. */
    SummaryRow after(RelationshipEvent event, long sequence) {
        return new SummaryRow(relationshipId, programmeId, mentor, mentee, language, lifecycle.after(event), sequence,
                startedOn, agreedOn, inProgressOn, pausedOn, endedOn, terminationReason, meetingCount, lastMeetingOn,
                openConcerns, openOrganiserConcerns);
    }

    SummaryRow agreedOn(LocalDate on) {
        return new SummaryRow(relationshipId, programmeId, mentor, mentee, language, lifecycle, version, startedOn,
                on, inProgressOn, pausedOn, endedOn, terminationReason, meetingCount, lastMeetingOn, openConcerns,
                openOrganiserConcerns);
    }

    /**
     * One more meeting; a meeting logged late does not move the last one back. {@code inProgressOn}
     * is set by the caller when the meeting moved the stage.
     */
    SummaryRow met(LocalDate heldOn, LocalDate inProgressOn) {
        LocalDate last = lastMeetingOn == null || (heldOn != null && heldOn.isAfter(lastMeetingOn)) ? heldOn
                : lastMeetingOn;
        return new SummaryRow(relationshipId, programmeId, mentor, mentee, language, lifecycle, version, startedOn,
                agreedOn, inProgressOn, pausedOn, endedOn, terminationReason, meetingCount + 1, last, openConcerns,
                openOrganiserConcerns);
    }

    SummaryRow pausedOn(LocalDate on) {
        return new SummaryRow(relationshipId, programmeId, mentor, mentee, language, lifecycle, version, startedOn,
                agreedOn, inProgressOn, on, endedOn, terminationReason, meetingCount, lastMeetingOn, openConcerns,
                openOrganiserConcerns);
    }

    SummaryRow ended(LocalDate on, String reason) {
        return new SummaryRow(relationshipId, programmeId, mentor, mentee, language, lifecycle, version, startedOn,
                agreedOn, inProgressOn, pausedOn, on, reason, meetingCount, lastMeetingOn, openConcerns,
                openOrganiserConcerns);
    }

    /** The open concerns change by {@code delta}, those for the organiser too when it concerns them; never below 0. */
    SummaryRow concerns(int delta, boolean forTheOrganiser) {
        return new SummaryRow(relationshipId, programmeId, mentor, mentee, language, lifecycle, version, startedOn,
                agreedOn, inProgressOn, pausedOn, endedOn, terminationReason, meetingCount, lastMeetingOn,
                Math.max(openConcerns + delta, 0),
                forTheOrganiser ? Math.max(openOrganiserConcerns + delta, 0) : openOrganiserConcerns);
    }

    SummaryRow erased(Party party) {
        return new SummaryRow(relationshipId, programmeId, party == Party.MENTOR ? mentor.withoutTheName() : mentor,
                party == Party.MENTEE ? mentee.withoutTheName() : mentee, language, lifecycle, version, startedOn,
                agreedOn, inProgressOn, pausedOn, endedOn, terminationReason, meetingCount, lastMeetingOn,
                openConcerns, openOrganiserConcerns);
    }
}
