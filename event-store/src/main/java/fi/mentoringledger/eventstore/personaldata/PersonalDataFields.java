package fi.mentoringledger.eventstore.personaldata;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.PersonalData;

/**
 * Where the {@link PersonalData} of an event type is: each annotated record component, also in
 * records nested in it (the {@code Person}s of a start), as a path into the event's JSON.
 */
final class PersonalDataFields {

    /** The component naming the aggregate, whose first event names the people of the pair. */
    static final String AGGREGATE_ID = "relationshipId";

    /** One annotated component: the path to the object holding it, its name, and whose it is. */
    record Field(List<String> parentPath, String name, String ownerIdIn) {

        /** Where the field is in the event's JSON, as sealing binds it: {@code mentor.name}, {@code privateNotes}. */
        String path() {
            return parentPath.isEmpty() ? name : String.join(".", parentPath) + "." + name;
        }

        /** Text of the pair rather than of one named person. */
        boolean belongsToThePair() {
            return ownerIdIn.isEmpty();
        }

        /** The JSON object holding the field, if the event has one there. */
        ObjectNode parentIn(JsonNode event) {
            JsonNode node = event;
            for (String step : parentPath) {
                node = node.path(step);
            }
            return node instanceof ObjectNode object ? object : null;
        }
    }

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            collect(type, List.of(), fields);
            return List.copyOf(fields);
        }
    };

    private PersonalDataFields() {
    }

    static List<Field> of(Class<?> type) {
        return FIELDS.get(type);
    }

    /** The people whose personal data an event holds, by the ids beside it: the pair, in a first event. */
    static List<String> owners(JsonNode event, List<Field> fields) {
        Set<String> people = new LinkedHashSet<>();
        for (Field field : fields) {
            ObjectNode holder = field.parentIn(event);
            if (!field.belongsToThePair() && holder != null && holder.path(field.ownerIdIn()).isTextual()) {
                people.add(holder.get(field.ownerIdIn()).asText());
            }
        }
        return List.copyOf(people);
    }

    private static void collect(Class<?> type, List<String> path, List<Field> fields) {
        if (!type.isRecord() || path.size() > 3) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            PersonalData personal = component.getAnnotation(PersonalData.class);
            if (personal != null) {
                fields.add(new Field(path, component.getName(), personal.ownerIdIn()));
            } else {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(component.getName());
                collect(component.getType(), deeper, fields);
            }
        }
    }
}
