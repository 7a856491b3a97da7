package fi.mentoringledger.query.processing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.annotation.PreDestroy;

/**
 * The event store as the projections' pooled processors read it, calling them back as soon as new
 * events can be read.
 * <p>
 * A pooled processor that has caught up looks at its stream again only when the stream calls it
 * back, or else after a fixed 500 ms (Axon 4.13's {@code Coordinator}); the embedded event store's
 * streams never call back. These streams do, in two ways:
 * <ul>
 * <li>when PostgreSQL announces appended events ({@link #eventsAppended()}, through
 * {@link EventArrivalListener});</li>
 * <li>every {@code fallbackInterval} regardless, for a lost notification or a database without the
 * trigger.</li>
 * </ul>
 * A callback only asks the processor's coordinator to run (safe from any thread, as Axon Server's
 * streams call it from theirs); the coordinator then reads its own stream as it always does, so
 * which events a processor handles, and its token, are untouched. The processors' streams are
 * never touched from the listener's or the timer's thread.
 */
final class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(PromptEventSource.class);

    private final StreamableMessageSource<TrackedEventMessage<?>> eventStore;
    private final long fallbackMillis;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean fallbackScheduled = new AtomicBoolean();
    /** Counts the calls back: a stream that found nothing reads again only after the next one. */
    private final AtomicLong signals = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-arrival-poll");
        thread.setDaemon(true);
        return thread;
    });

    PromptEventSource(StreamableMessageSource<TrackedEventMessage<?>> eventStore, Duration fallbackInterval) {
        this.eventStore = eventStore;
        this.fallbackMillis = Math.max(1, fallbackInterval.toMillis());
    }

    /** Events were appended (or may have been): every processor reads now. Any thread; returns at once. */
    void eventsAppended() {
        callBack();
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

    /** Stops the fallback calls with the processors (AxonConfiguration), and at the latest here. */
    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private void scheduleFallback() {
        if (fallbackScheduled.compareAndSet(false, true)) {
            try {
                timer.scheduleWithFixedDelay(this::callBack, fallbackMillis, fallbackMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stoppedMeanwhile) {
                log.debug("Not calling the processors back: the source has stopped");
            }
        }
    }

    private void callBack() {
        signals.incrementAndGet();
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                log.warn("A processor's availability callback failed", e);
            }
        }
    }

    /**
     * A processor's stream. Axon's coordinator asks a caught-up stream whether it has events several
     * times per run, and each question reads the table; this one reads again only when something
     * may have been appended since it last found nothing (a notification, a fallback call), so that
     * an idle query-service reads once per processor and call instead of several times.
     */
    private final class PromptStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private volatile Runnable callback;
        private volatile long foundNothingAtSignal = -1;

        PromptStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            forgetCallback();
            // a wrapper of its own, so that two streams given the same callback stay apart
            Runnable registered = callback::run;
            this.callback = registered;
            callbacks.add(registered);
            scheduleFallback();
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            // read before asking: a call back during the read makes the next question read again
            long signal = signals.get();
            if (timeout <= 0 && foundNothingAtSignal == signal) {
                return false;
            }
            boolean available = stream.hasNextAvailable(timeout, unit);
            if (!available) {
                foundNothingAtSignal = signal;
            }
            return available;
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
            forgetCallback();
            stream.close();
        }

        private void forgetCallback() {
            Runnable current = callback;
            if (current != null) {
                callbacks.remove(current);
                callback = null;
            }
        }
    }
}
