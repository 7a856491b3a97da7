package fi.mentoringledger.eventstore.personaldata;

import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.eventstore.personaldata.PersonalDataFields.Field;
import fi.mentoringledger.eventstore.personaldata.PersonalDataFields.Holder;

/**
 * The pair's text in an event as JSON, for read models that keep a copy of it: once either
 * participant is erased, an event reads back with all of it gone (see
 * {@link CryptoShreddingSerializer}), and a read model that erases its copy must end where a
 * replay would.
 */
public final class ThePairsText {

    private ThePairsText() {
    }

    /**
     * Removes the pair's text, personal and private, from {@code event}, the JSON of an event of
     * {@code eventType}, as a reader without the keys gets it: a text becomes null, a list of texts
     * empty (the events' records read a missing list as an empty one). Names, each their own
     * person's, stay.
     */
    public static void eraseFrom(ObjectNode event, Class<?> eventType) {
        for (Field field : PersonalDataFields.of(eventType)) {
            if (!field.belongsToThePair()) {
                continue;
            }
            for (Holder holder : field.holdersIn(event)) {
                if (holder.node().has(field.name())) {
                    if (field.list()) {
                        holder.node().putArray(field.name());
                    } else {
                        holder.node().putNull(field.name());
                    }
                }
            }
        }
    }
}
