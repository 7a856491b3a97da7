package fi.mentoringledger.api.relationship;

/** Where a relationship stands in its lifecycle. */
public enum Stage {
    STARTED, AGREED, IN_PROGRESS, PAUSED, CLOSED, TERMINATED;

    /** CLOSED and TERMINATED are final; every other stage is open. */
    public boolean isOpen() {
        return this != CLOSED && this != TERMINATED;
    }
}
