package fi.mentoringledger.eventstore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database of its own for one integration test class, on the real PostgreSQL that the machine
 * runs (127.0.0.1:5432, user postgres, unless {@code TEST_POSTGRES_URL}, {@code _USER} and
 * {@code _PASSWORD} say otherwise), so that runs never see each other's data.
 * Names carry their creation time: leftovers of killed runs are dropped once they are old.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    private static final String PREFIX = "ml_test_";
    private static final Duration LEFTOVER_AGE = Duration.ofHours(3);

    private final String name;

    private PostgresTestDatabase(String name) {
        this.name = name;
    }

    public static PostgresTestDatabase create() {
        String name = PREFIX + Instant.now().getEpochSecond() + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36).toLowerCase(Locale.ROOT);
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            dropLeftovers(admin);
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + adminUrl()
                    + " (is PostgreSQL running? bin/test starts one)", e);
        }
        PostgresTestDatabase database = new PostgresTestDatabase(name);
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "drop-" + name));
        return database;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        String admin = adminUrl();
        return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
    }

    public String username() {
        return System.getenv().getOrDefault("TEST_POSTGRES_USER", "postgres");
    }

    public String password() {
        return System.getenv().getOrDefault("TEST_POSTGRES_PASSWORD", "");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), password());
    }

    /**
     * A connection to the server's admin database, for what cannot be done from inside this one,
     * such as {@code ALTER DATABASE … ALLOW_CONNECTIONS false} to simulate an outage.
     */
    public Connection connectToServer() throws SQLException {
        return adminConnection();
    }

    @Override
    public void close() {
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // Best effort at JVM exit: a database left behind is dropped by a later run.
        }
    }

    private static void dropLeftovers(Connection admin) throws SQLException {
        long cutoff = Instant.now().minus(LEFTOVER_AGE).getEpochSecond();
        List<String> old = new ArrayList<>();
        try (Statement statement = admin.createStatement();
             var rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            while (rows.next()) {
                String candidate = rows.getString(1);
                String[] parts = candidate.substring(PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                    old.add(candidate);
                }
            }
        }
        try (Statement statement = admin.createStatement()) {
            for (String database : old) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static String adminUrl() {
        return System.getenv().getOrDefault("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(adminUrl(),
                System.getenv().getOrDefault("TEST_POSTGRES_USER", "postgres"),
                System.getenv().getOrDefault("TEST_POSTGRES_PASSWORD", ""));
    }
}
