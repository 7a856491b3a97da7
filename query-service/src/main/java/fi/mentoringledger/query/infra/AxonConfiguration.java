package fi.mentoringledger.query.infra;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon wiring that the Spring Boot defaults do not give. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /**
     * A projection that fails on an event must not skip it: Axon's default only logs the failure
     * and moves the token on, which would leave a count silently short. Propagating the failure
     * rolls the batch (rows and token together) back, and the processor retries it with back-off.
     */
    @Bean
    ConfigurerModule projectionsNeverSkipEvents() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }
}
