package fi.mentoringledger.query.summary;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;

/** Where one pair stands (API.md, "Query side"). The list leaves {@code goals} out. */
public record Summary(
        String relationshipId,
        String programmeId,
        PersonView mentor,
        PersonView mentee,
        String language,
        Stage stage,
        long version,
        LocalDate startedOn,
        LocalDate agreedOn,
        LocalDate inProgressOn,
        LocalDate pausedOn,
        LocalDate endedOn,
        TerminationReason terminationReason,
        int meetingCount,
        LocalDate lastMeetingOn,
        int openConcerns,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<GoalView> goals) {

    Summary withGoals(List<GoalView> goals) {
        return new Summary(relationshipId, programmeId, mentor, mentee, language, stage, version, startedOn, agreedOn,
                inProgressOn, pausedOn, endedOn, terminationReason, meetingCount, lastMeetingOn, openConcerns, goals);
    }

    /**
     * A mentor or mentee: {@code id} stays when the person's personal data is erased, {@code name}
     * is then null and {@code erased} true (a name is required when a relationship starts, so only
     * an erasure leaves it out).
     */
    public record PersonView(String id, String name, boolean erased) {
    }

    /** A goal of the current agreement. */
    public record GoalView(String goalId, String description, boolean achieved, LocalDate achievedOn) {
    }

    /** One page of summaries, newest start first. */
    public record Page(List<Summary> items, int page, int size, long total) {
    }
}
