package fi.mentoringledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.springboot.EventProcessorProperties;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ProcessorMonitorsTest {

    private static final EventMessage<?> EVENT =
            new GenericDomainEventMessage<>("Relationship", "relationship-1", 0, "an event");

    @Test
    void givesTheMetersAxonsDimensionalDefaultGivesAnEventProcessor() {
        MeterRegistry axons = new SimpleMeterRegistry();
        @SuppressWarnings("unchecked")
        MessageMonitor<Message<?>> axonDefault = (MessageMonitor<Message<?>>) new GlobalMetricRegistry(axons)
                .registerComponentWithDefaultTags(PooledStreamingEventProcessor.class, "relationship-summary");
        MeterRegistry ours = new SimpleMeterRegistry();
        MessageMonitor<EventMessage<?>> monitor = ProcessorMonitors.of(ours, "relationship-summary", Clock.SYSTEM);

        axonDefault.onMessageIngested(EVENT).reportSuccess();
        monitor.onMessageIngested(EVENT).reportSuccess();

        assertThat(meters(ours)).isNotEmpty().isEqualTo(meters(axons));
    }

    @Test
    void theProjectionsProcessorsGetTheseMonitorsAndOtherComponentsKeepAxonsDefault() {
        MeterRegistry axons = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();
        EventProcessorProperties properties = new EventProcessorProperties();
        properties.getProcessors().put("outcome-report", new EventProcessorProperties.ProcessorSettings());
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false);
        new GlobalMetricRegistry(axons).registerWithConfigurerWithDefaultTags(configurer);
        new AxonConfiguration().processorMetricsWithAShortCapacityWindow(properties, ours).configureModule(configurer);
        Configuration configuration = configurer.buildConfiguration();

        configuration.<EventMessage<?>>messageMonitor(PooledStreamingEventProcessor.class, "outcome-report")
                .onMessageIngested(EVENT).reportSuccess();
        assertThat(meters(ours)).isNotEmpty();
        assertThat(meters(axons)).isEmpty();

        configuration.<EventMessage<?>>messageMonitor(PooledStreamingEventProcessor.class, "another-processor")
                .onMessageIngested(EVENT).reportSuccess();
        assertThat(meters(axons)).isNotEmpty().allMatch(meter -> meter.contains("processorName=another-processor"));
        assertThat(meters(ours)).noneMatch(meter -> meter.contains("another-processor"));
    }

    @Test
    void capacityForgetsWhatIsOlderThanItsWindow() {
        MockClock clock = new MockClock();
        MeterRegistry registry = new SimpleMeterRegistry();
        MessageMonitor<EventMessage<?>> monitor = ProcessorMonitors.of(registry, "outcome-report", clock);
        for (int i = 0; i < 1_000; i++) {
            MessageMonitor.MonitorCallback callback = monitor.onMessageIngested(EVENT);
            clock.add(5, TimeUnit.MILLISECONDS);
            callback.reportSuccess();
        }
        Gauge capacity = registry.find("eventProcessor.capacity").gauge();
        assertThat(capacity.value()).as("busy all the last 5 s of a 10 s window").isGreaterThan(0.4);

        clock.add(11, TimeUnit.SECONDS);

        // Axon's default window of ten minutes would still hold all 1,000 durations here.
        assertThat(capacity.value()).isZero();
    }

    private static Set<String> meters(MeterRegistry registry) {
        return registry.getMeters().stream().map(Meter::getId)
                .map(id -> id.getName() + id.getTags() + id.getType())
                .collect(Collectors.toSet());
    }
}
