package fi.mentoringledger.command.relationship;

import fi.mentoringledger.api.relationship.ErasePersonalData;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.RaiseConcern;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.SubmitEvaluation;
import fi.mentoringledger.api.relationship.TerminateRelationship;
import fi.mentoringledger.api.relationship.TerminationReason;
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
 * <li>An organiser of its programme may only end it for {@code ORGANISER_DECISION}.</li>
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
            throw new AccessRefusedException("no signed-in user");
        }
        if (caller.isAdmin() || caller.organises(programmeId)) {
            return;
        }
        throw new AccessRefusedException(caller.isOrganiser()
                ? "user " + caller.username() + " may start relationships only in the programmes they organise"
                : "user " + caller.username() + " may not start relationships: organisers and admins start them");
    }

    static boolean maySee(Caller caller, RelationshipStarted start) {
        return caller != null && caller.maySee(start.programmeId(), start.mentor().id(), start.mentee().id());
    }

    static void require(Caller caller, RelationshipStarted start, Object command) {
        if (!maySee(caller, start)) {
            throw new RelationshipHiddenException(start.relationshipId());
        }
        if (caller.isAdmin()
                || caller.isPartyOf(start.mentor().id(), start.mentee().id()) && partyMay(caller, start, command)
                || caller.organises(start.programmeId()) && isOrganiserDecision(command)) {
            return;
        }
        throw new AccessRefusedException("user " + caller.username() + " may not "
                + command.getClass().getSimpleName() + " in relationship " + start.relationshipId()
                + (command instanceof TerminateRelationship && caller.organises(start.programmeId())
                        ? "; an organiser ends a relationship only for ORGANISER_DECISION" : ""));
    }

    private static boolean partyMay(Caller caller, RelationshipStarted start, Object command) {
        if (isOrganiserDecision(command) || command instanceof ErasePersonalData) {
            return false;
        }
        if (command instanceof SubmitEvaluation evaluation) {
            return isSide(caller, start, evaluation.by());
        }
        if (command instanceof RaiseConcern concern) {
            return isSide(caller, start, concern.raisedBy());
        }
        return true;
    }

    private static boolean isSide(Caller caller, RelationshipStarted start, Party party) {
        String id = party == Party.MENTOR ? start.mentor().id() : start.mentee().id();
        return caller.personId().equals(id);
    }

    private static boolean isOrganiserDecision(Object command) {
        return command instanceof TerminateRelationship terminate
                && terminate.reason() == TerminationReason.ORGANISER_DECISION;
    }
}
