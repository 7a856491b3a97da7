package fi.mentoringledger.eventstore.personaldata;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Rotating the key-encryption key, at each start of either service: refuses to start while a stored
 * key is wrapped with a KEK version that is no longer configured (that person's data would fail to
 * open on every read), then rewraps with the current version every key wrapped with another, or
 * stored plain before keys were wrapped.
 *
 * <p>At start-up rather than on an admin's request because the KEKs are read at start-up: rotating
 * is configuring a new current version and restarting, and a service that reports ready holds no
 * key under another version, which is what tells that the old KEK can be retired. No endpoint,
 * with its authorization, is needed. It runs before the service is ready, once per rotation: the
 * table holds one row per person, and a service whose keys are all current only reads it.
 * Instances starting together share the work safely ({@link PersonalDataKeys#rewrapWithTheCurrentKek}).
 */
public class KeyRewrapAtStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(KeyRewrapAtStartup.class);
    private static final int BATCH_SIZE = 500;

    private final PersonalDataKeys keys;
    private final KeyEncryptionKeys keyEncryptionKeys;
    private final boolean rewrap;

    public KeyRewrapAtStartup(PersonalDataKeys keys, KeyEncryptionKeys keyEncryptionKeys) {
        this(keys, keyEncryptionKeys, true);
    }

    /**
     * @param rewrap false in a service whose database role may only read the keys (the
     *               query-service): it checks that every stored version is configured, and leaves
     *               the rewrapping to the command-service, so that the order in which the two start
     *               during a rotation does not matter
     */
    public KeyRewrapAtStartup(PersonalDataKeys keys, KeyEncryptionKeys keyEncryptionKeys, boolean rewrap) {
        this.keys = keys;
        this.keyEncryptionKeys = keyEncryptionKeys;
        this.rewrap = rewrap;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<Integer> unknown = keys.kekVersionsInUseButUnknown();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("personal data keys are stored wrapped with KEK versions " + unknown
                    + ", which is not configured: configure " + ConfiguredKeyEncryptionKeys.KEYS + "." + unknown.get(0)
                    + " again until a start with the current version " + keyEncryptionKeys.currentVersion()
                    + " has rewrapped them");
        }
        if (!rewrap) {
            return;
        }
        int rewrapped = keys.rewrapWithTheCurrentKek(BATCH_SIZE);
        if (rewrapped > 0) {
            log.info("Rewrapped {} personal data keys with KEK version {}; every stored key is wrapped with it now",
                    rewrapped, keyEncryptionKeys.currentVersion());
        }
    }
}
