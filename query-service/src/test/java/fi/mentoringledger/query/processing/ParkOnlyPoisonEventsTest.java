package fi.mentoringledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class ParkOnlyPoisonEventsTest {

    private final ParkOnlyPoisonEvents policy = new ParkOnlyPoisonEvents();
    private final DeadLetter<EventMessage<?>> letter =
            new GenericDeadLetter<>("relationship-1", GenericEventMessage.asEventMessage("an event"));

    @Test
    void parksAnEventTheDatabaseRejects() {
        DataIntegrityViolationException tooLong = new DataIntegrityViolationException("insert failed",
                new SQLException("ERROR: value too long for type character varying(200)", "22001"));

        EnqueueDecision<EventMessage<?>> decision = policy.decide(letter, tooLong);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).hasValueSatisfying(cause -> assertThat(((Cause) cause).type())
                .isEqualTo(DataIntegrityViolationException.class.getName()));
    }

    @Test
    void parksAnEventAHandlerThrowsOn() {
        assertThat(policy.decide(letter, new IllegalStateException("no such goal")).shouldEnqueue()).isTrue();
    }

    @Test
    void failsTheBatchWhenTheConnectionIsLost() {
        CannotGetJdbcConnectionException lost = new CannotGetJdbcConnectionException("no connection",
                new SQLException("Connection refused", "08001"));

        assertThatThrownBy(() -> policy.decide(letter, lost)).isSameAs(lost);
    }

    @Test
    void failsTheBatchOnADeadlock() {
        CannotAcquireLockException deadlock = new CannotAcquireLockException("deadlock",
                new SQLException("ERROR: deadlock detected", "40P01"));

        assertThatThrownBy(() -> policy.decide(letter, deadlock)).isSameAs(deadlock);
    }

    @Test
    void failsTheBatchWhenTheServerShutsDown() {
        DataAccessResourceFailureException shutdown = new DataAccessResourceFailureException("terminated",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));

        assertThatThrownBy(() -> policy.decide(letter, shutdown)).isSameAs(shutdown);
    }

    @Test
    void failsTheBatchWhenThePoolHasClosedTheConnection() {
        RuntimeException closed = new RuntimeException("update failed", new SQLException("Connection is closed"));

        assertThatThrownBy(() -> policy.decide(letter, closed)).isSameAs(closed);
    }

    @Test
    void keepsARetriedLetterParkedWhatever() {
        UnitOfWork<?> retry = DefaultUnitOfWork.startAndGet(letter.message());
        retry.resources().put(DeadLetter.class.getName(), letter);
        try {
            CannotAcquireLockException deadlock = new CannotAcquireLockException("deadlock",
                    new SQLException("ERROR: deadlock detected", "40P01"));

            assertThat(policy.decide(letter, deadlock).shouldEnqueue()).isTrue();
        } finally {
            retry.rollback();
        }
    }
}
