package fi.mentoringledger.query.processing;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;

/**
 * The event store as Axon's auto-configuration builds it, except that each processor reads the
 * table through a stream of its own, and the listener that hears PostgreSQL announce appended
 * events ({@link EventArrivalListener}, {@link PromptEventSource}). Axon's auto-configuration backs
 * off from the storage engine (and its JPA entities) as soon as an event store is defined, so both
 * are defined here too, as that auto-configuration does.
 * <p>
 * Why no shared cache: by default one reader fills a cache that caught-up streams share, and reads
 * as fast as PostgreSQL delivers. A processor that falls behind (a burst of appends, a catch-up
 * after a pause) keeps a reference into that cache, and with it every event read after it, until a
 * cleaner thread notices (every ten seconds). A catch-up of a million events seeded at 16,000 a
 * second held 337,000 read-but-unhandled events and ran a 512 MB heap out of memory; with a stream
 * per processor the same catch-up held about 3,000 (BENCHMARKS.md). A stream of its own reads one
 * batch ahead of its processor, however far behind that is. The price: each of the three
 * processors reads and deserialises each event itself, instead of once for all.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
class EventStorePolling {

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer, Configuration configuration,
            EntityManagerProvider entityManagerProvider, TransactionManager transactionManager) {
        return JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager)
                .build();
    }

    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration) {
        return withAStreamPerReader(storageEngine, configuration.messageMonitor(EventStore.class, "eventStore"),
                configuration.getComponent(EventBusSpanFactory.class));
    }

    static EmbeddedEventStore withAStreamPerReader(EventStorageEngine storageEngine,
            MessageMonitor<? super EventMessage<?>> monitor, EventBusSpanFactory spans) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(monitor)
                .spanFactory(spans)
                .optimizeEventConsumption(false)
                .build();
    }

    /**
     * The listening connection, with the pool's URL and credentials but outside the pool; off with
     * {@code mentoring.event-store.listen=false} (then only the fallback interval finds new events).
     */
    @Bean
    @ConditionalOnProperty(name = "mentoring.event-store.listen", havingValue = "true", matchIfMissing = true)
    EventArrivalListener eventArrivalListener(DataSourceProperties dataSource, PromptEventSource events) {
        return new EventArrivalListener(dataSource.determineUrl(), dataSource.determineUsername(),
                dataSource.determinePassword(), events::eventsAppended);
    }
}
