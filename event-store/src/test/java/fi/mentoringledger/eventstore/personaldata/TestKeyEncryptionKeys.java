package fi.mentoringledger.eventstore.personaldata;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Key-encryption keys made when the tests run: none is written in the repository. */
public final class TestKeyEncryptionKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeyEncryptionKeys() {
    }

    /** A new KEK: base64 of 32 random bytes. */
    public static String newKek() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A single new KEK, version 1. */
    public static KeyEncryptionKeys generated() {
        return configured(1, Map.of(1, newKek()));
    }

    /** These versions' KEKs as the configuration gives them, {@code current} wrapping new keys. */
    public static KeyEncryptionKeys configured(int current, Map<Integer, String> kekByVersion) {
        Map<String, String> properties = new HashMap<>();
        properties.put(ConfiguredKeyEncryptionKeys.CURRENT, Integer.toString(current));
        kekByVersion.forEach((version, kek) -> properties.put(ConfiguredKeyEncryptionKeys.KEYS + "." + version, kek));
        return ConfiguredKeyEncryptionKeys.from(properties);
    }
}
