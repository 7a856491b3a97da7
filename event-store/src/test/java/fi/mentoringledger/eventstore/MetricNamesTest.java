package fi.mentoringledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class MetricNamesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    MetricNamesTest() {
        registry.config().meterFilter(new MetricNames().snakeCaseMeterNames());
    }

    @Test
    void axonsMetricsGetAPrefixAndSnakeCaseWithoutTheTypeInTheName() {
        Counter.builder("eventProcessor.successCounter").tag("processorName", "relationship-summary")
                .tag("payloadType", "RelationshipStarted").register(registry);
        registry.timer("commandBus.allTimer", "payloadType", "StartRelationship");
        Gauge.builder("eventProcessor.latency", () -> 1).tag("processorName", "outcome-report").register(registry);

        Meter counter = registry.get("axon.event_processor.success.messages").meter();
        assertThat(counter.getId().getTag("processor_name")).isEqualTo("relationship-summary");
        assertThat(counter.getId().getTag("payload_type")).isEqualTo("RelationshipStarted");
        assertThat(counter.getId().getDescription()).isEqualTo("Axon's eventProcessor.successCounter");
        assertThat(registry.get("axon.command_bus.all").timer().getId().getTag("payload_type"))
                .isEqualTo("StartRelationship");
        assertThat(registry.get("axon.event_processor.latency").gauge()).isNotNull();
    }

    @Test
    void othersOnlyBecomeSnakeCaseAndSnakeCaseStaysAsItIs() {
        registry.counter("spring.security.filterchains.JsonBodiesOnly.before");
        registry.counter("ledger.commands.refused", "command", "StartRelationship", "rule", "conflicting-retry");

        assertThat(registry.find("spring.security.filterchains.json_bodies_only.before").counter()).isNotNull();
        Counter refused = registry.get("ledger.commands.refused").counter();
        assertThat(refused.getId().getTag("command")).as("values stay as they are").isEqualTo("StartRelationship");
        assertThat(refused.getId().getDescription()).isNull();
    }
}
