package fi.mentoringledger.eventstore.personaldata;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.eventstore.personaldata.Envelope.Binding;
import fi.mentoringledger.eventstore.personaldata.PersonalDataFields.Field;
import fi.mentoringledger.eventstore.personaldata.PersonalDataFields.Holder;
import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys.PersonKey;

/**
 * Personal data in the read models, sealed as it is in the events (security review item 5): a
 * database, or a backup of it, shows no name and no text of the pair to whoever lacks the
 * key-encryption key, and erasing a person's key makes the read models' copies unreadable too.
 *
 * <p>A copy is sealed with the keys that sealed the events, never with a new one (the query side
 * may not make keys): a person's text with their key, the pair's text with both participants' keys,
 * one layer each, exactly as in the events. Each envelope is bound to its relationship and to its
 * place in the read model ({@code read-model:mentor.name}), so that it opens nowhere else.
 *
 * <p>A sealed value is always a JSON object, never a string, so no text a person wrote can pass
 * for one: an envelope, or {@code {"plain": …}} for the text of a person who has no key because
 * all their data was written before sealing existed (the events hold it plain as well). A string
 * in a read model is a copy made before read models were sealed, and reads as it is. The text of an
 * erased person is not copied at all.
 */
public final class ReadModelSealing {

    private static final String PLAIN = "plain";
    private static final String PLACE = "read-model:";

    private final PersonalDataKeys keys;
    private final RelationshipParticipants participants;
    private final ObjectMapper json;

    ReadModelSealing(PersonalDataKeys keys, RelationshipParticipants participants, ObjectMapper json) {
        this.keys = keys;
        this.participants = participants;
        this.json = json;
    }

    /**
     * A person's own text (their name, their user name), as the JSON to store in a {@code jsonb}
     * column: null when there is no text or the person was erased.
     */
    public String sealPersons(String personId, String text, String relationshipId, String place) {
        if (text == null || personId == null) {
            return null;
        }
        return column(sealed(keysOf(List.of(personId)), json.getNodeFactory().textNode(text), relationshipId, place));
    }

    /** Text of the pair, with both participants' keys, as {@link #sealPersons} stores it; null likewise. */
    public String sealThePairs(String text, String relationshipId, String place) {
        if (text == null) {
            return null;
        }
        return column(sealed(keysOf(participants.of(relationshipId)), json.getNodeFactory().textNode(text),
                relationshipId, place));
    }

    /** What {@link #sealPersons} stored; empty when nothing was, or the person's key is gone. */
    public Optional<String> openPersons(String column, String relationshipId, String place) {
        return opened(parse(column), 1, relationshipId, PLACE + place, false).map(JsonNode::asText);
    }

    /** What {@link #sealThePairs} stored; empty when nothing was, or either participant's key is gone. */
    public Optional<String> openThePairs(String column, String relationshipId, String place) {
        if (column == null) {
            return Optional.empty();
        }
        return opened(parse(column), participants.of(relationshipId).size(), relationshipId, PLACE + place, false)
                .map(JsonNode::asText);
    }

    private static String column(JsonNode sealed) {
        return sealed == null ? null : sealed.toString();
    }

    private JsonNode parse(String column) {
        if (column == null) {
            return null;
        }
        try {
            return json.readTree(column);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sealed read-model value is not JSON", e);
        }
    }

    /**
     * The people of a relationship, as its first event names them, while that event is projected:
     * the pair's text that follows is sealed with their keys without asking the event store.
     */
    public void knowThePair(String relationshipId, List<String> people) {
        if (!people.isEmpty()) {
            participants.named(relationshipId, people);
        }
    }

