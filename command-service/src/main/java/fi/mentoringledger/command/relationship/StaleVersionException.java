package fi.mentoringledger.command.relationship;

/** The client's If-Match names a version that is no longer the latest (HTTP 412). */
public class StaleVersionException extends RuntimeException {

    private final long expected;
    private final long actual;

    StaleVersionException(long expected, long actual) {
        super("the relationship is at version " + actual + ", not at version " + expected + " as expected");
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
