package fi.mentoringledger.api.relationship;

import java.time.LocalDate;
import java.util.List;

/** The content of a mentoring agreement (mentorointisopimus): goals, ground rules, planned end. */
public record Agreement(List<Goal> goals, GroundRules groundRules, LocalDate plannedEndOn) {

    public Agreement {
        goals = goals == null ? List.of() : List.copyOf(goals);
    }
}
