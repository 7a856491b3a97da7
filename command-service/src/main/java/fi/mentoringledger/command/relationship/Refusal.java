package fi.mentoringledger.command.relationship;

import fi.mentoringledger.api.relationship.LifecycleAction;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.Stage;

/**
 * A command the relationship refuses; nothing was recorded. Its {@link Kind} says how a client is
 * told ({@link RefusalProblems} maps each kind to one problem), its {@link #rule()} is the stable
 * code a client reads ({@code goal-already-achieved}, {@code conflicting-retry}, …).
 */
final class Refusal extends RuntimeException {

    enum Kind {
        /** A business date that cannot be true for this relationship, such as one before it started (400). */
        INVALID_DATE,
        /** The caller may not see the relationship: told exactly as for an unknown one (404), so that its existence does not leak. */
        HIDDEN,
        /** The command names a goal, concern, participant or person that is not there (404). */
        UNKNOWN,
        /** The caller may see the relationship but not do this to it (403). */
        FORBIDDEN,
        /** The lifecycle table does not allow the action in the current stage (409). */
        NOT_ALLOWED_IN_STAGE,
        /** A rule of the relationship other than its stage (409). */
        RULE,
        /** An erased person gets no new key, so nothing new is written about them (409). */
        PERSON_ERASED,
        /** The client's If-Match names a version that is no longer the latest (412). */
        STALE_VERSION
    }

    private final Kind kind;
    private final String rule;
    private final Stage stage;
    private final String about;
    private final long expectedVersion;
    private final long currentVersion;

    private Refusal(Kind kind, String rule, Stage stage, String about, long expectedVersion, long currentVersion,
            String detail) {
        super(detail);
        this.kind = kind;
        this.rule = rule;
        this.stage = stage;
        this.about = about;
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    private static Refusal of(Kind kind, String rule, String detail) {
        return new Refusal(kind, rule, null, null, 0, 0, detail);
    }

    static Refusal invalidDate(String field, String reason) {
        return new Refusal(Kind.INVALID_DATE, "invalid-request", null, field, 0, 0, field + ": " + reason);
    }

    static Refusal hidden(RelationshipId relationshipId) {
        return of(Kind.HIDDEN, "not-found", "there is no relationship " + relationshipId);
    }

    static Refusal unknownPart(String part, String id, RelationshipId relationshipId) {
        return of(Kind.UNKNOWN, "not-found", "relationship " + relationshipId + " has no " + part + " " + id);
    }

    static Refusal unknownPerson(String personId) {
        return of(Kind.UNKNOWN, "not-found",
                "no relationship names person " + personId + " and no personal data of theirs is kept");
    }

    static Refusal forbidden(String detail) {
        return of(Kind.FORBIDDEN, "forbidden", detail);
    }

    static Refusal notAllowedIn(RelationshipId relationshipId, Stage stage, LifecycleAction action) {
        return new Refusal(Kind.NOT_ALLOWED_IN_STAGE, "action-not-allowed", stage, action.name(), 0, 0,
                "relationship " + relationshipId + " is " + stage + "; " + action.refusal() + " (allowed in "
                        + action.allowedIn() + ")");
    }

    static Refusal rule(String rule, Stage stage, String detail) {
        return new Refusal(Kind.RULE, rule, stage, null, 0, 0, detail);
    }

    static Refusal personErased(String personId) {
        return of(Kind.PERSON_ERASED, "person-erased", "the personal data of person " + personId
                + " was erased; nothing more can be recorded about them");
    }

    static Refusal staleVersion(long expected, long current) {
        return new Refusal(Kind.STALE_VERSION, "stale-version", null, null, expected, current,
                "the relationship is at version " + current + ", not at version " + expected + " as expected");
    }

    Kind kind() {
        return kind;
    }

    /** The stable code a client reads, also the problem's type. */
    String rule() {
        return rule;
    }

    /** The stage it was refused in, for {@link Kind#NOT_ALLOWED_IN_STAGE} and {@link Kind#RULE}. */
    Stage stage() {
        return stage;
    }

    /** The action a stage does not allow ({@link Kind#NOT_ALLOWED_IN_STAGE}). */
    String action() {
        return kind == Kind.NOT_ALLOWED_IN_STAGE ? about : null;
    }

    /** The field holding an invalid date ({@link Kind#INVALID_DATE}). */
    String field() {
        return kind == Kind.INVALID_DATE ? about : null;
    }

    /** Why the date is invalid ({@link Kind#INVALID_DATE}). */
    String reason() {
        return getMessage().substring(about.length() + 2);
    }

    long expectedVersion() {
        return expectedVersion;
    }

    long currentVersion() {
        return currentVersion;
    }
}
