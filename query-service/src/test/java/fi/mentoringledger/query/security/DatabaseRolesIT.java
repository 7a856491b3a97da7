package fi.mentoringledger.query.security;

import static fi.mentoringledger.eventstore.PostgresTestDatabase.COMMAND_USER;
import static fi.mentoringledger.eventstore.PostgresTestDatabase.QUERY_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.mentoringledger.eventstore.PostgresTestDatabase;

/**
 * Security review item 5: each service's database role holds what the service needs and nothing
 * more, as PostgreSQL itself enforces it. The migrations run as the owner, exactly as the services
 * run them (the event store's, then the query-service's); the statements then run as the tests'
 * login roles of the two services (members of ledger_command and ledger_query). Every refusal is
 * paired with what the same role may do, so that a refusal for another reason (a typo, a missing
 * table) cannot pass for a privilege withheld.
 */
class DatabaseRolesIT {

    private static final String PERMISSION_DENIED = "42501";

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static final JdbcClient owner = JdbcClient.create(database.dataSource());

    @BeforeAll
    static void migrateAsTheOwnerAndStoreOneOfEach() {
        Flyway.configure().dataSource(database.dataSource()).table("flyway_event_store_history")
                .locations("classpath:db/eventstore").load().migrate();
        Flyway.configure().dataSource(database.dataSource()).table("flyway_query_history")
                .locations("classpath:db/query").baselineOnMigrate(true).baselineVersion("0").load().migrate();
        owner.sql("""
                INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                    time_stamp, payload_type, payload)
                VALUES (nextval('domain_event_entry_seq'), 'e-1', 'r-1', 0, '2025-03-01T00:00:00Z', 'Started', '\\x00')""")
                .update();
        owner.sql("INSERT INTO personal_data_key (key_id, person_id, secret) VALUES (gen_random_uuid(), 'p-1', '\\x00')")
                .update();
        owner.sql("INSERT INTO relationship_summary (generation, relationship_id, stage, version) VALUES (1, 'r-1', 'PROPOSED', 0)")
                .update();
    }

    @Test
    void theQuerySideReadsEventsButCannotAppendChangeOrDeleteThem() throws SQLException {
        assertThat(count(QUERY_USER, "SELECT count(*) FROM domain_event_entry WHERE event_identifier = 'e-1'")).isEqualTo(1);

        refused(QUERY_USER, """
                INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                    time_stamp, payload_type, payload)
                VALUES (1000, 'e-forged', 'r-1', 1, '2025-03-02T00:00:00Z', 'Forged', '\\x00')""");
        refused(QUERY_USER, "UPDATE domain_event_entry SET payload = '\\x01' WHERE event_identifier = 'e-1'");
        refused(QUERY_USER, "DELETE FROM domain_event_entry");
        refused(QUERY_USER, "DELETE FROM snapshot_event_entry");
        refused(QUERY_USER, "SELECT nextval('domain_event_entry_seq')");
    }

    @Test
    void theQuerySideOpensKeysButCannotDeleteOrMakeThemNorRecordErasures() throws SQLException {
        assertThat(count(QUERY_USER, "SELECT count(*) FROM personal_data_key WHERE person_id = 'p-1'")).isEqualTo(1);
        assertThat(count(QUERY_USER, "SELECT count(*) FROM personal_data_erasure WHERE person_id = 'p-1'")).isZero();

        refused(QUERY_USER, "DELETE FROM personal_data_key WHERE person_id = 'p-1'");
        refused(QUERY_USER, "UPDATE personal_data_key SET secret = '\\x01'");
        refused(QUERY_USER, "INSERT INTO personal_data_key (key_id, person_id, secret) VALUES (gen_random_uuid(), 'p-2', '\\x00')");
        refused(QUERY_USER, "INSERT INTO personal_data_erasure (person_id, erased_at) VALUES ('p-1', now())");
        assertThat(count(QUERY_USER, "SELECT count(*) FROM personal_data_key WHERE person_id = 'p-1'")).isEqualTo(1);
    }

    @Test
    void theQuerySideWritesItsOwnReadModelsTokensAndDeadLetters() throws SQLException {
        execute(QUERY_USER, "UPDATE relationship_summary SET meeting_count = 1 WHERE relationship_id = 'r-1'");
        execute(QUERY_USER, "INSERT INTO token_entry (processor_name, segment, \"timestamp\") VALUES ('p', 0, 'now')");
        execute(QUERY_USER, "DELETE FROM token_entry WHERE processor_name = 'p'");
        execute(QUERY_USER, "DELETE FROM dead_letter_entry");
        execute(QUERY_USER, "INSERT INTO query_instance (instance_id, started_at, seen_at) VALUES ('i', now(), now())");
    }

    @Test
    void theCommandSideCannotReadOrWriteTheReadModels() throws SQLException {
        assertThat(count(COMMAND_USER, "SELECT count(*) FROM domain_event_entry WHERE event_identifier = 'e-1'")).isEqualTo(1);

        refused(COMMAND_USER, "SELECT * FROM relationship_summary");
        refused(COMMAND_USER, "SELECT * FROM relationship_history");
        refused(COMMAND_USER, "UPDATE relationship_summary SET meeting_count = 99");
        refused(COMMAND_USER, "INSERT INTO relationship_summary (generation, relationship_id, stage, version) VALUES (1, 'r-2', 'PROPOSED', 0)");
        refused(COMMAND_USER, "DELETE FROM outcome_fact");
        refused(COMMAND_USER, "UPDATE projection_generation SET active = 2");
        refused(COMMAND_USER, "SELECT * FROM token_entry");
        refused(COMMAND_USER, "SELECT * FROM dead_letter_entry");
    }

