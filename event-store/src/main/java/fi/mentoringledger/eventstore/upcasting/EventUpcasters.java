package fi.mentoringledger.eventstore.upcasting;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Every upcaster of the stored events, as beans: Axon's Spring Boot configuration chains all
 * EventUpcaster beans (in this order) into the event store that aggregates load from and that
 * the query side's processors read. Add a revision's upcaster here, after the older ones.
 */
@Configuration(proxyBeanMethods = false)
public class EventUpcasters {

    @Bean
    @Order(1)
    MeetingRecordedFormatUpcaster meetingRecordedFormatUpcaster() {
        return new MeetingRecordedFormatUpcaster();
    }
}
