package fi.mentoringledger.query.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import fi.mentoringledger.query.processing.GenerationalProjection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The projections' processors as metrics (README, Operations), labelled with the processor's name
 * and nothing else: how far each is behind the newest event, in positions and in seconds, whether a
 * rebuild runs and how far it has come, whether it runs and on how many segments here, and how many
 * events it has parked as dead letters. The figures are those of {@code GET /api/admin/processors},
 * read once per scrape (kept for a second) rather than once per gauge; while the database cannot be
 * read they are NaN. The lag is that of the segments this instance processes: NaN in an instance
 * that runs the processor but has none (another has them all); a processor stopped here counts as
 * behind by every event, as nothing here processes them.
 */
@Component
class ProjectionProcessorMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ProjectionProcessorMetrics.class);
    private static final Duration FRESH = Duration.ofSeconds(1);

    /** One processor's figures at one moment. */
    record Figures(double eventsBehind, double secondsBehind, boolean replaying, double replayProgress,
            boolean running, int segments, long parked) {
    }

    private final ProjectionProcessors processors;
    private final DeadLetters deadLetters;
    /** Lag is real time, whatever zone or fixed clock the service's "today" comes from. */
    private final Clock clock = Clock.systemUTC();

    private Map<String, Figures> figures = Map.of();
    private Instant readAt;

    ProjectionProcessorMetrics(ProjectionProcessors processors, DeadLetters deadLetters) {
        this.processors = processors;
        this.deadLetters = deadLetters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (GenerationalProjection projection : processors.projections()) {
            String processor = projection.processorName();
            gauge(registry, processor, "ledger.processor.lag.events", "events",
                    "global positions between the newest stored event and the last one the processor has processed",
                    Figures::eventsBehind);
            gauge(registry, processor, "ledger.processor.lag", "seconds",
                    "how long the oldest event the processor has yet to process has been stored (0 when caught up)",
                    Figures::secondsBehind);
            gauge(registry, processor, "ledger.processor.replaying", null,
                    "1 while the projection is being rebuilt from the first event (reads use the previous generation)",
                    figures -> figures.replaying() ? 1 : 0);
            gauge(registry, processor, "ledger.processor.replay.progress", null,
                    "how far the rebuild has come, 0 to 1 (1 when none is under way)",
                    Figures::replayProgress);
            gauge(registry, processor, "ledger.processor.running", null,
                    "1 while the processor runs in this instance",
                    figures -> figures.running() ? 1 : 0);
            gauge(registry, processor, "ledger.processor.segments", null,
                    "segments of the processor that this instance processes",
                    Figures::segments);
            gauge(registry, processor, "ledger.processor.dead.letters", null,
                    "events parked in the dead-letter queue (with the later events of their relationship)",
                    figures -> figures.parked());
        }
    }

    private void gauge(MeterRegistry registry, String processor, String name, String unit, String description,
            ToDoubleFunction<Figures> value) {
        Gauge.builder(name, this, metrics -> {
                    Figures current = metrics.current().get(processor);
                    return current == null ? Double.NaN : value.applyAsDouble(current);
                })
                .tag("processor", processor)
                .baseUnit(unit)
                .description(description)
                .register(registry);
    }

    synchronized Map<String, Figures> current() {
        Instant now = clock.instant();
        if (readAt == null || Duration.between(readAt, now).compareTo(FRESH) >= 0) {
            figures = read(now);
            readAt = now;
        }
        return figures;
    }

    private Map<String, Figures> read(Instant now) {
        try {
            List<ProcessorStatus> statuses = processors.statuses();
            Map<String, Long> parked = deadLetters.parkedByProcessor();
            Map<String, Figures> read = new HashMap<>();
            for (ProcessorStatus status : statuses) {
                int segments = processors.segmentsClaimedHere(status.name());
                // Running without a segment: another instance processes them all, and reports the lag.
                boolean elsewhere = status.running() && segments == 0;
                read.put(status.name(), new Figures(elsewhere ? Double.NaN : eventsBehind(status),
                        elsewhere ? Double.NaN : secondsBehind(status, now), status.replaying(),
                        status.replaying() ? status.progress() : 1.0, status.running(), segments,
                        parked.getOrDefault(status.name(), 0L)));
            }
            return read;
        } catch (RuntimeException e) {
            log.warn("Cannot read the processors' figures for the metrics: {}", e.toString());
            return Map.of();
        }
    }

    private static double eventsBehind(ProcessorStatus status) {
        if (status.headPosition() == null) {
            return 0;
        }
        long position = status.position() == null ? 0 : status.position();
        return Math.max(0, status.headPosition() - position);
    }

    private double secondsBehind(ProcessorStatus status, Instant now) {
        if (status.headPosition() == null
                || status.position() != null && status.position() >= status.headPosition()) {
            return 0;
        }
        return processors.storedAfter(status.position())
                .map(stored -> Math.max(0, Duration.between(stored, now).toMillis() / 1000.0))
                .orElse(0.0);
    }
}
