package fi.mentoringledger.command.infra;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.hibernate.exception.JDBCConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Recognises a failure that means "PostgreSQL cannot be reached right now" — refused, restarting,
 * a connection cut, no connection free in time — however deeply Axon, Hibernate, Spring or the
 * pool wrapped it. Such a request is worth retrying later; it is not a defect of the service.
 */
final class DatabaseUnavailable {

    /**
     * SQLSTATEs of a lost or refused connection: class 08 (connection exception), 53300 (too many
     * connections), 57P01-57P03 (terminated by an administrator, crash shutdown, cannot connect now).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("53300", "57P01", "57P02", "57P03");

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
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof JDBCConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && (isUnavailableState(sql.getSQLState()) || isClosedByThePool(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || UNAVAILABLE_STATES.contains(sqlState));
    }

    private static boolean isClosedByThePool(SQLException e) {
        return e.getSQLState() == null && CLOSED_BY_POOL.equals(e.getMessage());
    }
}