    /**
     * Seals in place every {@link fi.mentoringledger.api.relationship.PersonalData} field of
     * {@code eventType} that {@code copy} holds: an event's JSON, or the part of it a read model
     * keeps. Blank text and empty lists hold nothing of anyone and stay; the text of an erased
     * person becomes null (an empty list for a list).
     */
    public void sealFieldsOf(ObjectNode copy, Class<?> eventType, String relationshipId) {
        List<String> named = PersonalDataFields.owners(copy, PersonalDataFields.of(eventType));
        if (!named.isEmpty()) {
            knowThePair(relationshipId, named);
        }
        for (Field field : PersonalDataFields.of(eventType)) {
            for (Holder holder : field.holdersIn(copy)) {
                JsonNode value = holder.node().get(field.name());
                boolean text = value != null && value.isTextual() && !value.asText().isBlank();
                boolean list = value != null && value.isArray() && !value.isEmpty();
                if (!text && !list) {
                    continue;
                }
                List<String> owners = field.belongsToThePair() ? participants.of(relationshipId)
                        : ownerOf(holder, field);
                JsonNode sealed = sealed(keysOf(owners), value, relationshipId, holder.path());
                if (sealed == null) {
                    erase(holder, field);
                } else {
                    holder.node().set(field.name(), sealed);
                }
            }
        }
    }

    /**
     * Opens in place what {@link #sealFieldsOf} sealed; a value whose key is gone becomes null (an
     * empty list for a list), as the events read once a person is erased.
     */
    public void openFieldsOf(ObjectNode copy, Class<?> eventType, String relationshipId) {
        for (Field field : PersonalDataFields.of(eventType)) {
            for (Holder holder : field.holdersIn(copy)) {
                JsonNode value = holder.node().get(field.name());
                if (value == null || !value.isObject()) {
                    continue;
                }
                int layers = field.belongsToThePair() ? participants.of(relationshipId).size() : 1;
                Optional<JsonNode> opened = opened(value, layers, relationshipId, PLACE + holder.path(), field.list());
                if (opened.isPresent()) {
                    holder.node().set(field.name(), opened.get());
                } else {
                    erase(holder, field);
                }
            }
        }
    }

    private static List<String> ownerOf(Holder holder, Field field) {
        String owner = holder.node().path(field.ownerIdIn()).asText(null);
        if (owner == null) {
            throw new IllegalStateException("personal data " + holder.path() + " names no person in "
                    + field.ownerIdIn());
        }
        return List.of(owner);
    }

    private static void erase(Holder holder, Field field) {
        if (field.list()) {
            holder.node().putArray(field.name());
        } else {
            holder.node().putNull(field.name());
        }
    }

    /**
     * Each person's key; null when any of them was erased, an empty list when any has no key (and
     * none was erased). An erasure is looked up only for a person without a key, as erasing deletes it.
     */
    private List<PersonKey> keysOf(List<String> people) {
        List<PersonKey> found = new ArrayList<>();
        boolean someoneHasNoKey = false;
        for (String person : people) {
            Optional<PersonKey> key = keys.existingKeyToSeal(person);
            if (key.isPresent()) {
                found.add(key.get());
            } else if (keys.erasure(person).isPresent()) {
                return null;
            } else {
                someoneHasNoKey = true;
            }
        }
        return someoneHasNoKey ? List.of() : found;
    }

    private JsonNode sealed(List<PersonKey> sealingKeys, JsonNode value, String relationshipId, String place) {
        if (sealingKeys == null) {
            return null;
        }
        if (sealingKeys.isEmpty()) {
            return json.createObjectNode().set(PLAIN, value);
        }
        String text = value.isTextual() ? value.asText() : value.toString();
        return Envelope.seal(sealingKeys, text, new Binding(relationshipId, PLACE + place));
    }

    /** {@code list}: the field holds a list of texts, sealed as its JSON; the reader says so, not the value. */
    private Optional<JsonNode> opened(JsonNode sealed, int layers, String relationshipId, String place, boolean list) {
        if (sealed == null || sealed.isNull()) {
            return Optional.empty();
        }
        if (sealed.isTextual()) {
            return Optional.of(sealed);
        }
        if (sealed.isObject() && sealed.has(PLAIN)) {
            return Optional.of(sealed.get(PLAIN));
        }
        return Envelope.open(sealed, layers, new Binding(relationshipId, place), keys::keyToOpen)
                .map(text -> list ? CryptoShreddingSerializer.listOf(json, text) : json.getNodeFactory().textNode(text));
    }
}
