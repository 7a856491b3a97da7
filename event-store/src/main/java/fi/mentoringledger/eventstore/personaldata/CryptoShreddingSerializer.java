package fi.mentoringledger.eventstore.personaldata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SerializedMetaData;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.MetadataKeys;
import fi.mentoringledger.api.relationship.PersonalData;
import fi.mentoringledger.eventstore.personaldata.Envelope.Binding;
import fi.mentoringledger.eventstore.personaldata.PersonalDataFields.Field;
import fi.mentoringledger.eventstore.personaldata.PersonalDataFields.Holder;
import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys.PersonKey;

/**
 * Crypto-shredding for stored events, around the JSON serializer: on the way in, every
 * {@link PersonalData} field is sealed with its person's key ({@link Envelope}), and so is the acting
 * user's name in the metadata when the actor is a participant; on the way out it is opened, or read
 * as {@code null} when the key is gone. Aggregates and projections see plain events either way.
 *
 * <p>A sealed value is a JSON object where the text was, and only an object is opened: a string
 * is a participant's text, never an envelope. How many layers a value has is fixed by its field, one
 * for a person's name or the actor, one per participant for the pair's text. Strings in the first
 * stored form ({@link LegacyEnvelope}) are opened that many times exactly; any other string was
 * stored before sealing existed and reads as it was.
 */
public class CryptoShreddingSerializer implements Serializer {

    /** Metadata: the acting user's name, and their person id when they are a mentor or mentee. */
    public static final String ACTOR = MetadataKeys.ACTOR;
    public static final String ACTOR_PERSON_ID = MetadataKeys.ACTOR_PERSON_ID;

    /**
     * The actor's binding: metadata is serialized apart from its event, so nothing here names the
     * relationship or the event; the sealed name is bound to its field and to the person it names,
     * whose key alone opens it, so that it cannot be passed off as another person's name.
     */
    private static final String ACTOR_FIELD = "metadata.actor";
    private static final TypeReference<Map<String, Object>> AS_MAP = new TypeReference<>() {
    };

    private final Serializer delegate;
    private final ObjectMapper json;
    private final PersonalDataKeys keys;
    private final RelationshipParticipants participants;
    private final ReadModelSealing readModelSealing;

    public CryptoShreddingSerializer(Serializer delegate, ObjectMapper json, JdbcClient jdbc, PersonalDataKeys keys) {
        this.delegate = delegate;
        this.json = json;
        this.keys = keys;
        this.participants = new RelationshipParticipants(jdbc, json, delegate);
        this.readModelSealing = new ReadModelSealing(keys, participants, json);
    }

