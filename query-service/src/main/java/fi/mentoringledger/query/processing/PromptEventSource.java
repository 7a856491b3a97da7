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
 * <li>when the event store's shared reader has put new events in its cache. A watcher thread
 * follows that cache with a stream of its own, opened at the head and never handed to anyone: its
 * only use is to wake up when the reader signals new events, and then call every processor back.
 * The reader reads when {@link #eventsAppended()} says so (PostgreSQL's notification, through
 * {@link EventArrivalListener}), or after its fetch delay when a notification is lost or none
 * comes (a database without the trigger);</li>
 * <li>every {@code fallbackInterval} regardless, should the watcher miss a signal.</li>
 * </ul>
 * A callback only asks the processor's coordinator to run (safe from any thread, as Axon Server's
 * streams call it from theirs); the coordinator then reads its own stream as it always does, so
 * which events a processor handles, and its token, are untouched. The processors' streams are
 * never touched from the watcher's or the timer's thread.
 */
final class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(PromptEventSource.class);

    private final WakeableEventStore eventStore;
    private final long fallbackMillis;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile Thread watcher;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-arrival-poll");
        thread.setDaemon(true);
        return thread;
    });

    PromptEventSource(WakeableEventStore eventStore, Duration fallbackInterval) {
        this.eventStore = eventStore;
        this.fallbackMillis = Math.max(1, fallbackInterval.toMillis());
    }

    /** Events were appended (or may have been): read them now. Any thread; returns at once. */
    void eventsAppended() {
        eventStore.fetchNow();
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

    /** Stops the watcher before the event store closes its streams (AxonConfiguration), and at the latest here. */
    @PreDestroy
    void stop() {
        stopped = true;
        timer.shutdownNow();
        Thread current = watcher;
        if (current != null) {
            current.interrupt();
        }
    }

    private void startWatching() {
        if (watching.compareAndSet(false, true) && !stopped) {
            try {
                timer.scheduleWithFixedDelay(this::callBack, fallbackMillis, fallbackMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stoppedMeanwhile) {
                return;
            }
            Thread thread = new Thread(this::watch, "event-arrival-watch");
            thread.setDaemon(true);
            watcher = thread;
            thread.start();
        }
    }

    private void watch() {
        BlockingStream<TrackedEventMessage<?>> stream = null;
        while (!stopped) {
            try {
                if (stream == null) {
                    stream = eventStore.openStream(eventStore.createHeadToken());
                }
                if (stream.hasNextAvailable((int) Math.min(fallbackMillis, Integer.MAX_VALUE), TimeUnit.MILLISECONDS)) {
                    do {
                        stream.nextAvailable();
                    } while (stream.hasNextAvailable());
                    callBack();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // The database is away (opening at the head reads it): the fallback keeps calling back.
                log.debug("Watching for new events failed; trying again in {} ms", fallbackMillis, e);
                closeQuietly(stream);
                stream = null;
                try {
                    Thread.sleep(fallbackMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        closeQuietly(stream);
    }

    private void callBack() {
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                log.warn("A processor's availability callback failed", e);
            }
        }
    }

    private static void closeQuietly(BlockingStream<?> stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (RuntimeException e) {
                log.debug("Closing the watcher's stream failed", e);
            }
        }
    }

    private final class PromptStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private volatile Runnable callback;

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
            startWatching();
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
