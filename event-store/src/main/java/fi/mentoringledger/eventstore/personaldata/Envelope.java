package fi.mentoringledger.eventstore.personaldata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys.PersonKey;

/**
 * Personal data as stored: {@code pd1:<key id>:<base64 of IV and AES-GCM ciphertext>}. The key id
 * is authenticated with the text, so an envelope cannot be passed off as sealed with another
 * person's key. Text that belongs to two people is sealed twice, once with each key, and so needs
 * both keys to read: erasing either person erases it.
 */
final class Envelope {

    static final String PREFIX = "pd1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte UTF_8 = 1;
    private static final byte UTF_16_UNITS = 2;

    private Envelope() {
    }

    static boolean isSealed(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    static String seal(PersonKey key, String text) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(key.keyId().toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(encode(text));
            byte[] stored = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return PREFIX + key.keyId() + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt personal data", e);
        }
    }

    /**
     * UTF-8, marked by a first byte; text that UTF-8 cannot hold (a lone surrogate, which JSON can
     * carry) as its UTF-16 code units, so that every text comes back exactly as it was written.
     */
    private static byte[] encode(String text) {
        if (StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + utf8.length).put(UTF_8).put(utf8).array();
        }
        ByteBuffer units = ByteBuffer.allocate(1 + 2 * text.length()).put(UTF_16_UNITS);
        units.asCharBuffer().put(text);
        return units.array();
    }

    private static String decode(byte[] plain) {
        if (plain.length > 0 && plain[0] == UTF_8) {
            return new String(plain, 1, plain.length - 1, StandardCharsets.UTF_8);
        }
        if (plain.length > 0 && plain[0] == UTF_16_UNITS) {
            return ByteBuffer.wrap(plain, 1, plain.length - 1).slice().asCharBuffer().toString();
        }
        throw new IllegalStateException("personal data in an unknown encoding");
    }

    /**
     * The text inside an envelope, or empty when its key is gone. An envelope that does not open
     * with its own key was tampered with: that is an error, not an erasure.
     */
    static Optional<String> open(String envelope, Function<UUID, Optional<PersonKey>> keys) {
        int keyEnd = envelope.indexOf(':', PREFIX.length());
        if (keyEnd < 0) {
            throw new IllegalStateException("malformed personal data envelope");
        }
        UUID keyId = UUID.fromString(envelope.substring(PREFIX.length(), keyEnd));
        Optional<PersonKey> key = keys.apply(keyId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] stored = Base64.getDecoder().decode(envelope.substring(keyEnd + 1));
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.get().secret(), new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(keyId.toString().getBytes(StandardCharsets.US_ASCII));
            return Optional.of(decode(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data sealed with key " + keyId + " does not open with it", e);
        }
    }
}
