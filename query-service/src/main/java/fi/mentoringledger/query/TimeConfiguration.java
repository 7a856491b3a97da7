package fi.mentoringledger.query;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** "Today" is the programmes' date ({@code mentoring.time-zone}), not the server's. */
@Configuration
class TimeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${mentoring.time-zone:Europe/Helsinki}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
