package fi.mentoringledger.command.infra;

import java.time.Clock;
import java.time.ZoneId;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring that Axon's and Spring's defaults do not give. */
@Configuration(proxyBeanMethods = false)
class CommandServiceConfiguration {

    /**
     * Copies the request's correlation id and the acting user from the command onto every event it
     * records. (Axon's default MessageOriginProvider would replace the request's id with the
     * command message's own.)
     */
    @Bean
    CorrelationDataProvider requestOrigin() {
        return new SimpleCorrelationDataProvider(CommandMetadata.CORRELATION_ID, CommandMetadata.ACTOR);
    }

    /** "Today", for dates a client leaves out, in the programmes' own time zone. */
    @Bean
    Clock clock(@Value("${mentoring.time-zone}") ZoneId zone) {
        return Clock.system(zone);
    }

    /** So that {@code @PastOrPresent} means "not after today" in that same zone. */
    @Bean
    ValidationConfigurationCustomizer validationClock(Clock clock) {
        return configuration -> configuration.clockProvider(() -> clock);
    }
}