    /** Sealing for the read models' copies, with this serializer's keys and its knowledge of each pair. */
    public ReadModelSealing readModelSealing() {
        return readModelSealing;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object instanceof MetaData metaData) {
            return delegate.serialize(sealActor(metaData), expectedRepresentation);
        }
        List<Field> fields = object == null ? List.of() : PersonalDataFields.of(object.getClass());
        if (fields.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode event = json.valueToTree(object);
        List<String> named = PersonalDataFields.owners(event, fields);
        String relationshipId = relationshipIdOf(event);
        if (!named.isEmpty() && relationshipId != null) {
            participants.named(relationshipId, named);
        }
        fields.forEach(field -> seal(event, field));
        try {
            byte[] bytes = json.writeValueAsBytes(event);
            return new SimpleSerializedObject<>(getConverter().convert(bytes, byte[].class, expectedRepresentation),
                    expectedRepresentation, typeForClass(object.getClass()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + object.getClass().getSimpleName() + " as JSON", e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        if (SerializedMetaData.isSerializedMetaData(serialized)) {
            return (T) openActor(delegate.deserialize(serialized));
        }
        List<Field> fields = PersonalDataFields.of(classForType(serialized.getType()));
        if (fields.isEmpty()) {
            return delegate.deserialize(serialized);
        }
        JsonNode event = getConverter().convert(serialized, JsonNode.class).getData().deepCopy();
        fields.forEach(field -> open(event, field));
        return delegate.deserialize(new SimpleSerializedObject<>(event, JsonNode.class, serialized.getType()));
    }

    /**
     * A text is sealed as it is; a list of texts as its JSON, so the list's length is sealed too.
     * A blank text or an empty list holds nothing of anyone and stays as it is, so that the facts
     * beside it can still be recorded once a participant's key is gone.
     */
    private void seal(ObjectNode event, Field field) {
        for (Holder holder : field.holdersIn(event)) {
            JsonNode value = holder.node().get(field.name());
            String plain;
            if (value == null) {
                continue;
            } else if (field.list() && value.isArray() && !value.isEmpty()) {
                plain = value.toString();
            } else if (!field.list() && value.isTextual() && !value.asText().isBlank()) {
                plain = value.asText();
            } else {
                continue;
            }
            holder.node().set(field.name(), Envelope.seal(sealingKeys(event, holder.node(), field), plain,
                    bindingOf(event, holder)));
        }
    }

    private List<PersonKey> sealingKeys(ObjectNode event, ObjectNode holder, Field field) {
        if (!field.belongsToThePair()) {
            String owner = holder.path(field.ownerIdIn()).asText(null);
            if (owner == null) {
                throw new IllegalStateException("personal data " + field.name() + " names no person in "
                        + field.ownerIdIn());
            }
            return List.of(keys.keyToSeal(owner));
        }
        String relationshipId = relationshipIdOf(event);
        if (relationshipId == null) {
            throw new IllegalStateException("the pair's text " + field.name() + " names no relationship");
        }
        return participants.of(relationshipId).stream().map(keys::keyToSeal).toList();
    }

    private static String relationshipIdOf(JsonNode event) {
        JsonNode aggregate = event.path(PersonalDataFields.AGGREGATE_ID);
        return aggregate.isObject() ? aggregate.path("value").asText(null) : aggregate.asText(null);
    }

    private static Binding bindingOf(JsonNode event, Holder holder) {
        return new Binding(relationshipIdOf(event), holder.path());
    }

    private void open(JsonNode event, Field field) {
        for (Holder holder : field.holdersIn(event)) {
            JsonNode value = holder.node().get(field.name());
            Optional<String> opened;
            if (value == null) {
                continue;
            } else if (value.isObject()) {
                opened = Envelope.open(value, layers(event, field), bindingOf(event, holder), keys::keyToOpen);
            } else if (field.mayHoldLegacyEnvelopes() && value.isTextual() && LegacyEnvelope.isWellFormed(value.asText())) {
                opened = LegacyEnvelope.open(value.asText(), layers(event, field), holder.path(), keys::keyToOpen);
            } else {
                continue;
            }
            holder.node().set(field.name(), opened.map(plain -> field.list() ? listOf(json, plain) : json.getNodeFactory()
                    .textNode(plain)).orElse(null));
        }
    }

    /** A sealed list is the JSON of an array of texts, written by {@link #seal}. */
    static JsonNode listOf(ObjectMapper json, String sealedJson) {
        try {
            JsonNode list = json.readTree(sealedJson);
            if (!list.isArray()) {
                throw new IllegalStateException("a sealed list holds no list");
            }
            return list;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sealed list holds no JSON", e);
        }
    }

    /** How many layers the field was sealed with: one person's, or each participant's of the pair. */
    private int layers(JsonNode event, Field field) {
        if (!field.belongsToThePair()) {
            return 1;
        }
        String relationshipId = relationshipIdOf(event);
        if (relationshipId == null) {
            throw new IllegalStateException("the pair's text " + field.name() + " names no relationship");
        }
        return participants.of(relationshipId).size();
    }

    private MetaData sealActor(MetaData metaData) {
        Object actor = metaData.get(ACTOR);
        Object personId = metaData.get(ACTOR_PERSON_ID);
        if (!(actor instanceof String name) || !(personId instanceof String owner)) {
            return metaData;
        }
        Map<String, Object> sealed = new HashMap<>(metaData);
        try {
            sealed.put(ACTOR, json.convertValue(Envelope.seal(List.of(keys.keyToSeal(owner)), name,
                    new Binding(owner, ACTOR_FIELD)), AS_MAP));
        } catch (PersonErasedException e) {
            // An erased person still signed in: what they do is recorded, their name is not.
            sealed.put(ACTOR, null);
        }
        return MetaData.from(sealed);
    }

    /**
     * A sealed actor is a map; a string is a name as it was written, unless it is a participant's
     * name in the first stored form, which only ever stood beside their person id.
     */
    private MetaData openActor(MetaData metaData) {
        Object actor = metaData.get(ACTOR);
        Object personId = metaData.get(ACTOR_PERSON_ID);
        Optional<String> opened;
        if (actor instanceof Map<?, ?> sealed) {
            if (!(personId instanceof String owner)) {
                throw new IllegalStateException("personal data " + ACTOR_FIELD + " is sealed but names no "
                        + ACTOR_PERSON_ID);
            }
            opened = Envelope.open(json.valueToTree(sealed), 1, new Binding(owner, ACTOR_FIELD), keys::keyToOpen);
        } else if (actor instanceof String stored && personId instanceof String && LegacyEnvelope.isWellFormed(stored)) {
            opened = LegacyEnvelope.open(stored, 1, ACTOR_FIELD, keys::keyToOpen);
        } else {
            return metaData;
        }
        Map<String, Object> plain = new HashMap<>(metaData);
        plain.put(ACTOR, opened.orElse(null));
        return MetaData.from(plain);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
