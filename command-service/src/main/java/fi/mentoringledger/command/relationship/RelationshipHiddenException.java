package fi.mentoringledger.command.relationship;

import fi.mentoringledger.api.relationship.RelationshipId;

/**
 * The caller may not see the relationship: answered exactly as an unknown one (HTTP 404), so that
 * its existence does not leak. Nothing was recorded.
 */
public class RelationshipHiddenException extends RuntimeException {

    private final transient RelationshipId relationshipId;

    RelationshipHiddenException(RelationshipId relationshipId) {
        super("there is no relationship " + relationshipId);
        this.relationshipId = relationshipId;
    }

    public RelationshipId relationshipId() {
        return relationshipId;
    }
}
