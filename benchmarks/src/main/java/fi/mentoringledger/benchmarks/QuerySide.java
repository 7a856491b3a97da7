package fi.mentoringledger.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;

/** The query-service as the benchmark sees it: its processors, a replay, and when a command shows. */
final class QuerySide {

    private final Http http;
    private final String queryUrl;
    private final Database database;

    QuerySide(Http http, String queryUrl, Database database) {
        this.http = http;
        this.queryUrl = queryUrl;
        this.database = database;
    }

    String url(String path) {
        return queryUrl + path;
    }

    /** How many relationships the read model lists (the {@code total} of the list). */
    long listedRelationships() throws Exception {
        Http.Answer answer = http.get(url("/api/relationships?page=0&size=1"));
        if (!answer.ok()) {
            throw new IllegalStateException("GET /api/relationships -> " + answer.status() + " " + answer.body());
        }
        return answer.json().path("total").asLong();
    }

    JsonNode processors() throws Exception {
        Http.Answer answer = http.get(url("/api/admin/processors"));
        if (!answer.ok()) {
            throw new IllegalStateException("GET /api/admin/processors -> " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }

    /**
     * Waits until every processor has processed up to the newest stored event and none is
     * replaying.
     *
     * @return the seconds waited, or -1 when the timeout passed first
     */
    double awaitCaughtUp(Duration timeout) throws Exception {
        long started = System.nanoTime();
        long head = database.headPosition();
        if (head == 0) {
            return 0;
        }
        while (System.nanoTime() - started < timeout.toNanos()) {
            boolean caughtUp = true;
            for (JsonNode processor : processors()) {
                JsonNode position = processor.path("position");
                if (processor.path("replaying").asBoolean(false) || position.isNull() || position.isMissingNode()
                        || position.asLong() < head) {
                    caughtUp = false;
                }
            }
            if (caughtUp) {
                return (System.nanoTime() - started) / 1e9;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** How a replay went. */
    record Replay(long events, double seconds, boolean completed, double progress) {
        /** Events per second; from the progress reached when the replay did not finish in time. */
        double perSecond() {
            return events * (completed ? 1.0 : progress) / seconds;
        }
    }

    /**
     * Rebuilds every projection ({@code POST /api/admin/replay}) and waits until each processor
     * has switched reads to its new generation (or, where the service reports no generation, has
     * stopped replaying and reached the head).
     */
    Replay replayAll(Duration timeout) throws Exception {
        long events = database.queryLong("SELECT count(*) FROM domain_event_entry");
        long head = database.headPosition();
        Map<String, Integer> generationBefore = new HashMap<>();
        for (JsonNode processor : processors()) {
            generationBefore.put(processor.path("name").asText(), processor.path("activeGeneration").asInt(-1));
        }
        long started = System.nanoTime();
        Http.Answer answer = http.post(url("/api/admin/replay"), null);
        if (answer.status() != 202) {
            throw new IllegalStateException("POST /api/admin/replay -> " + answer.status() + " " + answer.body());
        }
        double progress = 0;
        while (System.nanoTime() - started < timeout.toNanos()) {
            boolean done = true;
            progress = 1;
            for (JsonNode processor : processors()) {
                int before = generationBefore.getOrDefault(processor.path("name").asText(), -1);
                boolean replaying = processor.path("replaying").asBoolean(false);
                boolean switched = before >= 0
                        ? processor.path("activeGeneration").asInt(-1) > before
                        : processor.path("position").asLong(-1) >= head;
                if (replaying || !switched) {
                    done = false;
                    // The service's own progress is relative to where the processor stood when the
                    // replay began, which may be short of the head; global indexes are dense here.
                    progress = Math.min(progress, Math.min(0.99, processor.path("position").asLong(0) / (double) head));
                }
            }
            if (done) {
                return new Replay(events, (System.nanoTime() - started) / 1e9, true, 1);
            }
            Thread.sleep(100);
        }
        return new Replay(events, (System.nanoTime() - started) / 1e9, false, progress);
    }

    /**
     * Measures projection lag: from a command's acknowledgement to the moment {@code GET
     * /api/relationships/{id}} first shows the acknowledged version, polling every 10 ms for the
     * first 300 ms and every 50 ms after that (the figure is an upper bound by that much).
     */
    final class LagProbe implements AutoCloseable {

        private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(15);

        private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2);
        private final Latencies lag = new Latencies();
        private final LongAdder timeouts = new LongAdder();
        private final AtomicInteger pending = new AtomicInteger();
        private final Map<String, Long> watching = new ConcurrentHashMap<>();

        void watch(String relationshipId, long version, long acknowledgedAt) {
            if (watching.putIfAbsent(relationshipId, version) != null) {
                return;
            }
            pending.incrementAndGet();
            pollers.schedule(() -> poll(relationshipId, version, acknowledgedAt), 2, TimeUnit.MILLISECONDS);
        }

        private void poll(String relationshipId, long version, long acknowledgedAt) {
            long waited;
            try {
                Http.Answer answer = http.get(url("/api/relationships/" + relationshipId));
                waited = System.nanoTime() - acknowledgedAt;
                if (answer.ok() && answer.json().path("version").asLong(-1) >= version) {
                    lag.recordNanos(waited);
                    finish(relationshipId);
                    return;
                }
            } catch (Exception e) {
                waited = System.nanoTime() - acknowledgedAt;
            }
            if (waited > GIVE_UP_NANOS) {
                timeouts.increment();
                finish(relationshipId);
                return;
            }
            long delay = waited < TimeUnit.MILLISECONDS.toNanos(300) ? 10 : 50;
            pollers.schedule(() -> poll(relationshipId, version, acknowledgedAt), delay, TimeUnit.MILLISECONDS);
        }

        private void finish(String relationshipId) {
            watching.remove(relationshipId);
            pending.decrementAndGet();
        }

        /** Waits for the probes still polling, at most until they give up. */
        void drain() throws InterruptedException {
            long until = System.nanoTime() + GIVE_UP_NANOS + TimeUnit.SECONDS.toNanos(2);
            while (pending.get() > 0 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        }

        Latencies lag() {
            return lag;
        }

        long timeouts() {
            return timeouts.sum();
        }

        @Override
        public void close() {
            pollers.shutdownNow();
        }
    }
}
