package fi.mentoringledger.eventstore.personaldata;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys.PersonKey;

/**
 * The first stored form of personal data, text in place of the text:
 * {@code pd1:<key id>:<base64 of IV and AES-GCM ciphertext>}, the key id as associated data, the
 * pair's text sealed twice as text. Events written so are kept for good, so this form is read, never
 * written. Its reader opened envelope after envelope while the text began with {@code pd1:}, so a
 * participant's text that began so could not be read; here it is opened exactly as many times as
 * the field was sealed, and what comes out is the text, whatever it says.
 */
final class LegacyEnvelope {

    static final String PREFIX = "pd1:";
    private static final Pattern FORM = Pattern.compile(
            "pd1:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([A-Za-z0-9+/]+={0,2})");
    /** IV, GCM tag, and the encoding's mark: nothing sealed is shorter. */
    private static final int SHORTEST = Envelope.IV_BYTES + Envelope.TAG_BITS / 8 + 1;

    private record Parsed(UUID keyId, byte[] stored) {
    }

    private LegacyEnvelope() {
    }

    /** Whether the stored text has the form of such an envelope; other text was stored before sealing existed. */
    static boolean isWellFormed(String stored) {
        return parse(stored).isPresent();
    }

    /**
     * The text inside exactly {@code layers} envelopes, or empty when a key is gone. Errors name the
     * field and key ids, never the text.
     */
    static Optional<String> open(String stored, int layers, String field, Function<UUID, Optional<PersonKey>> keys) {
        String text = stored;
        for (int layer = 1; layer <= layers; layer++) {
            Parsed envelope = parse(text).orElseThrow(() -> new IllegalStateException("personal data " + field
                    + " in the form " + PREFIX + " has fewer layers than the " + Envelope.layersCalled(layers)
                    + " of its field"));
            Optional<PersonKey> key = keys.apply(envelope.keyId());
            if (key.isEmpty()) {
                return Optional.empty();
            }
            text = Envelope.decode(openLayer(key.get(), envelope, field));
        }
        return Optional.of(text);
    }

    private static byte[] openLayer(PersonKey key, Parsed envelope, String field) {
        try {
            Cipher cipher = Cipher.getInstance(Envelope.TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secret(),
                    new GCMParameterSpec(Envelope.TAG_BITS, envelope.stored(), 0, Envelope.IV_BYTES));
            cipher.updateAAD(envelope.keyId().toString().getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(envelope.stored(), Envelope.IV_BYTES, envelope.stored().length - Envelope.IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data " + field + " sealed with key " + envelope.keyId()
                    + " does not open with it", e);
        }
    }

    private static Optional<Parsed> parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches() || matcher.group(2).length() % 4 != 0) {
            return Optional.empty();
        }
        byte[] stored;
        try {
            stored = Base64.getDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return stored.length < SHORTEST ? Optional.empty()
                : Optional.of(new Parsed(UUID.fromString(matcher.group(1)), stored));
    }
}
