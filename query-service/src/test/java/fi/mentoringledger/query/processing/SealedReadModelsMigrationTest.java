package fi.mentoringledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import fi.mentoringledger.eventstore.PostgresTestDatabase;

/**
 * Query migration V7 on an installation with rows: what the read models held stays readable (as
 * JSON strings, which readers show as they are), and the projections that hold personal data are
 * marked to be replayed at start; an empty installation is not.
 */
class SealedReadModelsMigrationTest {

    @Test
    void rowsFromBeforeBecomeJsonStringsAndTheirProjectionsAreMarked() {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            DataSource dataSource = dataSource(database);
            JdbcClient jdbc = JdbcClient.create(dataSource);
            migrate(dataSource, "6");
            jdbc.sql("""
                    INSERT INTO relationship_summary (generation, relationship_id, mentor_id, mentor_name, mentee_id,
                                                      mentee_name, stage, version)
                    VALUES (1, 'r1', 'm1', 'Anna "the" Mentor', 'e1', NULL, 'STARTED', 0)""").update();
            jdbc.sql("""
                    INSERT INTO relationship_goal (generation, relationship_id, goal_id, position, description, in_agreement)
                    VALUES (1, 'r1', 'g1', 0, 'A new job', TRUE)""").update();
            jdbc.sql("""
                    INSERT INTO relationship_history (generation, relationship_id, sequence, type, recorded_at, actor,
                                                      summary, data)
                    VALUES (1, 'r1', 0, 'RelationshipStarted', now(), 'anna', 'started', '{}')""").update();

            migrate(dataSource, "latest");

            assertThat(jdbc.sql("SELECT jsonb_typeof(mentor_name) FROM relationship_summary").query(String.class).single())
                    .isEqualTo("string");
            assertThat(jdbc.sql("SELECT mentor_name #>> '{}' FROM relationship_summary").query(String.class).single())
                    .isEqualTo("Anna \"the\" Mentor");
            assertThat(jdbc.sql("SELECT mentee_name IS NULL FROM relationship_summary").query(Boolean.class).single())
                    .isTrue();
            assertThat(jdbc.sql("SELECT jsonb_typeof(description) FROM relationship_goal").query(String.class).single())
                    .isEqualTo("string");
            assertThat(jdbc.sql("SELECT actor #>> '{}' FROM relationship_history").query(String.class).single())
                    .isEqualTo("anna");
            assertThat(new ProjectionGenerations(jdbc).holdingUnsealedCopies())
                    .containsExactly("relationship-history", "relationship-summary");
        }
    }

    @Test
    void aNewInstallationHasNothingToReplay() {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            DataSource dataSource = dataSource(database);
            migrate(dataSource, "latest");

            assertThat(new ProjectionGenerations(JdbcClient.create(dataSource)).holdingUnsealedCopies()).isEmpty();
        }
    }

    private static void migrate(DataSource dataSource, String target) {
        Flyway.configure().dataSource(dataSource).table("flyway_event_store_history")
                .locations("classpath:db/eventstore").load().migrate();
        Flyway.configure().dataSource(dataSource).table("flyway_query_history").locations("classpath:db/query")
                .baselineOnMigrate(true).baselineVersion("0").target(target).load().migrate();
    }

    private static DataSource dataSource(PostgresTestDatabase database) {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), database.jdbcUrl(), database.username(),
                database.password());
    }
}
