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

    private RelationshipRequests() {
    }

    record PersonBody(
            @NotBlank @Size(max = 200) String id,
            @NotBlank @Size(max = 200) String name) {
    }

    record StartBody(
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String relationshipId,
            @Size(min = 1, max = 200) @Pattern(regexp = "(?U)\\S.*", message = "must not be blank") String programmeId,
            @NotNull @Valid PersonBody mentor,
            @NotNull @Valid PersonBody mentee,
            @NotBlank @Size(min = 2, max = 35)
            @Pattern(regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", message = "must be a BCP 47 language tag such as fi, sv or en")
            String language,
            @PastOrPresent LocalDate startedOn) {
    }

    record GoalBody(
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String goalId,
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
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String meetingId,
            @NotNull @PastOrPresent LocalDate heldOn,
            @Min(1) @Max(1440) Integer durationMinutes,
            @Size(max = 20000) String privateNotes,
            @Size(max = 50) List<@NotBlank @Size(max = 2000) String> tasks,
            MeetingFormat format) {
    }

    record AchieveGoalBody(@PastOrPresent LocalDate achievedOn) {
    }

    record ConcernBody(
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String concernId,
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

    record EvaluationBody(
            @NotNull Party by,
            @NotNull @Min(1) @Max(5) Integer rating,
            @NotNull GoalsMet goalsMet,
            @Size(max = 4000) String comments) {
    }
}
