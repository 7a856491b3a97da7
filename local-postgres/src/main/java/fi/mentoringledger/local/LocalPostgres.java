package fi.mentoringledger.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL of the local run: a real server started from a Maven dependency (no installation),
 * keeping its data in a directory between runs, listening on loopback only. Both services connect
 * to it as they would to any PostgreSQL. Trust authentication is safe here only because nothing
 * but this machine can reach it.
 *
 * <p>As in any deployment (README, "Security"), each service connects with a login role of its own,
 * {@value #COMMAND_USER} and {@value #QUERY_USER}, members of the group roles that the migrations
 * grant to; the migrations run as {@code postgres}. Their passwords come from the local run
 * ({@code LEDGER_COMMAND_DB_PASSWORD}, {@code LEDGER_QUERY_DB_PASSWORD}), which keeps them in its
 * data folder.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final int DEFAULT_PORT = 54329;
    public static final String DATABASE = "mentoring";
    public static final String COMMAND_USER = "ledger_command_app";
    public static final String QUERY_USER = "ledger_query_app";

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts (or restarts on the data already there) and makes sure the database exists. */
    public static LocalPostgres start(int port, Path dataDirectory) throws IOException, SQLException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // The library turns these off by default, for throwaway test databases; this one
                // keeps the local run's records between restarts, so a crash must not lose or
                // corrupt what was acknowledged.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            createDatabaseIfMissing(connection);
            loginRole(connection, COMMAND_USER, "ledger_command", System.getenv("LEDGER_COMMAND_DB_PASSWORD"));
            loginRole(connection, QUERY_USER, "ledger_query", System.getenv("LEDGER_QUERY_DB_PASSWORD"));
        }
        return new LocalPostgres(server);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private static void createDatabaseIfMissing(Connection connection) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + DATABASE);
        }
    }

    /**
     * A service's login role in its group (both made when missing, the group as the event store's
     * migration V4 would), with this run's password; none without a password.
     */
    private static void loginRole(Connection connection, String user, String group, String password) throws SQLException {
        if (password == null || password.isBlank()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            if (!roleExists(connection, group)) {
                statement.execute("CREATE ROLE " + group + " NOLOGIN");
            }
            if (!roleExists(connection, user)) {
                statement.execute("CREATE ROLE " + user + " LOGIN");
            }
            statement.execute("ALTER ROLE " + user + " PASSWORD '" + password.replace("'", "''") + "'");
            statement.execute("GRANT " + group + " TO " + user);
        }
    }

    private static boolean roleExists(Connection connection, String role) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            exists.setString(1, role);
            try (ResultSet rows = exists.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Arguments: [port] [data directory]; defaults 54329 and .local-data/postgres. Runs until stopped. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        Path data = Path.of(args.length > 1 ? args[1] : ".local-data/postgres").toAbsolutePath();
        LocalPostgres postgres = start(port, data);
        log.info("PostgreSQL is ready at {} (user postgres), data kept in {}", postgres.jdbcUrl(), data);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("PostgreSQL did not stop cleanly", e);
            }
            stopped.countDown();
        }, "stop-local-postgres"));
        stopped.await();
    }
}
