package fi.mentoringledger.api.relationship;

/**
 * The names of the metadata a command carries and its events keep. Stored events are read back by
 * these names for years: they are part of the contract, like the event names.
 */
public final class MetadataKeys {

    /** The HTTP request that caused the command, so "what else did this request do" has an answer. */
    public static final String CORRELATION_ID = "correlationId";
    /** The signed-in user's name; sealed as personal data when {@link #ACTOR_PERSON_ID} is set. */
    public static final String ACTOR = "actor";
    /** The actor's person id when they are a mentor or mentee: their name is then their personal data. */
    public static final String ACTOR_PERSON_ID = "actorPersonId";
    /** The signed-in caller (roles, person id, programmes): on the command only, never on an event. */
    public static final String CALLER = "caller";

    private MetadataKeys() {
    }
}
