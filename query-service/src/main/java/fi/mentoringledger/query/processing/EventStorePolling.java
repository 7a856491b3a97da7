package fi.mentoringledger.query.processing;

import java.time.Duration;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;

/**
 * The event store exactly as Axon's auto-configuration builds it, except that it can be woken when
 * PostgreSQL announces appended events ({@link WakeableEventStore}, {@link EventArrivalListener}).
 * The command-service writes the events in another process, so without that this one's event
 * producer finds new events only by reading again, one fetch delay after a read found none
 * ({@code mentoring.event-store.fetch-delay} in application.yml); with notifications the delay is
 * only the fallback. Axon's auto-configuration backs off from the storage engine (and its JPA
 * entities) as soon as an event store is defined, so both are defined here too, as that
 * auto-configuration does.
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
    WakeableEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
            @Value("${mentoring.event-store.fetch-delay}") Duration fetchDelay) {
        return new WakeableEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis()));
    }

    /**
     * The listening connection, with the pool's URL and credentials but outside the pool; off with
     * {@code mentoring.event-store.listen=false} (then only the fetch delay finds new events).
     */
    @Bean
    @ConditionalOnProperty(name = "mentoring.event-store.listen", havingValue = "true", matchIfMissing = true)
    EventArrivalListener eventArrivalListener(DataSourceProperties dataSource, PromptEventSource events) {
        return new EventArrivalListener(dataSource.determineUrl(), dataSource.determineUsername(),
                dataSource.determinePassword(), events::eventsAppended);
    }
}
