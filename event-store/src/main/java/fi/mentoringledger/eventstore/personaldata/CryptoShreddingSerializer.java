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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.PersonalData;
import fi.mentoringledger.eventstore.personaldata.PersonalDataFields.Field;
import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys.PersonKey;

/**
 * Crypto-shredding for stored events, around the JSON serializer: on the way in, every
 * {@link PersonalData} field is sealed with its person's key ({@link Envelope}), and so is the acting
 * user's name in the metadata when the actor is a participant; on the way out it is opened, or read
 * as {@code null} when the key is gone. Aggregates and projections see plain events either way.
 * Text written before this existed is not sealed and reads as it was.
 */
public class CryptoShreddingSerializer implements Serializer {

    /** Metadata: the acting user's name, and their person id when they are a mentor or mentee. */
    public static final String ACTOR = "actor";
    public static final String ACTOR_PERSON_ID = "actorPersonId";

    private final Serializer delegate;
    private final ObjectMapper json;
    private final PersonalDataKeys keys;
    private final RelationshipParticipants participants;

    public CryptoShreddingSerializer(Serializer delegate, ObjectMapper json, JdbcClient jdbc, PersonalDataKeys keys) {
        this.delegate = delegate;
        this.json = json;
        this.keys = keys;
        this.participants = new RelationshipParticipants(jdbc, json, delegate);
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

    private void seal(ObjectNode event, Field field) {
        ObjectNode holder = field.parentIn(event);
        JsonNode value = holder == null ? null : holder.get(field.name());
        if (value == null || !value.isTextual()) {
            return;
        }
        String sealed = value.asText();
        for (PersonKey key : sealingKeys(event, holder, field)) {
            sealed = Envelope.seal(key, sealed);
        }
        holder.put(field.name(), sealed);
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

    private void open(JsonNode event, Field field) {
        ObjectNode holder = field.parentIn(event);
        JsonNode value = holder == null ? null : holder.get(field.name());
        if (value != null && value.isTextual()) {
            Optional<String> text = openAll(value.asText());
            holder.put(field.name(), text.orElse(null));
        }
    }

    /** Opens envelope after envelope (the pair's text has one per person); empty when any key is gone. */
    private Optional<String> openAll(String stored) {
        Optional<String> text = Optional.of(stored);
        while (text.isPresent() && Envelope.isSealed(text.get())) {
            text = Envelope.open(text.get(), keys::keyToOpen);
        }
        return text;
    }

    private MetaData sealActor(MetaData metaData) {
        Object actor = metaData.get(ACTOR);
        Object personId = metaData.get(ACTOR_PERSON_ID);
        if (!(actor instanceof String name) || !(personId instanceof String owner)) {
            return metaData;
        }
        Map<String, Object> sealed = new HashMap<>(metaData);
        try {
            sealed.put(ACTOR, Envelope.seal(keys.keyToSeal(owner), name));
        } catch (PersonErasedException e) {
            // An erased person still signed in: what they do is recorded, their name is not.
            sealed.put(ACTOR, null);
        }
        return MetaData.from(sealed);
    }

    private MetaData openActor(MetaData metaData) {
        Object actor = metaData.get(ACTOR);
        if (!(actor instanceof String stored) || !Envelope.isSealed(stored)) {
            return metaData;
        }
        Map<String, Object> opened = new HashMap<>(metaData);
        opened.put(ACTOR, openAll(stored).orElse(null));
        return MetaData.from(opened);
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
