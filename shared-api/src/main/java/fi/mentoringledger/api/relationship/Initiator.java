package fi.mentoringledger.api.relationship;

/** Who initiated an early end of a relationship. */
public enum Initiator {
    MENTOR, MENTEE, BOTH, ORGANISER
}
