package fi.mentoringledger.eventstore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own for one integration test class, on the real PostgreSQL that the machine
 * runs (127.0.0.1:5432, user postgres, unless {@code TEST_POSTGRES_URL}, {@code _USER} and
 * {@code _PASSWORD} say otherwise), so that runs never see each other's data.
 * Names carry their creation time: leftovers of killed runs are dropped once they are old.
 *
 * <p>The services run in it as they do in production (README, "Security"): migrations as the
 * owner (the user above), each service's connections as a login role of its own, a member of the
 * group role that the migrations grant to ({@link #commandServiceProperties()},
 * {@link #queryServiceProperties()}). Roles belong to the server, not a database: the two login
 * roles are made once and shared by every test database.
 *
 * <p>As a JUnit extension it is the test class's set-up and tear-down:
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresTestDatabase database = PostgresTestDatabase.create();
 *
 * @BeforeAll
 * static void bothServices() {
 *     commands = database.closeAfterAll(CommandServiceProcess.start(database));
 * }
 * }</pre>
 * after the class's tests it closes what {@link #closeAfterAll} was given, the last first, then
 * drops the database.
 *
 * <p>It lives in the test-support module but keeps the package it had in the event store's tests,
 * so that the tests which import it did not change.
 */
public final class PostgresTestDatabase implements AutoCloseable, AfterAllCallback {

    private static final String PREFIX = "ml_test_";
    private static final Duration LEFTOVER_AGE = Duration.ofHours(3);

    /** The command-service's login role in tests, a member of ledger_command. */
    public static final String COMMAND_USER = "ml_test_command";
    /** The query-service's login role in tests, a member of ledger_query. */
    public static final String QUERY_USER = "ml_test_query";
    /** Both login roles' password, for servers that do not trust local connections. */
    public static final String SERVICE_PASSWORD = "ml_test_service";

    private final String name;
    private final Deque<AutoCloseable> closedAfterAll = new ArrayDeque<>();
    private volatile boolean refusingConnections;

    private PostgresTestDatabase(String name) {
        this.name = name;
    }

    public static PostgresTestDatabase create() {
        String name = PREFIX + Instant.now().getEpochSecond() + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36).toLowerCase(Locale.ROOT);
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            dropLeftovers(admin);
            createServiceRoles(admin);
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

    /** As the owner, who runs the migrations. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), password());
    }

    /** As the owner: for tests that look at (or tamper with) what no service's role may. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(username());
        dataSource.setPassword(password());
        return dataSource;
    }

    /** As {@code role} ({@link #COMMAND_USER} or {@link #QUERY_USER}). */
    public Connection connectAs(String role) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), role, SERVICE_PASSWORD);
    }

    /**
     * The command-service's connection settings: its pool as {@link #COMMAND_USER}, Flyway as the owner.
     */
    public Map<String, String> commandServiceProperties() {
        return serviceProperties(COMMAND_USER);
    }

    /** The query-service's connection settings: its pool as {@link #QUERY_USER}, Flyway as the owner. */
    public Map<String, String> queryServiceProperties() {
        return serviceProperties(QUERY_USER);
    }

    /** {@code properties} as command-line arguments of a Spring Boot application. */
    public static List<String> arguments(Map<String, String> properties) {
        return properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toList();
    }

    private Map<String, String> serviceProperties(String role) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl());
        properties.put("spring.datasource.username", role);
        properties.put("spring.datasource.password", SERVICE_PASSWORD);
        properties.put("spring.flyway.user", username());
        properties.put("spring.flyway.password", password());
        return properties;
    }

    /**
     * A connection to the server's admin database, for what cannot be done from inside this one,
     * such as {@code ALTER DATABASE … ALLOW_CONNECTIONS false} to simulate an outage.
     */
    public Connection connectToServer() throws SQLException {
        return adminConnection();
    }

    /**
     * An outage, or its end: while {@code allowed} is false the server refuses every new connection to
     * this database. {@code admin} is a {@link #connectToServer() connection to the server}. If a test
     * class leaves the database refusing, it is allowed again after the class, before its services stop.
     */
    public void allowConnections(Connection admin, boolean allowed) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allowed);
        }
        refusingConnections = !allowed;
    }

    /** Ends every other session on this database, as a network failure would; how many it ended. */
    public int terminateConnections(Connection admin) throws SQLException {
        try (PreparedStatement kill = admin.prepareStatement("""
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = ? AND pid <> pg_backend_pid()""")) {
            kill.setString(1, name);
            try (ResultSet killed = kill.executeQuery()) {
                killed.next();
                return killed.getInt(1);
            }
        }
    }

    /**
     * While connections are refused, ends this database's sessions every 200 ms until
     * {@code outageSeen} holds, at most {@code atMost}; how many it ended. An outage takes every
     * connection, and a session whose start-up passed the database's check just before the
     * refusal can survive one termination.
     */
    public int terminateConnectionsUntil(Connection admin, Duration atMost, Callable<Boolean> outageSeen)
            throws Exception {
        Instant deadline = Instant.now().plus(atMost);
        int terminated = 0;
        while (true) {
            terminated += terminateConnections(admin);
            if (Boolean.TRUE.equals(outageSeen.call())) {
                return terminated;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the outage was not seen within " + atMost + " (" + terminated
                        + " connections ended)");
            }
            Thread.sleep(200);
        }
    }

    /** {@code resource} (a service, a browser) is closed after the test class, before the database is dropped. */
    public synchronized <T extends AutoCloseable> T closeAfterAll(T resource) {
        closedAfterAll.push(resource);
        return resource;
    }

    /** After the test class (not after each of its {@link Nested} classes, which inherit the extension). */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
            return;
        }
        Exception failure = null;
        if (refusingConnections) {
            try (Connection admin = connectToServer()) {
                allowConnections(admin, true);
            } catch (SQLException e) {
                failure = e;
            }
        }
        synchronized (this) {
            while (!closedAfterAll.isEmpty()) {
                try {
                    closedAfterAll.pop().close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        close();
        if (failure != null) {
            throw failure;
        }
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

    /**
     * The group roles (which the event store's migration V4 also creates when missing) and the
     * tests' login roles in them. Concurrent runs may race to create a role: the loser finds it made.
     */
    private static void createServiceRoles(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            for (String[] role : new String[][] {{"ledger_command", COMMAND_USER}, {"ledger_query", QUERY_USER}}) {
                statement.execute("""
                        DO $$
                        BEGIN
                            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                                CREATE ROLE %1$s NOLOGIN;
                            END IF;
                            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%2$s') THEN
                                CREATE ROLE %2$s LOGIN PASSWORD '%3$s' IN ROLE %1$s;
                            END IF;
                        EXCEPTION
                            WHEN duplicate_object OR unique_violation THEN NULL;
                        END
                        $$""".formatted(role[0], role[1], SERVICE_PASSWORD));
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
