package fi.mentoringledger.query.infra;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Parks an event only when the event itself is the trouble. A failure of the database (a lost
 * connection, a deadlock, a timeout, a server shutting down) says nothing about the event: parking
 * it would take a healthy relationship out of the projection for as long as nobody retries it.
 * Such a failure fails the whole batch instead, which rolls back (rows and token together) and is
 * processed again when the processor retries with back-off.
 * <p>
 * When a parked letter is retried and fails for such a reason, it simply stays parked.
 */
final class ParkOnlyPoisonEvents implements EnqueuePolicy<EventMessage<?>> {

    /** SQLSTATE classes: connection, transaction rollback (deadlock, serialization), resources, operator. */
    private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "40", "53", "57");

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (isTransient(cause) && !retryingALetter()) {
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("projection failed for a passing reason; the batch is retried", cause);
        }
        return Decisions.enqueue(ThrowableCause.truncated(cause));
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && (TRANSIENT_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2))
                            || "55P03".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Axon's retry of a dead letter runs in a unit of work that carries the letter. */
    private static boolean retryingALetter() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
    }
}
