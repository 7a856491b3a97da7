package fi.mentoringledger.query.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import fi.mentoringledger.security.Caller;
import fi.mentoringledger.query.web.NotFoundException;

/**
 * What of the read models a caller may see, as SQL: an admin everything; an organiser the
 * relationships of their programmes; a mentor or mentee the relationships they are a party of.
 * Lists are limited by it, so that a relationship the caller may not see is never counted.
 */
public final class CallerScope {

    private CallerScope() {
    }

    /**
     * A condition on a row with {@code programme_id}, {@code mentor_id} and {@code mentee_id},
     * starting with {@code " AND "} (empty for an admin); its parameters go into {@code params}.
     */
    public static String relationships(Caller caller, Map<String, Object> params) {
        if (caller.isAdmin()) {
            return "";
        }
        List<String> visible = new ArrayList<>();
        if (caller.isOrganiser() && !caller.programmes().isEmpty()) {
            visible.add("programme_id IN (:scopeProgrammes)");
            params.put("scopeProgrammes", List.copyOf(caller.programmes()));
        }
        if (caller.isParticipant()) {
            visible.add("mentor_id = :scopePerson OR mentee_id = :scopePerson");
            params.put("scopePerson", caller.personId());
        }
        return visible.isEmpty() ? " AND false" : " AND (" + String.join(" OR ", visible) + ")";
    }

    /** The relationship with this programme and parties is hidden from the caller: answered as unknown. */
    public static void requireVisible(Caller caller, String relationshipId, String programmeId, String mentorId,
            String menteeId) {
        if (!caller.maySee(programmeId, mentorId, menteeId)) {
            throw new NotFoundException("there is no relationship " + relationshipId);
        }
    }
}
