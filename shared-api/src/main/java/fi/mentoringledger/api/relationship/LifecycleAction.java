package fi.mentoringledger.api.relationship;

import static fi.mentoringledger.api.relationship.Stage.AGREED;
import static fi.mentoringledger.api.relationship.Stage.CLOSED;
import static fi.mentoringledger.api.relationship.Stage.IN_PROGRESS;
import static fi.mentoringledger.api.relationship.Stage.PAUSED;
import static fi.mentoringledger.api.relationship.Stage.STARTED;
import static fi.mentoringledger.api.relationship.Stage.TERMINATED;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The "allowed in" column of DOMAIN.md's lifecycle table; {@link Lifecycle} is its "result" column.
 * The aggregate asks this table before the finer rules, so the rules stand in one place.
 */
public enum LifecycleAction {
    AGREE("an agreement cannot be signed", EnumSet.of(STARTED)),
    AMEND_AGREEMENT("the agreement cannot be amended", EnumSet.of(AGREED, IN_PROGRESS, PAUSED)),
    RECORD_MEETING("a meeting cannot be recorded", EnumSet.of(STARTED, AGREED, IN_PROGRESS)),
    MARK_GOAL_ACHIEVED("a goal cannot be marked achieved", EnumSet.of(AGREED, IN_PROGRESS, PAUSED)),
    RAISE_CONCERN("a concern cannot be raised", EnumSet.of(STARTED, AGREED, IN_PROGRESS, PAUSED)),
    RESOLVE_CONCERN("a concern cannot be resolved", EnumSet.of(STARTED, AGREED, IN_PROGRESS, PAUSED)),
    PAUSE("it cannot be paused", EnumSet.of(AGREED, IN_PROGRESS)),
    RESUME("it cannot be resumed", EnumSet.of(PAUSED)),
    CLOSE("it cannot be closed as completed", EnumSet.of(IN_PROGRESS)),
    TERMINATE("it cannot be terminated", EnumSet.of(STARTED, AGREED, IN_PROGRESS, PAUSED)),
    SUBMIT_EVALUATION("an evaluation cannot be submitted", EnumSet.of(CLOSED, TERMINATED)),
    WITHDRAW_MEETING("a meeting cannot be withdrawn", EnumSet.allOf(Stage.class)),
    CORRECT_DATE("a date cannot be corrected", EnumSet.allOf(Stage.class)),
    REOPEN("it cannot be reopened", EnumSet.of(CLOSED, TERMINATED)),
    WITHDRAW_EVALUATION("an evaluation cannot be withdrawn", EnumSet.of(CLOSED, TERMINATED));

    private final String refusal;
    private final Set<Stage> allowedIn;

    LifecycleAction(String refusal, Set<Stage> allowedIn) {
        this.refusal = refusal;
        this.allowedIn = Collections.unmodifiableSet(allowedIn);
    }

    public boolean isAllowedIn(Stage stage) {
        return allowedIn.contains(stage);
    }

    /** How a refusal reads: "a meeting cannot be recorded". */
    public String refusal() {
        return refusal;
    }

    public Set<Stage> allowedIn() {
        return allowedIn;
    }
}
