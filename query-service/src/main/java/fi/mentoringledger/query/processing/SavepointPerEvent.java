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
                DataSource source = dataSource.getObject();
                if (!TransactionSynchronizationManager.hasResource(source)) {
                    return super.handle(message, target);
                }
                Connection connection = DataSourceUtils.getConnection(source);
                try {
                    Savepoint savepoint = connection.setSavepoint();
                    Object result;
                    try {
                        result = super.handle(message, target);
                    } catch (Exception | Error failure) {
                        rollBack(connection, savepoint, failure);
                        throw failure;
                    }
                    connection.releaseSavepoint(savepoint);
                    return result;
                } finally {
                    DataSourceUtils.releaseConnection(connection, source);
                }
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
