package fi.mentoringledger.query.support;

import java.time.Instant;
import java.util.Optional;

import fi.mentoringledger.eventstore.EventSerialization;
import fi.mentoringledger.eventstore.personaldata.CryptoShreddingSerializer;
import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys;
import fi.mentoringledger.eventstore.personaldata.ReadModelSealing;
import fi.mentoringledger.eventstore.personaldata.TestKeyEncryptionKeys;

/**
 * The people's keys for projection tests that hand events to the handlers directly. In the
 * services, the command side makes a person's key when it seals the first event naming them, so
 * every person a projection meets has one; these tests write no events, so a key is made the first
 * time a projection asks for it, unless the person was erased.
 */
public final class ReadModelKeys {

    private final PersonalDataKeys keys;
    private final ReadModelSealing sealing;

    public ReadModelKeys(ReadModelDatabase db) {
        this.keys = new PersonalDataKeys(db.jdbc(), TestKeyEncryptionKeys.generated()) {
            @Override
            public Optional<PersonKey> existingKeyToSeal(String personId) {
                return erasure(personId).isPresent() ? Optional.empty() : Optional.of(keyToSeal(personId));
            }
        };
        this.sealing = ((CryptoShreddingSerializer) EventSerialization.sealingEventSerializer(db.jdbc(), keys))
                .readModelSealing();
    }

    public ReadModelSealing sealing() {
        return sealing;
    }

    /** Erases the person's key, as the command side does before it records the erasure's events. */
    public void erase(String personId) {
        keys.erase(personId, "admin", Instant.now());
    }
}
