package fi.mentoringledger.query.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;

import jakarta.annotation.PreDestroy;

/**
 * The event store as the projections' pooled processors read it, nudging them to look for new
 * events every {@code pollInterval}.
 * <p>
 * A pooled processor that has caught up looks at its stream again only when the stream calls it
 * back, or else after a fixed 500 ms (Axon 4.13's {@code Coordinator}). The embedded event store's
 * streams never call back: the events are written by the command-service, in another process, so
 * nothing here learns of them but reading the table again. Left alone, that 500 ms was most of the
 * projection lag (BENCHMARKS.md). These streams accept the callback and run it every
 * {@code pollInterval}; the callback only asks the processor's coordinator to run (it is safe from
 * any thread, as Axon Server's streams call it from theirs), and the coordinator then checks its
 * stream as it always does. The stream itself is never touched from the timer's thread.
 */
final class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStore eventStore;
    private final long pollMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-arrival-poll");
        thread.setDaemon(true);
        return thread;
    });

    PromptEventSource(EventStore eventStore, Duration pollInterval) {
        this.eventStore = eventStore;
        this.pollMillis = Math.max(1, pollInterval.toMillis());
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new PromptStream(eventStore.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return eventStore.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return eventStore.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return eventStore.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return eventStore.createTokenSince(duration);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private final class PromptStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private volatile ScheduledFuture<?> nudges;

        PromptStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            cancelNudges();
            nudges = timer.scheduleWithFixedDelay(callback, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            cancelNudges();
            stream.close();
        }

        private void cancelNudges() {
            ScheduledFuture<?> current = nudges;
            if (current != null) {
                current.cancel(false);
            }
        }
    }
}
