package fi.mentoringledger.benchmarks;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

import fi.mentoringledger.testsupport.CommandRequests;
import fi.mentoringledger.testsupport.journey.EventJourney;

/**
 * Commands over HTTP on a pool of relationships, each following its {@link Lifecycle} plan. A
 * client picks a relationship at random, sends its next command and moves on; a relationship is
 * held by one client at a time, so the load never races itself (the figures are the service's,
 * not retries'). A finished relationship is replaced by a new one, whose first command is a start:
 * the mix stays the steady state of many relationships at every stage.
 */
final class CommandLoad {

    static final int MIN_SAMPLES = 20;

    private final Http http;
    private final String commandUrl;
    private final String idPrefix;
    private final LocalDate latest;
    private final AtomicReferenceArray<Run> slots;
    private final AtomicIntegerArray held;
    private final AtomicLong created = new AtomicLong();
    private final List<String> errorSamples = new CopyOnWriteArrayList<>();
    private final LongAdder errors = new LongAdder();

    /** One relationship under load: its plan and how far it has come. */
    private static final class Run {
        final Lifecycle.Plan plan;
        int next;

        Run(Lifecycle.Plan plan) {
            this.plan = plan;
        }

        boolean finished() {
            return next >= plan.steps().size();
        }
    }

    /** The outcome of one command. */
    record Sent(String relationshipId, String action, boolean accepted, long version, long nanos) {
    }

    /** What a closed-loop level measured. */
    record LevelResult(int clients, long accepted, long failed, double seconds, Latencies latencies,
            Map<String, Long> mix, long sentInAll) {
        double perSecond() {
            return accepted / seconds;
        }
    }

    CommandLoad(Http http, String commandUrl, String idPrefix, int relationships, LocalDate latest) {
        this.http = http;
        this.commandUrl = commandUrl;
        this.idPrefix = idPrefix;
        this.latest = latest;
        this.slots = new AtomicReferenceArray<>(relationships);
        this.held = new AtomicIntegerArray(relationships);
    }

    int relationships() {
        return slots.length();
    }

    long relationshipsCreated() {
        return created.get();
    }

    long errors() {
        return errors.sum();
    }

    List<String> errorSamples() {
        return List.copyOf(errorSamples);
    }

    /** Starts every relationship of the pool, with the given number of clients; returns the seconds taken. */
    double populate(int clients) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong nextSlot = new AtomicLong();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (long slot = nextSlot.getAndIncrement(); slot < slots.length(); slot = nextSlot.getAndIncrement()) {
                    int index = (int) slot;
                    held.set(index, 1);
                    try {
                        send(index, null);
                    } finally {
                        held.set(index, 0);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * A closed loop: each client sends its next command as soon as the last one was answered. The
     * measured window lasts {@code duration} after the warm-up, and longer if needed until
     * {@value #MIN_SAMPLES} commands were answered (at most ten times as long), so a slow machine
     * still gives percentiles of something.
     */
    LevelResult closedLoop(int clients, Duration warmUp, Duration duration) throws InterruptedException {
        Latencies latencies = new Latencies();
        Map<String, LongAdder> mix = new ConcurrentHashMap<>();
        LongAdder accepted = new LongAdder();
        LongAdder failed = new LongAdder();
        LongAdder sentInAll = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                while (!stop.get()) {
                    long sentAt = System.nanoTime();
                    Sent sent = sendNext();
                    sentInAll.increment();
                    if (sentAt >= measureFrom && !stop.get()) {
                        if (sent.accepted()) {
                            accepted.increment();
                            latencies.recordNanos(sent.nanos());
                            mix.computeIfAbsent(sent.action(), a -> new LongAdder()).increment();
                        } else {
                            failed.increment();
                        }
                    }
                }
            });
        }
        TimeUnit.NANOSECONDS.sleep(measureFrom + duration.toNanos() - System.nanoTime());
        long giveUp = measureFrom + 10 * duration.toNanos();
        while (accepted.sum() + failed.sum() < MIN_SAMPLES && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        stop.set(true);
        double seconds = (System.nanoTime() - measureFrom) / 1e9;
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
        Map<String, Long> counts = new TreeMap<>();
        mix.forEach((action, count) -> counts.put(action, count.sum()));
        return new LevelResult(clients, accepted.sum(), failed.sum(), seconds, latencies, counts, sentInAll.sum());
    }

    /** Listens to every accepted command of a paced load. */
    interface Acknowledged {
        void accepted(Sent sent, long answeredAtNanos);
    }

    /** What a paced (open-loop) run achieved. */
    record PacedResult(double targetPerSecond, long accepted, long failed, double seconds, Latencies latencies) {
        double perSecond() {
            return accepted / seconds;
        }
    }

    /**
     * An open loop at a fixed rate: commands are sent on schedule whatever the answers' latency,
     * by up to {@code clients} concurrent clients.
     */
    PacedResult paced(double perSecond, Duration duration, int clients, Acknowledged listener)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Latencies latencies = new Latencies();
        LongAdder accepted = new LongAdder();
        LongAdder failed = new LongAdder();
        long interval = Math.max(1, Math.round(1e9 / perSecond));
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        for (long next = started; next < end; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            pool.execute(() -> {
                Sent sent = sendNext();
                if (sent.accepted()) {
                    accepted.increment();
                    latencies.recordNanos(sent.nanos());
                    listener.accepted(sent, System.nanoTime());
                } else {
                    failed.increment();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
        return new PacedResult(perSecond, accepted.sum(), failed.sum(), (System.nanoTime() - started) / 1e9, latencies);
    }

    /** Sends the next command of a random relationship that no other client holds. */
    Sent sendNext() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int slot;
        do {
            slot = random.nextInt(slots.length());
        } while (!held.compareAndSet(slot, 0, 1));
        try {
            return send(slot, slots.get(slot));
        } finally {
            held.set(slot, 0);
        }
    }

    private Sent send(int slot, Run current) {
        Run run = current;
        if (run == null || run.finished()) {
            long number = created.incrementAndGet();
            run = new Run(Lifecycle.plan(idPrefix + number, new Random(number * 31 + idPrefix.hashCode()), latest));
            slots.set(slot, run);
        }
        String id = run.plan.relationshipId();
        EventJourney.Step step = run.plan.steps().get(run.next);
        long started = System.nanoTime();
        try {
            CommandRequests.Request request = step.request();
            Http.Answer answer = http.post(commandUrl + request.path(), request.body());
            if (answer.ok()) {
                run.next++;
                return new Sent(id, step.action(), true, answer.json().path("version").asLong(), answer.nanos());
            }
            fail(slot, step.action() + " " + id + " -> " + answer.status() + " " + answer.body());
            return new Sent(id, step.action(), false, -1, answer.nanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(slot, step.action() + " " + id + " interrupted");
        } catch (Exception e) {
            fail(slot, step.action() + " " + id + " -> " + e);
        }
        return new Sent(id, step.action(), false, -1, System.nanoTime() - started);
    }

    /** A refused command leaves its plan unusable: the relationship is replaced by a new one. */
    private void fail(int slot, String what) {
        errors.increment();
        if (errorSamples.size() < 5) {
            errorSamples.add(what);
        }
        slots.set(slot, null);
    }
}
