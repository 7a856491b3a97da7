package fi.mentoringledger.command.infra;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import fi.mentoringledger.api.relationship.MetadataKeys;
import jakarta.validation.constraints.NotBlank;

/** Wiring that Axon's and Spring's defaults do not give. */
@Configuration(proxyBeanMethods = false)
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
class CommandServiceConfiguration {

    /**
     * The storage engine exactly as Axon's auto-configuration builds it, but of the class that
     * skips the snapshot query and checks a kept aggregate in plain SQL ({@link RelationshipEventStorage}).
     * Axon's auto-configuration backs off from the engine and its JPA entities as soon as one is
     * defined, so the entities are registered here too.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer, org.axonframework.config.Configuration configuration,
            EntityManagerProvider entityManagerProvider, TransactionManager transactionManager) {
        return new RelationshipEventStorage(JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager));
    }

    /**
     * Copies the request's correlation id and the acting user from the command onto every event it
     * records. (Axon's default MessageOriginProvider would replace the request's id with the
     * command message's own.)
     */
    @Bean
    CorrelationDataProvider requestOrigin() {
        return new SimpleCorrelationDataProvider(MetadataKeys.CORRELATION_ID, MetadataKeys.ACTOR,
                MetadataKeys.ACTOR_PERSON_ID);
    }

    /**
     * The aggregates handled last, checked against the store before each use
     * ({@link CheckedAggregateCache}); an aggregate names it as its {@code cache}. Size 0 keeps none.
     */
    @Bean
    CheckedAggregateCache aggregateCache(ObjectProvider<EventStore> eventStore,
            @Value("${mentoring.commands.aggregate-cache-size:10000}") int capacity) {
        return new CheckedAggregateCache(eventStore, capacity);
    }

    /** "Today", for dates a client leaves out, in the programmes' own time zone. */
    @Bean
    Clock clock(@Value("${mentoring.time-zone}") ZoneId zone) {
        return Clock.system(zone);
    }

    /**
     * So that {@code @PastOrPresent} means "not after today" in that same zone, and
     * {@code @NotBlank} refuses text of Unicode spaces only ({@link BlankAwareNotBlankValidator}).
     */
    @Bean
    ValidationConfigurationCustomizer validation(Clock clock) {
        return configuration -> {
            configuration.clockProvider(() -> clock);
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                ConstraintMapping notBlank = hibernate.createConstraintMapping();
                notBlank.constraintDefinition(NotBlank.class).includeExistingValidators(false)
                        .validatedBy(BlankAwareNotBlankValidator.class);
                hibernate.addMapping(notBlank);
            }
        };
    }

    /** Endpoints take the request's {@code If-Match} as an {@link IfMatch} parameter. */
    @Bean
    WebMvcConfigurer ifMatchParameters() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new IfMatch.Resolver());
            }
        };
    }

    /** Request bodies take dates as ISO strings only ({@link IsoDateDeserializer}). */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer isoDatesInRequests() {
        return builder -> builder.deserializerByType(LocalDate.class, new IsoDateDeserializer());
    }
}
