package fi.mentoringledger.query.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import fi.mentoringledger.eventstore.DatabaseFailures;

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

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (DatabaseFailures.passingIsCauseOf(cause) && !retryingALetter()) {
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

    /** Axon's retry of a dead letter runs in a unit of work that carries the letter. */
    private static boolean retryingALetter() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
    }
}
