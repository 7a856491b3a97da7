package fi.mentoringledger.command.relationship;

/** A business date that cannot be true for this relationship, such as one before it started (HTTP 400). */
public class InvalidBusinessDateException extends RuntimeException {

    private final String field;

    InvalidBusinessDateException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
