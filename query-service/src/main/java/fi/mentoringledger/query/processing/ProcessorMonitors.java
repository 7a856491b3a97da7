package fi.mentoringledger.query.processing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * A projection processor's metrics: the meters Axon's dimensional metrics give an event processor
 * (its handling time, latency, capacity and counts, under the same names and tags), except that
 * capacity is measured over {@link #CAPACITY_WINDOW} rather than Axon's ten minutes.
 *
 * <p>Axon's capacity monitor keeps every handled event's duration for its whole window: ten
 * minutes of a replay at a few thousand events a second, for each processor, kept millions of
 * entries alive, hundreds of megabytes of the query-service's heap in a replay of a million events
 * (the likely cause of a 256 MB heap running out of memory there; BENCHMARKS.md). Ten seconds is still a window per
 * Prometheus scrape.
 */
final class ProcessorMonitors {

    static final Duration CAPACITY_WINDOW = Duration.ofSeconds(10);
    private static final String PREFIX = "eventProcessor";

    private ProcessorMonitors() {
    }

    static MessageMonitor<EventMessage<?>> of(MeterRegistry registry, String processorName, Clock clock) {
        Function<Message<?>, Iterable<Tag>> byPayload = message -> Tags.of(
                "payloadType", message.getPayloadType().getSimpleName(), "processorName", processorName);
        Function<Message<?>, Iterable<Tag>> byProcessor = message -> Tags.of("processorName", processorName);
        List<MessageMonitor<? super EventMessage<?>>> monitors = List.of(
                MessageTimerMonitor.buildMonitor(PREFIX, registry, clock, byPayload),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(PREFIX).meterRegistry(registry)
                        .tagsBuilder(byProcessor).clock(clock).build(),
                CapacityMonitor.buildMonitor(PREFIX, registry, CAPACITY_WINDOW.toMillis(), TimeUnit.MILLISECONDS,
                        clock, byPayload),
                MessageCountingMonitor.buildMonitor(PREFIX, registry, byPayload));
        return new MultiMessageMonitor<>(monitors);
    }
}
