package fi.mentoringledger.command.relationship;

import java.time.LocalDate;
import java.util.List;

import fi.mentoringledger.api.relationship.GoalsMet;
import fi.mentoringledger.api.relationship.Initiator;
import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.TerminationReason;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The HTTP bodies of the command API (API.md), with their validation. Business dates may lie in
 * the past (a meeting logged late), never in the future of the programmes' time zone (the
 * validator's clock is the application's).
 */
final class RelationshipRequests {

    /**
     * Ids a client may choose: safe in URLs, logs and events. Not dots alone: "." and ".." in a
     * path are resolved away, so such a relationship (or goal, or concern) could not be addressed.
     */
    static final String ID_PATTERN = "(?!\\.+$)[A-Za-z0-9._:-]{1,100}";
    static final String ID_MESSAGE = "must be 1-100 letters, digits or . _ : -, not dots alone";
    /**
     * A new id (a relationship, meeting, goal or concern a client names now) also starts with a
     * letter or a digit: a spreadsheet reads a cell starting with = + - @ as a formula, and ids end up
     * in the reports' CSV. Ids recorded before this rule stay addressable by {@link #ID_PATTERN}.
     */
    static final String NEW_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";
    static final String NEW_ID_MESSAGE = "must be 1-100 letters, digits or . _ : -, starting with a letter or digit";
    /** Person and programme ids, the same way, up to 200 characters (they name people and programmes elsewhere too). */
    static final String NAME_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,199}";
    static final String NAME_ID_MESSAGE = "must be 1-200 letters, digits or . _ : -, starting with a letter or digit";

    private RelationshipRequests() {
    }

    record PersonBody(
            @NotNull @Pattern(regexp = NAME_ID_PATTERN, message = NAME_ID_MESSAGE) String id,
            @NotBlank @Size(max = 200) String name) {
    }

    record StartBody(
            @Pattern(regexp = NEW_ID_PATTERN, message = NEW_ID_MESSAGE) String relationshipId,
            @Pattern(regexp = NAME_ID_PATTERN, message = NAME_ID_MESSAGE) String programmeId,
            @NotNull @Valid PersonBody mentor,
            @NotNull @Valid PersonBody mentee,
            @NotBlank @Size(min = 2, max = 35)
            @Pattern(regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", message = "must be a BCP 47 language tag such as fi, sv or en")
            String language,
            @PastOrPresent LocalDate startedOn) {
    }

    record GoalBody(
            @Pattern(regexp = NEW_ID_PATTERN, message = NEW_ID_MESSAGE) String goalId,
            @NotBlank @Size(max = 2000) String description,
            @Size(max = 50) List<@NotBlank @Size(max = 2000) String> milestones) {
    }

    record GroundRulesBody(
            @NotBlank @Size(max = 2000) String contactChannel,
            @NotBlank @Size(max = 2000) String meetingFrequency,
            @Size(max = 2000) String preparation) {
    }

    record AgreementBody(
            @NotEmpty @Size(max = 50) List<@NotNull @Valid GoalBody> goals,
            @NotNull @Valid GroundRulesBody groundRules,
            LocalDate plannedEndOn,
            @PastOrPresent LocalDate agreedOn) {
    }

    record MeetingBody(
            @Pattern(regexp = NEW_ID_PATTERN, message = NEW_ID_MESSAGE) String meetingId,
            @NotNull @PastOrPresent LocalDate heldOn,
            @Min(1) @Max(1440) Integer durationMinutes,
            @Size(max = 20000) String privateNotes,
            @Size(max = 50) List<@NotBlank @Size(max = 2000) String> tasks,
            MeetingFormat format) {
    }

    record AchieveGoalBody(@PastOrPresent LocalDate achievedOn) {
    }

    record ConcernBody(
            @Pattern(regexp = NEW_ID_PATTERN, message = NEW_ID_MESSAGE) String concernId,
            @NotNull Party raisedBy,
            @NotBlank @Size(max = 4000) String description,
            @NotNull Boolean organiserContacted) {
    }

    record ResolveConcernBody(@Size(max = 4000) String resolution) {
    }

    record PauseBody(@NotBlank @Size(max = 2000) String reason, @PastOrPresent LocalDate pausedOn) {
    }

    record ResumeBody(@PastOrPresent LocalDate resumedOn) {
    }

    record CloseBody(@PastOrPresent LocalDate closedOn, @Size(max = 4000) String summary, Boolean continueContact) {
    }

    record TerminateBody(
            @NotNull TerminationReason reason,
            @NotNull Initiator initiatedBy,
            @Size(max = 4000) String note,
            @PastOrPresent LocalDate terminatedOn) {
    }

    /** Every correction says why (DOMAIN.md, "Corrections"). */
    record CorrectionBody(@NotBlank @Size(max = 2000) String reason) {
    }

    record DateCorrectionBody(
            @NotNull @Min(0) Long version,
            @NotNull @PastOrPresent LocalDate correctedDate,
            @NotBlank @Size(max = 2000) String reason) {
    }

    record EvaluationBody(
            @NotNull Party by,
            @NotNull @Min(1) @Max(5) Integer rating,
            @NotNull GoalsMet goalsMet,
            @Size(max = 4000) String comments) {
    }
}
