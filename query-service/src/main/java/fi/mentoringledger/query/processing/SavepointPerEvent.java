package fi.mentoringledger.query.processing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

import javax.sql.DataSource;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs each event handler inside a savepoint of the batch's transaction.
 * <p>
 * A statement that PostgreSQL rejects (a value too long for its column, a broken constraint)
 * aborts the whole transaction, so without a savepoint the dead-letter queue could not park that
 * one event and go on with the rest of the batch: the batch would fail, be retried and fail again
 * for ever. Rolling back to the savepoint undoes only the failing event's writes.
 * <p>
 * The savepoint is set on the batch's JDBC connection directly: Spring's nested transactions are
 * not available under the JPA transaction manager (Hibernate's dialect offers no savepoints), and
 * the projections write with plain JDBC on that same connection, so nothing of theirs lives in
 * the JPA session that a rollback to the savepoint would leave behind.
 * <p>
 * A {@link BatchedProjection} writes nothing while it handles an event, so its events need no
 * savepoint: a failing handler's changes are undone in memory ({@link BatchRows}). Only when its
 * batch is applied event by event, to find a poison event, does each event write its rows, and
 * then inside its savepoint.
 */
final class SavepointPerEvent implements HandlerEnhancerDefinition {

    private final ObjectProvider<DataSource> dataSource;

    SavepointPerEvent(ObjectProvider<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                BatchRows rows = target instanceof BatchedProjection batched ? batched.rows() : null;
                if (rows != null && !rows.eventByEvent()) {
                    return inMemory(rows, (EventMessage<?>) message, target);
                }
                DataSource source = dataSource.getObject();
                if (!TransactionSynchronizationManager.hasResource(source)) {
                    return super.handle(message, target);
                }
                if (rows != null) {
                    rows.beginEvent((EventMessage<?>) message);
                }
                Connection connection = DataSourceUtils.getConnection(source);
                try {
                    Savepoint savepoint = connection.setSavepoint();
                    Object result;
                    try {
                        result = super.handle(message, target);
                        if (rows != null) {
                            rows.endEvent();
                        }
                    } catch (Exception | Error failure) {
                        rollBack(connection, savepoint, failure);
                        if (rows != null) {
                            rows.undoEvent(failure);
                        }
                        throw failure;
                    }
                    connection.releaseSavepoint(savepoint);
                    return result;
                } finally {
                    DataSourceUtils.releaseConnection(connection, source);
                }
            }

            private Object inMemory(BatchRows rows, EventMessage<?> event, T target) throws Exception {
                rows.beginEvent(event);
                Object result;
                try {
                    result = super.handle(event, target);
                } catch (Exception | Error failure) {
                    rows.undoEvent(failure);
                    throw failure;
                }
                rows.endEvent();
                return result;
            }
        };
    }

    private static void rollBack(Connection connection, Savepoint savepoint, Throwable failure) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            // The connection is lost as well: the batch fails with it and is retried as a whole.
            failure.addSuppressed(e);
        }
    }
}
