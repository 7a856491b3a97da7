package fi.mentoringledger.eventstore.personaldata;

import java.util.UUID;

/**
 * The key-encryption keys (KEKs) that wrap the per-person data keys, so that the key table alone
 * (a database reader, a backup) opens no personal data. They are versioned so that they can be
 * rotated: new keys are wrapped with the current version, and a key wrapped with an older one
 * opens as long as that version is known. Configuration holds them today
 * ({@link ConfiguredKeyEncryptionKeys}); a key management service could implement this instead.
 *
 * <p>A wrapped key is bound to its key id and person: moved to another row, it does not unwrap.
 * No method puts key material into an exception message.
 */
public interface KeyEncryptionKeys {

    /** A data key as stored: wrapped with the KEK of {@code kekVersion}. */
    record WrappedKey(int kekVersion, byte[] wrapped) {
    }

    /** The version that new keys are wrapped with. */
    int currentVersion();

    /** Whether keys wrapped with this version can be unwrapped. */
    boolean knows(int kekVersion);

    /** The data key wrapped with the current version, for the row of this key id and person. */
    WrappedKey wrap(UUID keyId, String personId, byte[] dataKey);

    /**
     * The data key, unwrapped.
     *
     * @throws IllegalStateException when its version is unknown, or it was changed or moved from
     *         another row
     */
    byte[] unwrap(UUID keyId, String personId, WrappedKey wrapped);
}
