package fi.mentoringledger.eventstore.personaldata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Key-encryption keys from configuration: {@code mentoring.personal-data.kek.current} names the
 * version that wraps new keys, {@code mentoring.personal-data.kek.keys.<version>} holds each
 * version's key as base64 of 32 random bytes. There is no default: without them the services do
 * not start, since a key made without a KEK could never be opened once one is configured.
 *
 * <p>A key is wrapped with AES-256-GCM (rather than the JDK's AES key wrap) for its associated
 * data: the format, the KEK version, the key id and the person id, so that a wrapped key copied
 * into another person's row, or given another version, does not unwrap. Stored: IV, ciphertext, tag.
 */
public final class ConfiguredKeyEncryptionKeys implements KeyEncryptionKeys {

    public static final String PREFIX = "mentoring.personal-data.kek";
    public static final String CURRENT = PREFIX + ".current";
    public static final String KEYS = PREFIX + ".keys";

    private static final String FORMAT = "pdk1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HOW = " to base64 of 32 random bytes (head -c 32 /dev/urandom | base64), the same in"
            + " both services and kept as long as the data (README, Configuration)";

    private final int current;
    private final Map<Integer, SecretKey> keys;

    private ConfiguredKeyEncryptionKeys(int current, Map<Integer, SecretKey> keys) {
        this.current = current;
        this.keys = Collections.unmodifiableSortedMap(new TreeMap<>(keys));
    }

    /** The KEKs of the service's configuration (properties or environment variables). */
    public static ConfiguredKeyEncryptionKeys from(Environment environment) {
        return from(Binder.get(environment));
    }

    /** The KEKs of these properties ({@code mentoring.personal-data.kek.*}): for tests and tools. */
    public static ConfiguredKeyEncryptionKeys from(Map<String, String> properties) {
        return from(new Binder(new MapConfigurationPropertySource(properties)));
    }

    private static ConfiguredKeyEncryptionKeys from(Binder binder) {
        // Bound as text and parsed here, so that no message of a failed conversion can quote a key.
        Map<String, String> encoded = binder.bind(KEYS, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        String currentText = binder.bind(CURRENT, String.class).orElse(null);
        if (encoded.isEmpty() || currentText == null) {
            throw new IllegalStateException("no key-encryption key for personal data: set " + CURRENT
                    + " (MENTORING_PERSONALDATA_KEK_CURRENT) to a version, and " + KEYS
                    + ".<version> (MENTORING_PERSONALDATA_KEK_KEYS_<version>)" + HOW);
        }
        int current = version(currentText, CURRENT);
        Map<Integer, SecretKey> keys = new HashMap<>();
        encoded.forEach((version, key) -> keys.put(version(version, KEYS + "." + version), key(key, version)));
        if (!keys.containsKey(current)) {
            throw new IllegalStateException(CURRENT + " is " + current + " but " + KEYS + "." + current
                    + " is not set: set it" + HOW);
        }
        return new ConfiguredKeyEncryptionKeys(current, keys);
    }

    private static int version(String text, String property) {
        try {
            int version = Integer.parseInt(text.strip());
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalStateException(property + " must name a KEK version, a whole number from 1");
    }

    private static SecretKey key(String base64, String version) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // Not chained: the decoder's message quotes a character of the key.
            throw new IllegalStateException(KEYS + "." + version + " is not base64: set it" + HOW);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(KEYS + "." + version + " holds " + key.length + " bytes: set it" + HOW);
        }
        return new SecretKeySpec(key, "AES");
    }

    @Override
    public int currentVersion() {
        return current;
    }

    @Override
    public boolean knows(int kekVersion) {
        return keys.containsKey(kekVersion);
    }

    @Override
    public WrappedKey wrap(UUID keyId, String personId, byte[] dataKey) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(current, keyId, personId));
            byte[] sealed = cipher.doFinal(dataKey);
            return new WrappedKey(current, ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not wrap personal data key " + keyId + " with KEK version " + current,
                    e);
        }
    }

    @Override
    public byte[] unwrap(UUID keyId, String personId, WrappedKey wrapped) {
        SecretKey kek = keys.get(wrapped.kekVersion());
        if (kek == null) {
            throw new IllegalStateException("personal data key " + keyId + " is wrapped with KEK version "
                    + wrapped.kekVersion() + ", which is not configured (" + KEYS + "." + wrapped.kekVersion() + ")");
        }
        byte[] stored = wrapped.wrapped();
        try {
            if (stored.length < IV_BYTES + TAG_BITS / 8) {
                throw new GeneralSecurityException("too short");
            }
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(associatedData(wrapped.kekVersion(), keyId, personId));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            // Not chained: nothing a cipher says is needed to act, and the key id says where to look.
            throw new IllegalStateException("personal data key " + keyId + " does not unwrap with KEK version "
                    + wrapped.kekVersion() + ": another KEK under that version, or changed, or moved from another row");
        }
    }

    /** Format, version, key id and person id, each preceded by its length, so that no two rows read the same. */
    private static byte[] associatedData(int version, UUID keyId, String personId) {
        List<byte[]> parts = List.of(FORMAT.getBytes(StandardCharsets.UTF_8),
                Integer.toString(version).getBytes(StandardCharsets.UTF_8),
                keyId.toString().getBytes(StandardCharsets.UTF_8),
                personId.getBytes(StandardCharsets.UTF_8));
        ByteBuffer data = ByteBuffer.allocate(parts.stream().mapToInt(part -> Integer.BYTES + part.length).sum());
        parts.forEach(part -> data.putInt(part.length).put(part));
        return data.array();
    }

    /** Versions only: never the keys. */
    @Override
    public String toString() {
        return "KEKs from configuration, current version " + current + ", versions " + keys.keySet();
    }
}
