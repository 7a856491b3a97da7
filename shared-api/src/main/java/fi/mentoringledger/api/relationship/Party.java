package fi.mentoringledger.api.relationship;

/** One of the two participants of a relationship; the guide calls the mentee the aktori. */
public enum Party {
    MENTOR, MENTEE
}
