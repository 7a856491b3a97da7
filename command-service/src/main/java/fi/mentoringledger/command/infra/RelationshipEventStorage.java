package fi.mentoringledger.command.infra;

import java.util.Optional;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.hibernate.Session;

/**
 * Axon's JPA storage engine, as its auto-configuration builds it, without two costs that every
 * command paid (measured in BENCHMARKS.md, "Where a command's time goes"):
 * <ul>
 * <li>No snapshot is ever written here (no aggregate has a snapshot trigger), so none is read: the
 * engine's snapshot query ran on every load of a relationship, an untyped query with a constructor
 * expression that Hibernate parsed afresh each time.</li>
 * <li>The last sequence number of a relationship, which {@link CheckedAggregateCache} asks before
 * every use of a kept aggregate, is one plain SQL query on the transaction's connection rather than
 * a Hibernate query.</li>
 * </ul>
 */
public class RelationshipEventStorage extends JpaEventStorageEngine {

    public RelationshipEventStorage(Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    /** Refused: a snapshot stored here would never be read. */
    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        throw new UnsupportedOperationException("this event store keeps no snapshots");
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return entityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (var statement = connection.prepareStatement(
                    "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?")) {
                statement.setString(1, aggregateIdentifier);
                try (var result = statement.executeQuery()) {
                    result.next();
                    long last = result.getLong(1);
                    return result.wasNull() ? Optional.empty() : Optional.of(last);
                }
            }
        });
    }
}
