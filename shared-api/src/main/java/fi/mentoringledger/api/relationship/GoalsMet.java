package fi.mentoringledger.api.relationship;

/** How far a participant found the goals met, in their evaluation. */
public enum GoalsMet {
    FULLY, PARTLY, NOT
}
