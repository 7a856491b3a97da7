package fi.mentoringledger.security;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

/**
 * The signed-in user of a request, whichever way they signed in: their user name (what the audit
 * history shows as the actor), roles, own person id (a mentor's or mentee's id in the
 * relationships) and the programmes they organise.
 */
public record Caller(String username, Set<Role> roles, String personId, Set<String> programmes)
        implements Serializable {

    public Caller {
        Objects.requireNonNull(username, "username");
        roles = Set.copyOf(roles);
        programmes = Set.copyOf(programmes);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    public boolean isOrganiser() {
        return roles.contains(Role.ORGANISER);
    }

    /** A mentor or mentee, with a person id that can name them in a relationship. */
    public boolean isParticipant() {
        return personId != null && (roles.contains(Role.MENTOR) || roles.contains(Role.MENTEE));
    }

    /** Whether this caller organises the given programme (a relationship outside any programme has none). */
    public boolean organises(String programmeId) {
        return isOrganiser() && programmeId != null && programmes.contains(programmeId);
    }

    /** Whether the caller is the mentor or the mentee of a relationship with these parties. */
    public boolean isPartyOf(String mentorId, String menteeId) {
        return isParticipant() && (personId.equals(mentorId) || personId.equals(menteeId));
    }

    /** Whether the caller may see a relationship of this programme with these parties at all. */
    public boolean maySee(String programmeId, String mentorId, String menteeId) {
        return isAdmin() || organises(programmeId) || isPartyOf(mentorId, menteeId);
    }
}
