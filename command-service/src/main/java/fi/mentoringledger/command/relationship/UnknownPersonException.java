package fi.mentoringledger.command.relationship;

/** No relationship names the person, and nothing of theirs was ever kept (HTTP 404). */
public class UnknownPersonException extends RuntimeException {

    UnknownPersonException(String personId) {
        super("no relationship names person " + personId + " and no personal data of theirs is kept");
    }
}
