package fi.mentoringledger.eventstore;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.hibernate.exception.JDBCConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure of PostgreSQL from a failure of the work, however deeply Axon, Hibernate, Spring
 * or the pool wrapped it, for both services: the one definition of "the database, not the request".
 * Two questions, because the answers differ on purpose:
 * <ul>
 * <li>{@link #unreachableIsCauseOf}: PostgreSQL cannot be reached right now (refused, restarting, a
 * connection cut, no connection free in time). A command then answers {@code 503}: it was most
 * likely not recorded and may be sent again. A deadlock or serialization failure of a command is
 * not this: it is a conflict between commands, which the command side answers as such.</li>
 * <li>{@link #passingIsCauseOf}: that, or a passing condition of the transaction (deadlock,
 * serialization failure, lock not available, resources or operator intervention). A read or an
 * event handler is then worth doing again later: a query answers {@code 503}, and an event
 * processor retries the event rather than parking it as a dead letter.</li>
 * </ul>
 */
public final class DatabaseFailures {

    /**
     * SQLSTATEs of a lost or refused connection besides class 08 (connection exception): 53300 (too
     * many connections), 57P01-57P03 (terminated by an administrator, crash shutdown, cannot connect now).
     */
    private static final Set<String> UNREACHABLE_STATES = Set.of("53300", "57P01", "57P02", "57P03");

    /**
     * SQLSTATE classes 08 (connection), 40 (transaction rollback: deadlock, serialization), 53
     * (insufficient resources), 57 (operator intervention: shutdown, cancel); and 55P03 (lock not
     * available).
     */
    private static final Set<String> PASSING_STATE_CLASSES = Set.of("08", "40", "53", "57");

    /**
     * HikariCP closes a connection it has seen fail with a connection error; the transaction's next
     * statement on it then fails with this message and no SQLSTATE.
     */
    private static final String CLOSED_BY_POOL = "Connection is closed";

    private DatabaseFailures() {
    }

    /** PostgreSQL cannot be reached at the moment. */
    public static boolean unreachableIsCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof JDBCConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && (isUnreachableState(sql.getSQLState()) || isClosedByThePool(sql))) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL cannot be reached, or the transaction met a passing condition: try again later. */
    public static boolean passingIsCauseOf(Throwable failure) {
        if (unreachableIsCauseOf(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException) {
                return true;
            }
            if (cause instanceof SQLException sql && isPassingState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable cause) {
        return cause.getCause() == cause ? null : cause.getCause();
    }

    private static boolean isUnreachableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || UNREACHABLE_STATES.contains(sqlState));
    }

    private static boolean isPassingState(String sqlState) {
        return sqlState != null && sqlState.length() >= 2
                && (PASSING_STATE_CLASSES.contains(sqlState.substring(0, 2)) || "55P03".equals(sqlState));
    }

    private static boolean isClosedByThePool(SQLException e) {
        return e.getSQLState() == null && CLOSED_BY_POOL.equals(e.getMessage());
    }
}
