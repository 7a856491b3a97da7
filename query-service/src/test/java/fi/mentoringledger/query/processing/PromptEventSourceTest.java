package fi.mentoringledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A caught-up processor's stream reads the event store again only after a call back (PostgreSQL's
 * notification or the fallback), not each time Axon's coordinator asks it, and never misses an
 * event that was announced.
 */
class PromptEventSourceTest {

    /** Far longer than the test: only the calls back made here count. */
    private static final Duration NO_FALLBACK = Duration.ofHours(1);

    private final QueueSource store = new QueueSource();
    private final PromptEventSource source = new PromptEventSource(store, NO_FALLBACK);

    @AfterEach
    void stop() {
        source.stop();
    }

    @Test
    void anIdleStreamReadsOncePerCallBackHoweverOftenItIsAsked() {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger calledBack = new AtomicInteger();
        stream.setOnAvailableCallback(calledBack::incrementAndGet);

        for (int asked = 0; asked < 5; asked++) {
            assertThat(stream.hasNextAvailable()).isFalse();
        }
        assertThat(store.reads.get()).as("reads of an idle stream asked five times").isEqualTo(1);

        source.eventsAppended();
        assertThat(calledBack.get()).isEqualTo(1);
        for (int asked = 0; asked < 5; asked++) {
            assertThat(stream.hasNextAvailable()).isFalse();
        }
        assertThat(store.reads.get()).as("reads after one call back").isEqualTo(2);
    }

    @Test
    void anEventAnnouncedAfterTheStreamFoundNothingIsRead() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        stream.setOnAvailableCallback(() -> { });
        assertThat(stream.hasNextAvailable()).isFalse();

        store.events.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(1),
                GenericEventMessage.asEventMessage("a meeting")));
        assertThat(stream.hasNextAvailable()).as("not announced yet").isFalse();
        source.eventsAppended();

        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("a meeting");
    }

    @Test
    void aStreamThatHasEventsIsAskedEveryTime() {
        store.events.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(1),
                GenericEventMessage.asEventMessage("a meeting")));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        for (int asked = 0; asked < 3; asked++) {
            assertThat(stream.hasNextAvailable()).isTrue();
        }
        assertThat(store.reads.get()).isEqualTo(3);
    }

    /** An event store whose one stream hands out what the test puts in, counting the questions. */
    private static final class QueueSource implements StreamableMessageSource<TrackedEventMessage<?>> {

        final Queue<TrackedEventMessage<?>> events = new ConcurrentLinkedQueue<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            return new BlockingStream<>() {
                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return Optional.ofNullable(events.peek());
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                    reads.incrementAndGet();
                    return !events.isEmpty();
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    return events.remove();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public TrackingToken createTailToken() {
            return null;
        }
    }
}
