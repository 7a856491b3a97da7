package fi.mentoringledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;

/** The one definition of "the database, not the request", and where its two questions differ. */
class DatabaseFailuresTest {

    @Test
    void aLostOrRefusedConnectionIsUnreachableAndPassingHoweverDeeplyWrapped() {
        for (Throwable failure : new Throwable[] {
                wrapped(new SQLException("connection refused", "08001")),
                wrapped(new SQLException("too many clients", "53300")),
                wrapped(new SQLException("terminating connection due to administrator command", "57P01")),
                wrapped(new SQLException("Connection is closed")),
                wrapped(new SQLTransientConnectionException("pool timed out")),
                new DataAccessResourceFailureException("down")}) {
            assertThat(DatabaseFailures.unreachableIsCauseOf(failure)).as(failure.toString()).isTrue();
            assertThat(DatabaseFailures.passingIsCauseOf(failure)).as(failure.toString()).isTrue();
        }
    }

    @Test
    void aDeadlockOrASerializationFailureIsPassingButNotUnreachable() {
        for (Throwable failure : new Throwable[] {
                wrapped(new SQLException("deadlock detected", "40P01")),
                wrapped(new SQLException("could not serialize access", "40001")),
                wrapped(new SQLException("lock not available", "55P03")),
                new CannotAcquireLockException("lock")}) {
            assertThat(DatabaseFailures.unreachableIsCauseOf(failure)).as(failure.toString()).isFalse();
            assertThat(DatabaseFailures.passingIsCauseOf(failure)).as(failure.toString()).isTrue();
        }
    }

    @Test
    void aFailureOfTheWorkIsNeither() {
        for (Throwable failure : new Throwable[] {
                wrapped(new SQLException("value too long for type character varying(35)", "22001")),
                new DataIntegrityViolationException("duplicate key"),
                new IllegalStateException("a defect"),
                wrapped(new SQLException("internal error", "XX000"))}) {
            assertThat(DatabaseFailures.unreachableIsCauseOf(failure)).as(failure.toString()).isFalse();
            assertThat(DatabaseFailures.passingIsCauseOf(failure)).as(failure.toString()).isFalse();
        }
    }

    private static Throwable wrapped(SQLException cause) {
        return new IllegalStateException("handler failed", new RuntimeException("unit of work", cause));
    }
}
