package fi.mentoringledger.api.relationship;

import java.util.List;

/** A goal of the mentoring agreement, with its smaller intermediate goals. */
public record Goal(String goalId, @PersonalData String description, @PersonalData List<String> milestones) {

    public Goal {
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }
}
