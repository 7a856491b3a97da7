package fi.mentoringledger.query.processing;

import java.util.List;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, which can be told that events were appended elsewhere.
 * <p>
 * Its single reader (the "producer" that fills the cache all caught-up streams read from) reads the
 * table again when a read found nothing and the fetch delay has passed, or at once when events were
 * committed through this store. The query-service appends nothing; its events come from the
 * command-service, which PostgreSQL announces ({@link EventArrivalListener}). {@link #fetchNow()}
 * wakes the reader the way a local commit would ({@code afterCommit} does nothing else in Axon
 * 4.13), so the fetch delay is left as the fallback for a lost notification.
 */
final class WakeableEventStore extends EmbeddedEventStore {

    WakeableEventStore(EmbeddedEventStore.Builder builder) {
        super(builder);
    }

    /** Reads the table again now if the reader is waiting, or right after its current read. Any thread. */
    void fetchNow() {
        afterCommit(List.of());
    }
}
