package fi.mentoringledger.command.relationship;

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.RelationshipCommand;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.security.Caller;

/**
 * Who may do what to a relationship. The aggregate asks before anything else (even before it
 * recognises a retry), as only it knows the relationship's programme and parties for certain.
 * <ul>
 * <li>A caller who may not see the relationship — not an admin, not an organiser of its programme,
 * not its mentor or mentee — is told it does not exist (404).</li>
 * <li>An admin may do everything.</li>
 * <li>The mentor and the mentee may do everything the lifecycle allows, for their own side where a
 * command names one (an evaluation's {@code by}, a concern's {@code raisedBy}); ending it for
 * {@code ORGANISER_DECISION} is the organiser's.</li>
 * <li>An organiser of its programme may end it for {@code ORGANISER_DECISION}, and correct what was
 * recorded (DOMAIN.md, "Corrections"). A mentor or mentee corrects only what they recorded
 * themselves, and only while it is open: the aggregate checks that, as only it knows who recorded
 * what.</li>
 * <li>Recording an erasure of personal data is the admin's alone.</li>
 * </ul>
 * Starting: an organiser, in a programme assigned to them, or an admin (any programme, or none);
 * a mentor or mentee does not start one, so nobody can invent a relationship in someone else's
 * name (DOMAIN.md).
 */
final class RelationshipAccess {

    private RelationshipAccess() {
    }

    static void requireMayStart(Caller caller, String programmeId) {
        if (caller == null) {
            throw Refusal.forbidden("no signed-in user");
        }
        if (caller.isAdmin() || caller.organises(programmeId)) {
            return;
        }
        throw Refusal.forbidden(caller.isOrganiser()
                ? "user " + caller.username() + " may start relationships only in the programmes they organise"
                : "user " + caller.username() + " may not start relationships: organisers and admins start them");
    }

    static boolean maySee(Caller caller, RelationshipStarted start) {
        return caller != null && caller.maySee(start.programmeId(), start.mentor().id(), start.mentee().id());
    }

    static void require(Caller caller, RelationshipStarted start, RelationshipCommand command) {
        if (!maySee(caller, start)) {
            throw Refusal.hidden(start.relationshipId());
        }
        if (caller.isAdmin()
                || caller.isPartyOf(start.mentor().id(), start.mentee().id()) && partyMay(caller, start, command)
                || caller.organises(start.programmeId()) && (command.isOrganiserDecision() || command.isCorrection())) {
            return;
        }
        throw Refusal.forbidden("user " + caller.username() + " may not "
                + command.getClass().getSimpleName() + " in relationship " + start.relationshipId()
                + (caller.organises(start.programmeId()) && !command.isAdminsAlone()
                        ? "; an organiser of its programme may only end it, for ORGANISER_DECISION, or correct it" : ""));
    }

    private static boolean partyMay(Caller caller, RelationshipStarted start, RelationshipCommand command) {
        if (command.isOrganiserDecision() || command.isAdminsAlone()) {
            return false;
        }
        return command.side().map(side -> isSide(caller, start, side)).orElse(true);
    }

    private static boolean isSide(Caller caller, RelationshipStarted start, Party party) {
        String id = party == Party.MENTOR ? start.mentor().id() : start.mentee().id();
        return caller.personId().equals(id);
    }
}
