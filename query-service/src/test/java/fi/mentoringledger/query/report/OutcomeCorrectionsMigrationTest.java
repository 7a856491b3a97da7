package fi.mentoringledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.api.relationship.BusinessDate;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Projector;
import fi.mentoringledger.query.support.ReadModelDatabase;

/**
 * Query migration V10 on an installation with facts: what the outcome facts need to count
 * corrections (the version of the close that counts, each party's rating) is filled in from the
 * audit history, as the projection itself would have kept it.
 */
class OutcomeCorrectionsMigrationTest {

    private static final LocalDate START = LocalDate.of(2025, 2, 3);

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.create();

    @Test
    void factsFromBeforeGetWhatTheProjectionWouldHaveKept() throws IOException {
        List<Journey> journeys = List.of(
                new Journey("closed", "p", START).agree(day(1), 1).meet(day(2)).close(day(30))
                        .evaluate(Party.MENTEE, 4, day(31)).evaluate(Party.MENTOR, 2, day(32)),
                new Journey("terminated", "p", START).terminate(TerminationReason.OTHER, day(3))
                        .evaluate(Party.MENTOR, 5, day(4)),
                new Journey("open", "p", START).agree(day(1), 1));
        Projector projector = new Projector(new OutcomeProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc())));
        db.inTransaction(() -> journeys.forEach(projector::apply));
        journeys.forEach(OutcomeCorrectionsMigrationTest::historyOf);
        List<String> asProjected = keptForCorrections();

        db.jdbc().sql("ALTER TABLE outcome_fact DROP COLUMN closed_version, DROP COLUMN mentor_rating,"
                + " DROP COLUMN mentee_rating").update();
        db.jdbc().sql(migration("V10__outcome_facts_know_what_corrections_name.sql")).update();

        assertThat(keptForCorrections()).isEqualTo(asProjected).containsExactly(
                "{\"id\": \"closed\", \"mentee_rating\": 4, \"mentor_rating\": 2, \"closed_version\": 3}",
                "{\"id\": \"open\", \"mentee_rating\": null, \"mentor_rating\": null, \"closed_version\": null}",
                "{\"id\": \"terminated\", \"mentee_rating\": null, \"mentor_rating\": 5, \"closed_version\": null}");
    }

    /** The entries the history projection writes, as far as the migration reads them: type and data. */
    private static void historyOf(Journey journey) {
        for (int i = 0; i < journey.events.size(); i++) {
            RelationshipEvent event = (RelationshipEvent) journey.events.get(i);
            String data = event instanceof EvaluationSubmitted evaluation
                    ? "{\"by\": \"" + evaluation.by() + "\", \"rating\": " + evaluation.rating() + "}" : "{}";
            db.jdbc().sql("""
                            INSERT INTO relationship_history (generation, relationship_id, sequence, type, occurred_on,
                                                              recorded_at, summary, data)
                            VALUES (1, :id, :sequence, :type, :on, now(), 'an entry', CAST(:data AS jsonb))""")
                    .param("id", journey.id).param("sequence", i).param("type", event.getClass().getSimpleName())
                    .param("on", BusinessDate.of(event)).param("data", data).update();
        }
    }

    private static List<String> keptForCorrections() {
        return db.jdbc().sql("""
                        SELECT jsonb_build_object('id', relationship_id, 'closed_version', closed_version,
                                                  'mentor_rating', mentor_rating, 'mentee_rating', mentee_rating)::text
                          FROM outcome_fact ORDER BY 1""").query(String.class).list();
    }

    private static String migration(String name) throws IOException {
        try (InputStream sql = OutcomeCorrectionsMigrationTest.class.getResourceAsStream("/db/query/" + name)) {
            return new String(sql.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static LocalDate day(int n) {
        return START.plusDays(n);
    }
}
