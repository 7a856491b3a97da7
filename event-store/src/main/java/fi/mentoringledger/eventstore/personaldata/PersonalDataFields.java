package fi.mentoringledger.eventstore.personaldata;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.PersonalData;

/**
 * Where the {@link PersonalData} of an event type is: each annotated record component, also in
 * records nested in it (the {@code Person}s of a start) or listed in it (the goals of an agreement),
 * as a path into the event's JSON.
 */
final class PersonalDataFields {

    /** The component naming the aggregate, whose first event names the people of the pair. */
    static final String AGGREGATE_ID = "relationshipId";

    /** A step of a path that stands for each element of a list: {@code agreement.goals[].description}. */
    static final String EACH = "[]";

    /**
     * One annotated component: the path to the object holding it, its name, whose it is, whether
     * it holds a list of texts (sealed whole, as its JSON) rather than one text, and whether it is
     * private to the pair.
     */
    record Field(List<String> parentPath, String name, String ownerIdIn, boolean list, boolean privateToThePair) {

        /** Text of the pair rather than of one named person. */
        boolean belongsToThePair() {
            return ownerIdIn.isEmpty();
        }

        /**
         * The first stored form ({@link LegacyEnvelope}) sealed only names and the pair's private
         * text; in any other field a string that looks like it is a participant's text.
         */
        boolean mayHoldLegacyEnvelopes() {
            return !belongsToThePair() || privateToThePair;
        }

        /**
         * The JSON objects holding the field in {@code event}, each with the path sealing binds it
         * to ({@code mentor.name}, {@code agreement.goals[1].description}): one, or one per element
         * of a list on the way, or none when the event has nothing there.
         */
        List<Holder> holdersIn(JsonNode event) {
            List<Holder> holders = new ArrayList<>();
            collectHolders(event, 0, "", holders);
            return holders;
        }

        private void collectHolders(JsonNode node, int step, String path, List<Holder> holders) {
            if (step == parentPath.size()) {
                if (node instanceof ObjectNode object) {
                    holders.add(new Holder(object, path.isEmpty() ? name : path + "." + name));
                }
                return;
            }
            String next = parentPath.get(step);
            if (next.equals(EACH)) {
                for (int i = 0; i < node.size(); i++) {
                    collectHolders(node.path(i), step + 1, path + "[" + i + "]", holders);
                }
            } else {
                collectHolders(node.path(next), step + 1, path.isEmpty() ? next : path + "." + next, holders);
            }
        }
    }

    /** Where one value of a field is: the object holding it, and the path that names it. */
    record Holder(ObjectNode node, String path) {
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
            if (field.belongsToThePair()) {
                continue;
            }
            for (Holder holder : field.holdersIn(event)) {
                if (holder.node().path(field.ownerIdIn()).isTextual()) {
                    people.add(holder.node().get(field.ownerIdIn()).asText());
                }
            }
        }
        return List.copyOf(people);
    }

    /**
     * Records nested in records, and records in lists ({@code List<Goal>}), a few levels deep: an
     * event is a flat fact, and a cycle of types must not recurse for ever.
     */
    private static void collect(Class<?> type, List<String> path, List<Field> fields) {
        if (!type.isRecord() || path.size() > 4) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            PersonalData personal = component.getAnnotation(PersonalData.class);
            boolean list = Collection.class.isAssignableFrom(component.getType());
            if (personal != null) {
                fields.add(new Field(path, component.getName(), personal.ownerIdIn(), list, personal.privateToThePair()));
                continue;
            }
            List<String> deeper = new ArrayList<>(path);
            deeper.add(component.getName());
            if (list) {
                Class<?> element = elementType(component.getGenericType());
                if (element != null) {
                    deeper.add(EACH);
                    collect(element, deeper, fields);
                }
            } else {
                collect(component.getType(), deeper, fields);
            }
        }
    }

    private static Class<?> elementType(Type type) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments().length == 1
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return null;
    }
}
