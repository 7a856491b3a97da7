package fi.mentoringledger.command.relationship;

/** The command names a goal or a concern that the relationship does not have (HTTP 404). */
public class UnknownPartException extends RuntimeException {

    UnknownPartException(String part, String id, Object relationshipId) {
        super("relationship " + relationshipId + " has no " + part + " " + id);
    }
}
