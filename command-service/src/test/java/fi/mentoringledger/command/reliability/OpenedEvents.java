package fi.mentoringledger.command.reliability;

import java.util.List;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.mentoringledger.eventstore.EventSerialization;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.eventstore.personaldata.ConfiguredKeyEncryptionKeys;
import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys;
import fi.mentoringledger.security.TestUsers;

/** The stored events of a relationship as the services read them: personal data opened with its keys. */
final class OpenedEvents {

    private OpenedEvents() {
    }

    static List<Object> of(PostgresTestDatabase database, String relationshipId) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Serializer serializer = EventSerialization.sealingEventSerializer(jdbc, new PersonalDataKeys(jdbc,
                ConfiguredKeyEncryptionKeys.from(TestUsers.properties())));
        return jdbc.sql("""
                        SELECT payload_type, payload_revision, payload FROM domain_event_entry
                         WHERE aggregate_identifier = :id ORDER BY sequence_number""")
                .param("id", relationshipId)
                .query((rs, i) -> serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes("payload"), byte[].class,
                        new SimpleSerializedType(rs.getString("payload_type"), rs.getString("payload_revision")))))
                .list();
    }
}
