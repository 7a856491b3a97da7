package fi.mentoringledger.eventstore.personaldata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys.PersonKey;

/**
 * The first stored form of personal data, {@code pd1:<key id>:<base64 of IV and AES-GCM ciphertext>},
 * written as the services wrote it until the envelope became a JSON object: events stored then are
 * in users' databases and must go on reading. A copy of that code, kept only to make such values
 * (public for the services' tests, through this module's test-jar).
 */
public final class LegacySealing {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LegacySealing() {
    }

    /** The text sealed with each key in turn, the first key innermost, as the pair's text was. */
    public static String seal(String text, PersonKey... keys) {
        String sealed = text;
        for (PersonKey key : keys) {
            sealed = sealOnce(key, sealed);
        }
        return sealed;
    }

    private static String sealOnce(PersonKey key, String text) {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(128, iv));
            cipher.updateAAD(key.keyId().toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(encode(text));
            byte[] stored = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return "pd1:" + key.keyId() + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encode(String text) {
        if (StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + utf8.length).put((byte) 1).put(utf8).array();
        }
        ByteBuffer units = ByteBuffer.allocate(1 + 2 * text.length()).put((byte) 2);
        units.asCharBuffer().put(text);
        return units.array();
    }
}
