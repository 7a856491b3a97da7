package fi.mentoringledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DefaultEventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.tracing.NoOpSpanFactory;
import org.junit.jupiter.api.Test;

/**
 * The projections' event store reads no further ahead of a processor than the processor asks,
 * however many events arrive while it is behind. Axon's default shares one reader that reads as
 * fast as the storage delivers, and a processor behind it holds everything read after it: that ran
 * the query-service out of memory in a catch-up of a million events (BENCHMARKS.md).
 */
class EventStorePollingTest {

    private static final int ARRIVING = 5_000;
    private static final int HANDLED = 10;
    /** What a stream may read beyond what its reader took: one of the JPA storage's batches. */
    private static final int ONE_BATCH = 100;

    @Test
    void aStreamBehindItsReaderHoldsAtMostOneBatchHoweverManyEventsArrive() throws InterruptedException {
        CountingStorage storage = new CountingStorage();
        EmbeddedEventStore store = EventStorePolling.withAStreamPerReader(storage, NoOpMessageMonitor.INSTANCE,
                DefaultEventBusSpanFactory.builder().spanFactory(NoOpSpanFactory.INSTANCE).build());
        try {
            store.publish(event(0));
            BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null);
            stream.nextAvailable();
            // caught up: with Axon's default, the stream now follows the shared reader
            assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();

            store.publish(IntStream.rangeClosed(1, ARRIVING).mapToObj(EventStorePollingTest::event).toList());
            for (int handled = 0; handled < HANDLED; handled++) {
                stream.nextAvailable();
            }
            // time for a reader of its own to run ahead, as the shared one does in a few milliseconds
            Thread.sleep(500);

            assertThat(storage.read.get() - (1 + HANDLED)).as("events read but not yet handled")
                    .isLessThanOrEqualTo(ONE_BATCH);
            stream.close();
        } finally {
            store.shutDown();
        }
    }

    private static EventMessage<?> event(int sequence) {
        return new GenericDomainEventMessage<>("Relationship", "relationship-1", sequence, "event " + sequence);
    }

    /** Axon's in-memory storage, counting the events its streams have handed out. */
    private static final class CountingStorage extends InMemoryEventStorageEngine {

        final AtomicLong read = new AtomicLong();

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            return super.readEvents(trackingToken, mayBlock).peek(event -> read.incrementAndGet());
        }
    }
}
