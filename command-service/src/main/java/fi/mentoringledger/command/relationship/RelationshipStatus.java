package fi.mentoringledger.command.relationship;

import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.Stage;

/** The relationship's state after a command: the answer of every command endpoint. */
record RelationshipStatus(RelationshipId relationshipId, Stage stage, long version) {
}
