package fi.mentoringledger.eventstore.tracing;

import org.axonframework.tracing.SpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opentelemetry.api.OpenTelemetry;

/**
 * Axon's spans on the tracer both services configure ({@link MessageSpans}). Off with the rest of
 * tracing ({@code management.tracing.enabled=false}, as in Spring Boot's own tests unless they ask
 * for it): Axon then keeps its no-op span factory and no trace context goes into the metadata.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "management.tracing.enabled", matchIfMissing = true)
public class MessageTracing {

    @Bean
    SpanFactory messageSpans(ObjectProvider<OpenTelemetry> openTelemetry) {
        return new MessageSpans(openTelemetry.getIfAvailable(OpenTelemetry::noop));
    }
}
