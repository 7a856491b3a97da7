package fi.mentoringledger.eventstore.personaldata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys.PersonKey;

/**
 * Personal data as stored: a JSON object in place of the text,
 * {@code {"sealed":"pd2","keys":[<outer key id>, …, <inner key id>],"data":<base64>}}. A client's
 * text is always a JSON string, so no text, whatever it says, can be taken for an envelope.
 *
 * <p>Text that belongs to two people is sealed once with each key, one layer inside the other as
 * bytes (a layer's plaintext is the next one's IV and ciphertext), and so needs both keys to read:
 * erasing either person erases it. The reader says how many layers it expects, from the kind of
 * field, and nothing in the content can make it open more or fewer.
 *
 * <p>Each layer's AES-GCM associated data is the format, the layer's key id, and where the value
 * belongs ({@link Binding}): an envelope copied into another field or another relationship's event
 * does not open, which is an error, as tampering is.
 */
final class Envelope {

    static final String VERSION = "pd2";
    static final String SEALED = "sealed";
    static final String KEYS = "keys";
    static final String DATA = "data";

    static final String TRANSFORMATION = "AES/GCM/NoPadding";
    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte UTF_8 = 1;
    private static final byte UTF_16_UNITS = 2;

    /**
     * Where a sealed value belongs: the relationship (for the actor in metadata, which is serialized
     * apart from its event, the actor's person id) and the field's path in the event
     * ({@code mentor.name}, {@code privateNotes}, {@code metadata.actor}).
     */
    record Binding(String scope, String field) {
    }

    private Envelope() {
    }

    /** Seals the text with each key in turn, the first innermost. */
    static ObjectNode seal(List<PersonKey> keys, String text, Binding binding) {
        byte[] layer = encode(text);
        List<UUID> outerFirst = new ArrayList<>();
        for (PersonKey key : keys) {
            layer = sealLayer(key, layer, binding);
            outerFirst.add(0, key.keyId());
        }
        ObjectNode envelope = JsonNodeFactory.instance.objectNode().put(SEALED, VERSION);
        ArrayNode ids = envelope.putArray(KEYS);
        outerFirst.forEach(id -> ids.add(id.toString()));
        return envelope.put(DATA, Base64.getEncoder().encodeToString(layer));
    }

    private static byte[] sealLayer(PersonKey key, byte[] plain, Binding binding) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(key.keyId(), binding));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt personal data " + binding.field(), e);
        }
    }

    /**
     * The text in an envelope of exactly {@code layers} layers, or empty when any of its keys is gone
     * (its person was erased). Anything else that keeps it from opening is an error, and the error
     * names key ids and the field, never what the envelope holds.
     */
    static Optional<String> open(JsonNode envelope, int layers, Binding binding,
            Function<UUID, Optional<PersonKey>> keys) {
        if (!envelope.isObject() || !VERSION.equals(envelope.path(SEALED).asText(null))
                || !envelope.path(KEYS).isArray() || !envelope.path(DATA).isTextual()) {
            throw new IllegalStateException("personal data " + binding.field() + " of " + binding.scope()
                    + " is not an envelope of the form " + VERSION);
        }
        List<UUID> keyIds = keyIds(envelope.get(KEYS), binding);
        if (keyIds.size() != layers) {
            throw new IllegalStateException("personal data " + binding.field() + " of " + binding.scope() + " has "
                    + layersCalled(keyIds.size()) + " where its field has " + layersCalled(layers));
        }
        List<PersonKey> found = new ArrayList<>();
        for (UUID keyId : keyIds) {
            Optional<PersonKey> key = keys.apply(keyId);
            if (key.isEmpty()) {
                return Optional.empty();
            }
            found.add(key.get());
        }
        byte[] layer;
        try {
            layer = Base64.getDecoder().decode(envelope.get(DATA).asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("personal data " + binding.field() + " of " + binding.scope()
                    + " holds no base64");
        }
        for (PersonKey key : found) {
            layer = openLayer(key, layer, binding);
        }
        return Optional.of(decode(layer));
    }

    static String layersCalled(int count) {
        return count == 1 ? "1 layer" : count + " layers";
    }

    private static List<UUID> keyIds(JsonNode ids, Binding binding) {
        List<UUID> keyIds = new ArrayList<>();
        for (JsonNode id : ids) {
            try {
                UUID keyId = UUID.fromString(id.asText(""));
                if (!keyId.toString().equals(id.asText())) {
                    throw new IllegalArgumentException();
                }
                keyIds.add(keyId);
            } catch (IllegalArgumentException e) {
                // Not chained: UUID's own message quotes the value.
                throw new IllegalStateException("personal data " + binding.field() + " of " + binding.scope()
                        + " names a key that is no key id");
            }
        }
        return keyIds;
    }

    private static byte[] openLayer(PersonKey key, byte[] layer, Binding binding) {
        if (layer.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("personal data " + binding.field() + " of " + binding.scope()
                    + " sealed with key " + key.keyId() + " is too short to be sealed");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, layer, 0, IV_BYTES));
            cipher.updateAAD(associatedData(key.keyId(), binding));
            return cipher.doFinal(layer, IV_BYTES, layer.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data " + binding.field() + " of " + binding.scope()
                    + " sealed with key " + key.keyId() + " does not open with it: changed, or moved from another field"
                    + " or event", e);
        }
    }

    /** Format, key id, scope and field, each preceded by its length, so that no two bindings read the same. */
    private static byte[] associatedData(UUID keyId, Binding binding) {
        List<byte[]> parts = List.of(VERSION.getBytes(StandardCharsets.UTF_8),
                keyId.toString().getBytes(StandardCharsets.UTF_8),
                String.valueOf(binding.scope()).getBytes(StandardCharsets.UTF_8),
                binding.field().getBytes(StandardCharsets.UTF_8));
        ByteBuffer data = ByteBuffer.allocate(parts.stream().mapToInt(part -> Integer.BYTES + part.length).sum());
        parts.forEach(part -> data.putInt(part.length).put(part));
        return data.array();
    }

    /**
     * UTF-8, marked by a first byte; text that UTF-8 cannot hold (a lone surrogate, which JSON can
     * carry) as its UTF-16 code units, so that every text comes back exactly as it was written.
     */
    static byte[] encode(String text) {
        if (StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + utf8.length).put(UTF_8).put(utf8).array();
        }
        ByteBuffer units = ByteBuffer.allocate(1 + 2 * text.length()).put(UTF_16_UNITS);
        units.asCharBuffer().put(text);
        return units.array();
    }

    static String decode(byte[] plain) {
        if (plain.length > 0 && plain[0] == UTF_8) {
            return new String(plain, 1, plain.length - 1, StandardCharsets.UTF_8);
        }
        if (plain.length > 0 && plain[0] == UTF_16_UNITS) {
            return ByteBuffer.wrap(plain, 1, plain.length - 1).slice().asCharBuffer().toString();
        }
        throw new IllegalStateException("personal data in an unknown encoding");
    }
}
