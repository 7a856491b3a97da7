package fi.mentoringledger.query.processing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens on one PostgreSQL connection of its own for the notification that the event store's
 * trigger sends when events are appended (event store migration V5), and passes it on at once.
 * <p>
 * Not a pooled connection: LISTEN belongs to a session, and a pooled one would be handed to other
 * work (and reset) while this waits. The connection is named {@value #APPLICATION_NAME} in
 * {@code pg_stat_activity}. When it breaks (the database restarted, the backend was terminated, a
 * network failure found by the periodic check), it is opened again with a growing pause, and
 * {@code onArrival} runs once listening again, since events appended meanwhile were announced to
 * nobody. Until then the event store is still read every fetch delay, so a lost notification
 * delays the projections, never loses an event.
 */
final class EventArrivalListener implements SmartLifecycle {

    static final String CHANNEL = "ledger_events";
    static final String APPLICATION_NAME = "mentoring-ledger-event-listener";

    private static final Logger log = LoggerFactory.getLogger(EventArrivalListener.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    /** How long a silent connection waits before it is checked (a dead peer sends no error). */
    private static final Duration CHECK_AFTER = Duration.ofSeconds(10);

    private final String url;
    private final String username;
    private final String password;
    private final Runnable onArrival;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    EventArrivalListener(String url, String username, String password, Runnable onArrival) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.onArrival = onArrival;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread listener = new Thread(this::listen, "event-arrival-listener");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
        }
        abort(connection);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        Duration pause = FIRST_PAUSE;
        boolean lost = false;
        while (running) {
            try (Connection listening = connect()) {
                connection = listening;
                PGConnection postgres = listening.unwrap(PGConnection.class);
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (lost) {
                    log.info("Listening for appended events again");
                } else {
                    log.debug("Listening for appended events on channel {}", CHANNEL);
                }
                lost = false;
                pause = FIRST_PAUSE;
                onArrival.run();
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications((int) CHECK_AFTER.toMillis());
                    if (notifications != null && notifications.length > 0) {
                        onArrival.run();
                    } else if (!listening.isValid(5)) {
                        throw new SQLException("the listening connection stopped answering");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (!lost) {
                    log.warn("Not listening for appended events ({}); projections read the event store every "
                            + "fetch delay until the connection is back", e.getMessage());
                    lost = true;
                } else {
                    log.debug("Listening for appended events failed again", e);
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            } finally {
                connection = null;
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, properties);
    }

    /** Closes the socket under a thread waiting for notifications (close() would wait for its lock). */
    private static void abort(Connection connection) {
        if (connection != null) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                log.debug("Closing the listening connection failed", e);
            }
        }
    }
}
