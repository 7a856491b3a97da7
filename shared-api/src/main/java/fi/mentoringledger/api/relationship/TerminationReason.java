package fi.mentoringledger.api.relationship;

/** Why a relationship ended early; reports count terminations by these codes. */
public enum TerminationReason {
    LACK_OF_TIME, MISMATCH, LOST_CONTACT, RELOCATION, HEALTH_OR_FAMILY, CHANGE_OF_GOALS, ORGANISER_DECISION, OTHER
}
