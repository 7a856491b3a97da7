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
 * @param lifecycle     the stage and the stage a pause left, moved only by the shared stage machine
 * @param version       the sequence number of the last event applied (read-your-writes waits for it)
 * @param pausedVersion the version of the pause {@code pausedOn} comes from, and {@code endedVersion}
 *                      of the end {@code endedOn} comes from: a corrected date counts only when it
 *                      names that event (DOMAIN.md, "Corrections"), not an earlier pause or end
 */
record SummaryRow(String relationshipId, String programmeId, Participant mentor, Participant mentee, String language,
        Lifecycle lifecycle, long version, LocalDate startedOn, LocalDate agreedOn, LocalDate inProgressOn,
        LocalDate pausedOn, Long pausedVersion, LocalDate endedOn, Long endedVersion, String terminationReason,
        int meetingCount, LocalDate lastMeetingOn, int openConcerns, int openOrganiserConcerns) {

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
                startedOn, agreedOn, inProgressOn, pausedOn, pausedVersion, endedOn, endedVersion, terminationReason,
                meetingCount, lastMeetingOn, openConcerns, openOrganiserConcerns);
    }

    SummaryRow startedOn(LocalDate on) {
        return new SummaryRow(relationshipId, programmeId, mentor, mentee, language, lifecycle, version, on,
                agreedOn, inProgressOn, pausedOn, pausedVersion, endedOn, endedVersion, terminationReason,
                meetingCount, lastMeetingOn, openConcerns, openOrganiserConcerns);
    }

    SummaryRow agreedOn(LocalDate on) {
        return new SummaryRow(relationshipId, programmeId, mentor, mentee, language, lifecycle, version, startedOn,
                on, inProgressOn, pausedOn, pausedVersion, endedOn, endedVersion, terminationReason, meetingCount,
                lastMeetingOn, openConcerns, openOrganiserConcerns);
    }

    /**
     * One more meeting; a meeting logged late does not move the last one back. {@code inProgressOn}
     * is set by the caller when the meeting moved the stage.
     */
    SummaryRow met(LocalDate heldOn, LocalDate inProgressOn) {
        LocalDate last = lastMeetingOn == null || (heldOn != null && heldOn.isAfter(lastMeetingOn)) ? heldOn
                : lastMeetingOn;
        return meetings(meetingCount + 1, last, inProgressOn);
    }

    /** The meetings' figures counted anew, after a meeting was withdrawn or its date corrected. */
    SummaryRow meetings(int count, LocalDate last, LocalDate inProgressOn) {
        return new SummaryRow(relationshipId, programmeId, mentor, mentee, language, lifecycle, version, startedOn,
                agreedOn, inProgressOn, pausedOn, pausedVersion, endedOn, endedVersion, terminationReason, count,
                last, openConcerns, openOrganiserConcerns);
    }

    /** Paused on that day by the event of that version; both null once resumed. */
    SummaryRow paused(LocalDate on, Long byVersion) {
        return new SummaryRow(relationshipId, programmeId, mentor, mentee, language, lifecycle, version, startedOn,
                agreedOn, inProgressOn, on, byVersion, endedOn, endedVersion, terminationReason, meetingCount,
                lastMeetingOn, openConcerns, openOrganiserConcerns);
    }

    /** Ended on that day by the event of that version; all null once reopened. */
    SummaryRow ended(LocalDate on, String reason, Long byVersion) {
        return new SummaryRow(relationshipId, programmeId, mentor, mentee, language, lifecycle, version, startedOn,
                agreedOn, inProgressOn, pausedOn, pausedVersion, on, byVersion, reason, meetingCount, lastMeetingOn,
                openConcerns, openOrganiserConcerns);
    }

    /** The open concerns change by {@code delta}, those for the organiser too when it concerns them; never below 0. */
    SummaryRow concerns(int delta, boolean forTheOrganiser) {
        return new SummaryRow(relationshipId, programmeId, mentor, mentee, language, lifecycle, version, startedOn,
                agreedOn, inProgressOn, pausedOn, pausedVersion, endedOn, endedVersion, terminationReason,
                meetingCount, lastMeetingOn, Math.max(openConcerns + delta, 0),
                forTheOrganiser ? Math.max(openOrganiserConcerns + delta, 0) : openOrganiserConcerns);
    }

    SummaryRow erased(Party party) {
        return new SummaryRow(relationshipId, programmeId, party == Party.MENTOR ? mentor.withoutTheName() : mentor,
                party == Party.MENTEE ? mentee.withoutTheName() : mentee, language, lifecycle, version, startedOn,
                agreedOn, inProgressOn, pausedOn, pausedVersion, endedOn, endedVersion, terminationReason,
                meetingCount, lastMeetingOn, openConcerns, openOrganiserConcerns);
    }
}
