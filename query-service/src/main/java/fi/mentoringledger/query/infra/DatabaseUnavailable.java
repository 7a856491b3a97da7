package fi.mentoringledger.query.infra;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.hibernate.exception.JDBCConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises a failure of the database rather than of the work: PostgreSQL refused, restarting or
 * cut off, no connection free in time, a deadlock or a serialization failure, however deeply
 * Axon, Hibernate, Spring or the pool wrapped it. Such work is worth doing again later.
 */
final class DatabaseUnavailable {

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

    private DatabaseUnavailable() {
    }

    static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof JDBCConnectionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && (isPassingState(sql.getSQLState()) || isClosedByThePool(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPassingState(String sqlState) {
        return sqlState != null && sqlState.length() >= 2
                && (PASSING_STATE_CLASSES.contains(sqlState.substring(0, 2)) || "55P03".equals(sqlState));
    }

    private static boolean isClosedByThePool(SQLException e) {
        return e.getSQLState() == null && CLOSED_BY_POOL.equals(e.getMessage());
    }
}
