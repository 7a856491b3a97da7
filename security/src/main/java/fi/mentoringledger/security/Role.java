package fi.mentoringledger.security;

/**
 * What a signed-in user may do. {@code ADMIN}: everything, including replay and dead letters;
 * {@code ORGANISER}: read, and end a relationship for {@code ORGANISER_DECISION}, within the
 * programmes assigned to them; {@code MENTOR} and {@code MENTEE}: commands and reads on the
 * relationships where their own person id is the mentor's or the mentee's.
 */
public enum Role {
    ADMIN,
    ORGANISER,
    MENTOR,
    MENTEE;

    /** Spring Security's authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
