package fi.mentoringledger.query.processing;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.mentoringledger.api.relationship.MetadataKeys;

/**
 * While a projection handles an event, the log's correlation id is the one of the request that
 * recorded it (the event's metadata), beside the trace id that the event's trace context gives
 * the same lines: a line written here leads back to that request in the command-service's log.
 */
@Configuration(proxyBeanMethods = false)
class CorrelationInLogs {

    @Bean
    ConfigurerModule eventsCorrelationIdInTheLog() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultHandlerInterceptor((config, processor) -> new EventCorrelation()));
    }

    static final class EventCorrelation implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            Object correlationId = unitOfWork.getMessage().getMetaData().get(MetadataKeys.CORRELATION_ID);
            if (correlationId == null) {
                return chain.proceed();
            }
            String outer = MDC.get(MetadataKeys.CORRELATION_ID);
            MDC.put(MetadataKeys.CORRELATION_ID, correlationId.toString());
            try {
                return chain.proceed();
            } finally {
                if (outer == null) {
                    MDC.remove(MetadataKeys.CORRELATION_ID);
                } else {
                    MDC.put(MetadataKeys.CORRELATION_ID, outer);
                }
            }
        }
    }
}
