package fi.mentoringledger.query.processing;

import java.time.Duration;

import javax.sql.DataSource;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;

/** Axon wiring that the Spring Boot defaults do not give. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /**
     * A projection that fails on an event must not skip it: Axon's default only logs the failure
     * and moves the token on, which would leave a count silently short. The projections' processors
     * have a dead-letter queue ({@code dlq.enabled} in application.yml), which takes a handler's
     * failure before this handler sees it: the event and the rest of its relationship's events are
     * parked in {@code dead_letter_entry}, in the batch's transaction. This handler is the rule for
     * any processor without one: propagating the failure rolls the batch (rows and token together)
     * back, and the processor retries it with back-off.
     */
    @Bean
    ConfigurerModule projectionsNeverSkipEvents() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }

    /**
     * A replay empties the processor's dead-letter queue, in the transaction that resets its tokens
     * and opens the new generation. Axon keeps the letters by default; the replay would then meet
     * the parked relationships again, find them parked and park every one of their events a second
     * time, and a retry would apply each of them twice to the new generation. Emptied, the queue
     * fills again with exactly what the rebuild cannot apply.
     *
     * <p>This configuration takes the place of the one Axon's auto-configuration registers for the
     * processor (one per processor), so it applies {@code dlq.cache} itself: with the cache, an
     * event of a relationship the queue does not hold is applied without asking the database
     * whether its relationship is parked (a query per event, 13 % of a replay's CPU time without
     * it; BENCHMARKS.md). The cache belongs to the segment and is dropped when the segment is
     * released, so another instance's letters are seen once it claims the segment again.
     */
    @Bean
    ConfigurerModule deadLettersBelongToTheGenerationBeingWritten(EventProcessorProperties properties) {
        return configurer -> configurer.eventProcessing(processing ->
                properties.getProcessors().forEach((name, settings) -> {
                    if (settings.getDlq().isEnabled()) {
                        processing.registerDeadLetteringEventHandlerInvokerConfiguration(name,
                                (config, builder) -> deadLettering(settings.getDlq(), builder));
                    }
                }));
    }

    static DeadLetteringEventHandlerInvoker.Builder deadLettering(EventProcessorProperties.Dlq settings,
            DeadLetteringEventHandlerInvoker.Builder builder) {
        builder.allowReset(true);
        if (settings.getCache().isEnabled()) {
            builder.enableSequenceIdentifierCache().sequenceIdentifierCacheSize(settings.getCache().getSize());
        }
        return builder;
    }

    /**
     * The projections' processors report Axon's metrics with a short capacity window (see
     * {@link ProcessorMonitors}); a monitor registered for a processor's name takes precedence over
     * the default one Axon's metrics auto-configuration registers for every component.
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    ConfigurerModule processorMetricsWithAShortCapacityWindow(EventProcessorProperties properties,
            MeterRegistry registry) {
        return configurer -> properties.getProcessors().keySet().forEach(name ->
                configurer.configureMessageMonitor(EventProcessor.class, name,
                        (config, componentType, componentName) ->
                                (MessageMonitor) ProcessorMonitors.of(registry, componentName, Clock.SYSTEM)));
    }

    /** Only the event's own fault parks it; a database failure fails the batch (see the policy). */
    @Bean
    ConfigurerModule parkOnlyPoisonEvents() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultDeadLetterPolicy(c -> new ParkOnlyPoisonEvents()));
    }

    /** Each instance claims only its share of every processor's segments (see {@link SegmentShare}). */
    @Bean
    ConfigurerModule segmentsSharedAmongInstances(SegmentShare share) {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerPooledStreamingEventProcessorConfiguration(
                        (config, builder) -> builder.maxSegmentProvider(share)));
    }

    /** Lets the dead-letter queue park one failing event while the rest of its batch commits. */
    @Bean
    static HandlerEnhancerDefinition savepointPerEvent(ObjectProvider<DataSource> dataSource) {
        return new SavepointPerEvent(dataSource);
    }

    /**
     * The projections' processors read the event store through this source (their {@code source}
     * in application.yml), so that a caught-up processor is called back as soon as PostgreSQL
     * announces appended events, and at the latest every
     * {@code mentoring.event-store.fallback-interval}, instead of every 500 ms (see
     * {@link PromptEventSource}).
     */
    @Bean
    PromptEventSource promptEventSource(EmbeddedEventStore eventStore,
            @Value("${mentoring.event-store.fallback-interval}") Duration fallbackInterval) {
        return new PromptEventSource(eventStore, fallbackInterval);
    }

    /** The source's fallback calls stop with the processors, before the event store closes (ten phases later). */
    @Bean
    ConfigurerModule promptEventSourceStopsWithTheProcessors(ObjectProvider<PromptEventSource> source) {
        // looked up only at shutdown: the source needs the event store, which needs the configuration
        return configurer -> configurer.onShutdown(Phase.INBOUND_EVENT_CONNECTORS,
                () -> source.ifAvailable(PromptEventSource::stop));
    }
}
