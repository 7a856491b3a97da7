package fi.mentoringledger.query.support;

import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import fi.mentoringledger.eventstore.PostgresTestDatabase;

/**
 * A PostgreSQL database of its own with the service's real migrations, for projection tests that
 * call the handlers directly: no Spring context, no event processor, the same SQL as in production.
 * A test class registers it as a JUnit extension ({@code @RegisterExtension}), which drops the
 * database after the class's tests and, made with {@link #emptiedBeforeEach()}, empties the read
 * models before each test.
 */
public final class ReadModelDatabase implements AutoCloseable, AfterAllCallback, BeforeEachCallback {

    private final PostgresTestDatabase database;
    private final boolean emptiedBeforeEach;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;
    private final TransactionTemplate transaction;

    private ReadModelDatabase(PostgresTestDatabase database, boolean emptiedBeforeEach) {
        this.database = database;
        this.emptiedBeforeEach = emptiedBeforeEach;
        this.dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), database.jdbcUrl(),
                database.username(), database.password());
        this.namedJdbc = new NamedParameterJdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(namedJdbc);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** A database whose read models the tests of a class share. */
    public static ReadModelDatabase create() {
        return migrated(new ReadModelDatabase(PostgresTestDatabase.create(), false));
    }

    /** A database whose read models are empty at the start of each test. */
    public static ReadModelDatabase emptiedBeforeEach() {
        return migrated(new ReadModelDatabase(PostgresTestDatabase.create(), true));
    }

    private static ReadModelDatabase migrated(ReadModelDatabase db) {
        Flyway.configure().dataSource(db.dataSource).table("flyway_event_store_history")
                .locations("classpath:db/eventstore").load().migrate();
        Flyway.configure().dataSource(db.dataSource).table("flyway_query_history")
                .locations("classpath:db/query").baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return db;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** For the projections, which write their rows in JDBC batches. */
    public NamedParameterJdbcTemplate namedJdbc() {
        return namedJdbc;
    }

    /** Runs event handlers as the processor would: in one transaction. */
    public void inTransaction(Runnable work) {
        transaction.executeWithoutResult(status -> work.run());
    }

    /** Empties every read model and starts each projection again at generation 1. */
    public void clear() {
        inTransaction(() -> {
            jdbc.sql("""
                    TRUNCATE relationship_summary, relationship_goal, relationship_concern, relationship_meeting,
                             relationship_history, outcome_fact, outcome_counter, outcome_close_days,
                             relationship_count""").update();
            jdbc.sql("UPDATE projection_generation SET active = 1, building = NULL").update();
        });
    }

    /**
     * Every row of {@code table} in the generation that reads use, as JSON without the generation,
     * in a stable order: for comparing what two ways of building a read model left.
     */
    public List<String> activeRows(String table, String projection) {
        if (!table.matches("[a-z_]+") || !projection.matches("[a-z-]+")) {
            throw new IllegalArgumentException(table + " / " + projection);
        }
        return jdbc.sql("SELECT (to_jsonb(t) - 'generation')::text AS row FROM " + table + " t WHERE generation = "
                        + "(SELECT active FROM projection_generation WHERE projection = :projection) ORDER BY 1")
                .param("projection", projection)
                .query(String.class)
                .list();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emptiedBeforeEach) {
            clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        database.close();
    }
}
