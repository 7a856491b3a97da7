package fi.mentoringledger.command.relationship;

import fi.mentoringledger.api.relationship.Stage;

/**
 * A rule of the relationship other than its stage refuses the command (HTTP 409): a goal already
 * achieved, an evaluation already given, or a retry whose id is known with other content.
 * Nothing was recorded.
 */
public class RuleViolationException extends RuntimeException {

    private final String rule;
    private final Stage stage;

    RuleViolationException(String rule, Stage stage, String detail) {
        super(detail);
        this.rule = rule;
        this.stage = stage;
    }

    /** A stable code for clients: {@code goal-already-achieved}, {@code conflicting-retry}, … */
    public String rule() {
        return rule;
    }

    public Stage stage() {
        return stage;
    }
}
