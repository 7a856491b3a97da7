package fi.mentoringledger.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.QueryApp;

/**
 * An installation upgraded from before the read models were sealed (query migration V7 marks the
 * projections that have rows): at start the service replays them, reads show the old rows until
 * the sealed generation takes over, and then no plain copy is left in the database.
 */
class ReadModelsSealedAtStartIT {

    private static final Duration BOUND = Duration.ofMinutes(3);

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static JdbcClient owner;
    private static QueryApp app;

    @BeforeAll
    static void projectedThenStopped() {
        app = QueryApp.start(database);
        app.append(List.of(new Journey("upgraded-1", "womento", LocalDate.of(2025, 2, 3)).agree(LocalDate.of(2025, 2, 10), 2)
                .meet(LocalDate.of(2025, 2, 20))));
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(app::caughtUp);
        app.close();
        owner = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), database.jdbcUrl(),
                database.username(), database.password()));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void projectionsWithPlainCopiesAreReplayedAtStartAndTheCopiesAreGone() {
        // The rows as the migration leaves an older installation's: plain text as JSON strings, marked.
        owner.sql("UPDATE relationship_summary SET mentor_name = to_jsonb('Old Copy Of Mentor'::text)").update();
        owner.sql("UPDATE relationship_goal SET description = to_jsonb('Old copy of a goal'::text)").update();
        owner.sql("UPDATE projection_generation SET holds_unsealed_copies = TRUE "
                + "WHERE projection IN ('relationship-summary', 'relationship-history')").update();
        assertThat(plainCopies()).isPositive();
        int summaryGeneration = activeGeneration("relationship-summary");

        app = QueryApp.start(database);

        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() ->
                activeGeneration("relationship-summary") > summaryGeneration && plainCopies() == 0);
        assertThat(app.json("/api/relationships/upgraded-1").at("/mentor/name").asText()).isEqualTo("Mentor upgraded-1");
        assertThat(app.json("/api/relationships/upgraded-1").at("/goals/0/description").asText())
                .startsWith(Journey.PERSONAL);
        assertThat(app.json("/api/relationships/upgraded-1/history").at("/entries/0/summary").asText())
                .startsWith("Mentor Mentor upgraded-1 and mentee Mentee upgraded-1 started mentoring");
        assertThat(owner.sql("SELECT count(*) FROM projection_generation WHERE holds_unsealed_copies")
                .query(Integer.class).single()).isZero();
        assertThat(owner.sql("SELECT mentor_name::text FROM relationship_summary").query(String.class).list())
                .allSatisfy(name -> assertThat(name).contains("\"sealed\"").doesNotContain("Mentor upgraded-1"));
    }

    /** Rows of any generation that still hold a plain copy. */
    private static int plainCopies() {
        return owner.sql("""
                        SELECT (SELECT count(*) FROM relationship_summary WHERE jsonb_typeof(mentor_name) = 'string')
                             + (SELECT count(*) FROM relationship_goal WHERE jsonb_typeof(description) = 'string')""")
                .query(Integer.class).single();
    }

    private static int activeGeneration(String projection) {
        return owner.sql("SELECT active FROM projection_generation WHERE projection = :p").param("p", projection)
                .query(Integer.class).single();
    }
}
