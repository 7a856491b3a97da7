package fi.mentoringledger.query.support;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import fi.mentoringledger.api.relationship.PersonalData;

/**
 * An event as the event store reads it back once the keys of some persons are deleted
 * (crypto-shredding), worked out from the events' own {@link PersonalData} marks: a field owned by
 * an erased person is null, and the pair's text (no owner) is null as soon as anyone of the pair
 * is erased. Records nested in the event (the parties) or listed in it (the goals) are read the
 * same way; the records themselves read a missing list as an empty one.
 */
public final class KeyLoss {

    private KeyLoss() {
    }

    /** {@code event} as read without the keys of {@code erasedPersonIds}; unchanged when that is empty. */
    public static Object read(Object event, Collection<String> erasedPersonIds) {
        if (event == null || !event.getClass().isRecord() || erasedPersonIds.isEmpty()) {
            return event;
        }
        RecordComponent[] components = event.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(event, components[i]);
        }
        for (int i = 0; i < components.length; i++) {
            PersonalData mark = components[i].getAnnotation(PersonalData.class);
            if (mark != null && (mark.ownerIdIn().isEmpty()
                    || erasedPersonIds.contains(Objects.toString(value(event, component(components, mark.ownerIdIn())))))) {
                values[i] = null;
            } else if (values[i] != null && values[i].getClass().isRecord()) {
                values[i] = read(values[i], erasedPersonIds);
            } else if (values[i] instanceof List<?> list) {
                values[i] = list.stream().map(element -> read(element, erasedPersonIds)).toList();
            }
        }
        try {
            Constructor<?> canonical = event.getClass().getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + event.getClass().getSimpleName(), e);
        }
    }

    private static RecordComponent component(RecordComponent[] components, String name) {
        return Arrays.stream(components).filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("@PersonalData names no component " + name));
    }

    private static Object value(Object record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }
}
