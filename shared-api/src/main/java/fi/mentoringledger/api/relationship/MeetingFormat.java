package fi.mentoringledger.api.relationship;

/**
 * How the pair met: face to face or over a call. NOT_RECORDED when nobody said — as for every
 * meeting recorded before the question was asked (MeetingRecorded revision 1).
 */
public enum MeetingFormat {
    IN_PERSON, REMOTE, NOT_RECORDED
}
