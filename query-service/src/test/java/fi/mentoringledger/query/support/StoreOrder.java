package fi.mentoringledger.query.support;

import java.util.ArrayList;
import java.util.List;

/**
 * One event of a journey at its sequence number, in the order an event store holds the events of
 * many relationships: each relationship's in order, all of them mixed. Batch tests apply a mix
 * like this in one transaction and one by one, and compare.
 */
public record StoreOrder(Journey journey, Object event, long sequence) {

    public static List<StoreOrder> of(List<Journey> journeys) {
        List<StoreOrder> events = new ArrayList<>();
        int total = journeys.stream().mapToInt(journey -> journey.events.size()).sum();
        for (int i = 0; events.size() < total; i++) {
            for (Journey journey : journeys) {
                if (i < journey.events.size()) {
                    events.add(new StoreOrder(journey, journey.events.get(i), i));
                }
            }
        }
        return events;
    }

    public void applyTo(Projector projector) {
        projector.apply(event, sequence);
    }
}