    @Test
    void theCommandSideAppendsEventsAndKeepsKeysButChangesNoEvent() throws SQLException {
        execute(COMMAND_USER, """
                INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                    time_stamp, payload_type, payload)
                VALUES (nextval('domain_event_entry_seq'), 'e-cmd', 'r-cmd', 0, '2025-03-02T00:00:00Z', 'Started', '\\x00')""");
        execute(COMMAND_USER, "INSERT INTO personal_data_key (key_id, person_id, secret) VALUES (gen_random_uuid(), 'p-cmd', '\\x00')");
        execute(COMMAND_USER, "INSERT INTO personal_data_erasure (person_id, erased_at) VALUES ('p-cmd', now())");
        execute(COMMAND_USER, "DELETE FROM personal_data_key WHERE person_id = 'p-cmd'");

        refused(COMMAND_USER, "UPDATE domain_event_entry SET payload = '\\x01' WHERE event_identifier = 'e-cmd'");
        refused(COMMAND_USER, "DELETE FROM domain_event_entry WHERE event_identifier = 'e-cmd'");
        refused(COMMAND_USER, "DELETE FROM personal_data_erasure");
    }

    @Test
    void neitherServiceChangesTheSchemaOrReadsTheMigrationHistory() {
        for (String role : List.of(COMMAND_USER, QUERY_USER)) {
            refused(role, "CREATE TABLE smuggled (id INTEGER)");
            refused(role, "DROP TABLE domain_event_entry");
            refused(role, "ALTER TABLE personal_data_key ADD COLUMN copy BYTEA");
            refused(role, "TRUNCATE domain_event_entry");
            refused(role, "SELECT * FROM flyway_event_store_history");
            refused(role, "SELECT * FROM flyway_query_history");
            refused(role, "SELECT * FROM saga_entry");
        }
    }

    /**
     * Every table, and what each role may do with it: a table a migration adds without saying who
     * may touch it fails here. A later read model needs no grant (the query-service's default
     * privileges give it to ledger_query) but a line below.
     */
    @Test
    void everyTableIsGrantedOnPurpose() {
        String crud = "SELECT,INSERT,UPDATE,DELETE";
        Map<String, List<String>> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("domain_event_entry", List.of("SELECT,INSERT", "SELECT")),
                // no side keeps snapshots or looks for one (event-store migrations V6 and V7)
                Map.entry("snapshot_event_entry", List.of("", "")),
                Map.entry("personal_data_key", List.of(crud, "SELECT")),
                Map.entry("personal_data_erasure", List.of("SELECT,INSERT", "SELECT")),
                Map.entry("token_entry", List.of("", crud)),
                Map.entry("dead_letter_entry", List.of("", crud)),
                Map.entry("saga_entry", List.of("", "")),
                Map.entry("association_value_entry", List.of("", "")),
                Map.entry("flyway_event_store_history", List.of("", "")),
                Map.entry("flyway_query_history", List.of("", "")),
                Map.entry("projection_generation", List.of("", crud)),
                Map.entry("relationship_summary", List.of("", crud)),
                Map.entry("relationship_goal", List.of("", crud)),
                Map.entry("relationship_history", List.of("", crud)),
                Map.entry("relationship_concern", List.of("", crud)),
                Map.entry("relationship_meeting", List.of("", crud)),
                Map.entry("outcome_fact", List.of("", crud)),
                Map.entry("outcome_counter", List.of("", crud)),
                Map.entry("outcome_close_days", List.of("", crud)),
                Map.entry("relationship_count", List.of("", crud)),
                Map.entry("query_instance", List.of("", crud)),
                // a setting, not a read model: replaced, never deleted
                Map.entry("needs_attention_threshold", List.of("", "SELECT,INSERT,UPDATE"))));

        assertThat(privileges()).isEqualTo(expected);
    }

    @Test
    void aTableAddedByALaterMigrationIsTheQuerySides() throws SQLException {
        owner.sql("CREATE TABLE later_read_model (id INTEGER PRIMARY KEY)").update();
        try {
            execute(QUERY_USER, "INSERT INTO later_read_model VALUES (1)");
            refused(COMMAND_USER, "SELECT * FROM later_read_model");
        } finally {
            owner.sql("DROP TABLE later_read_model").update();
        }
    }

    private static Map<String, List<String>> privileges() {
        Map<String, List<String>> privileges = new TreeMap<>();
        owner.sql("""
                        SELECT c.relname,
                               (SELECT coalesce(string_agg(p, ',' ORDER BY o), '')
                                  FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) WITH ORDINALITY AS x(p, o)
                                 WHERE has_table_privilege('ledger_command', c.oid, p)) AS command,
                               (SELECT coalesce(string_agg(p, ',' ORDER BY o), '')
                                  FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) WITH ORDINALITY AS x(p, o)
                                 WHERE has_table_privilege('ledger_query', c.oid, p)) AS query
                          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')""")
                .query((row, i) -> privileges.put(row.getString(1), List.of(row.getString(2), row.getString(3))))
                .list();
        return privileges;
    }

    private static long count(String role, String sql) throws SQLException {
        try (Connection connection = database.connectAs(role); Statement statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(String role, String sql) throws SQLException {
        try (Connection connection = database.connectAs(role); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void refused(String role, String sql) {
        assertThatThrownBy(() -> execute(role, sql))
                .as("%s: %s", role, sql)
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(PERMISSION_DENIED));
    }
}
