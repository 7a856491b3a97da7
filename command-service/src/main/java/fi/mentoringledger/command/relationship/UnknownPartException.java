package fi.mentoringledger.command.relationship;

/** The command names a goal, a concern or a participant that the relationship does not have (HTTP 404). */
public class UnknownPartException extends RuntimeException {

    UnknownPartException(String part, String id, Object relationshipId) {
        super("relationship " + relationshipId + " has no " + part + " " + id);
    }
}
