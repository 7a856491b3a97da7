package fi.mentoringledger.eventstore;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import fi.mentoringledger.eventstore.personaldata.ConfiguredKeyEncryptionKeys;
import fi.mentoringledger.eventstore.personaldata.CryptoShreddingSerializer;
import fi.mentoringledger.eventstore.personaldata.KeyEncryptionKeys;
import fi.mentoringledger.eventstore.personaldata.KeyRewrapAtStartup;
import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys;
import fi.mentoringledger.eventstore.personaldata.ReadModelSealing;
import fi.mentoringledger.eventstore.upcasting.EventUpcasters;

/**
 * The JSON form of stored events, tokens and messages, owned here rather than borrowed from the web
 * layer's ObjectMapper: events are read back for years, so a tweak to how the HTTP API parses
 * requests must never change how events are written or read. Dates are ISO strings; fields that an
 * older event lacks or a newer one adds do not break reading. A changed shape is a new revision,
 * read from older revisions by an upcaster ({@link EventUpcasters}).
 */
@Configuration(proxyBeanMethods = false)
@Import(EventUpcasters.class)
public class EventSerialization {

    /** The ObjectMapper of stored events; public so that tests can read stored JSON as the services do. */
    public static ObjectMapper eventObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    /**
     * Events: JSON with their personal data sealed per person ({@link CryptoShreddingSerializer});
     * public so that tests can read stored events as the services do.
     */
    public static Serializer sealingEventSerializer(JdbcClient jdbc, PersonalDataKeys keys) {
        ObjectMapper json = eventObjectMapper();
        return new CryptoShreddingSerializer(JacksonSerializer.builder().objectMapper(json).build(), json, jdbc, keys);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(JdbcClient jdbc, PersonalDataKeys keys) {
        return sealingEventSerializer(jdbc, keys);
    }

    /** The read models' sealing shares the event serializer's keys and what it knows of each pair. */
    @Bean
    ReadModelSealing readModelSealing(@Qualifier("eventSerializer") Serializer eventSerializer) {
        return ((CryptoShreddingSerializer) eventSerializer).readModelSealing();
    }

    /** Required: without a key-encryption key in the configuration the service does not start. */
    @Bean
    KeyEncryptionKeys keyEncryptionKeys(Environment environment) {
        return ConfiguredKeyEncryptionKeys.from(environment);
    }

    @Bean
    PersonalDataKeys personalDataKeys(JdbcClient jdbc, KeyEncryptionKeys keyEncryptionKeys) {
        return new PersonalDataKeys(jdbc, keyEncryptionKeys);
    }

    @Bean
    KeyRewrapAtStartup keyRewrapAtStartup(PersonalDataKeys keys, KeyEncryptionKeys keyEncryptionKeys,
            @Value("${mentoring.personal-data.kek.rewrap-at-start:true}") boolean rewrap) {
        return new KeyRewrapAtStartup(keys, keyEncryptionKeys, rewrap);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }
}
