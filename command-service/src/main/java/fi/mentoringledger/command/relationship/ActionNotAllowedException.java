package fi.mentoringledger.command.relationship;

import fi.mentoringledger.api.relationship.LifecycleAction;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.Stage;

/** The current stage does not allow the action (HTTP 409). Nothing was recorded. */
public class ActionNotAllowedException extends RuntimeException {

    private final Stage stage;
    private final String action;

    ActionNotAllowedException(RelationshipId relationshipId, Stage stage, LifecycleAction action) {
        super("relationship " + relationshipId + " is " + stage + "; " + action.refusal()
                + " (allowed in " + action.allowedIn() + ")");
        this.stage = stage;
        this.action = action.name();
    }

    public Stage stage() {
        return stage;
    }

    public String action() {
        return action;
    }
}
