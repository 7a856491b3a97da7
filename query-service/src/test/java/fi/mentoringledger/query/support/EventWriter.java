package fi.mentoringledger.query.support;

import java.util.List;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import fi.mentoringledger.eventstore.EventSerialization;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.eventstore.personaldata.KeyEncryptionKeys;
import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys;

/**
 * Stores events for a query-service under test as the command-service would: sealed with the
 * same key-encryption keys, in Axon's rows, one transaction per call. The query-service's own
 * database role may not write events or keys (README, "Security"), so this connects as the
 * database's owner instead of borrowing the service's event store.
 */
public final class EventWriter {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Serializer serializer;

    EventWriter(PostgresTestDatabase database, KeyEncryptionKeys keyEncryptionKeys) {
        DataSource owner = new SimpleDriverDataSource(new org.postgresql.Driver(), database.jdbcUrl(),
                database.username(), database.password());
        this.jdbc = JdbcClient.create(owner);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(owner));
        this.serializer = EventSerialization.sealingEventSerializer(jdbc, new PersonalDataKeys(jdbc, keyEncryptionKeys));
    }

    public void append(List<? extends DomainEventMessage<?>> events) {
        append(events, () -> true);
    }

    /**
     * Inserts {@code events} in one transaction, then asks {@code commit} (holding the transaction,
     * its global indexes taken, meanwhile) whether to commit it or roll it back.
     */
    public void append(List<? extends DomainEventMessage<?>> events, BooleanSupplier commit) {
        transaction.executeWithoutResult(status -> {
            events.forEach(this::insert);
            if (!commit.getAsBoolean()) {
                status.setRollbackOnly();
            }
        });
    }

    private void insert(DomainEventMessage<?> event) {
        DomainEventEntry entry = new DomainEventEntry(event, serializer);
        jdbc.sql("""
                        INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier,
                            sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (nextval('domain_event_entry_seq'), :eventId, :aggregateId, :sequence, :type,
                            :timestamp, :payloadType, :payloadRevision, :payload, :metaData)""")
                .param("eventId", entry.getEventIdentifier())
                .param("aggregateId", entry.getAggregateIdentifier())
                .param("sequence", entry.getSequenceNumber())
                .param("type", entry.getType())
                .param("timestamp", DateTimeUtils.formatInstant(event.getTimestamp()))
                .param("payloadType", entry.getPayload().getType().getName())
                .param("payloadRevision", entry.getPayload().getType().getRevision())
                .param("payload", entry.getPayload().getData())
                .param("metaData", entry.getMetaData().getData())
                .update();
    }
}
