package fi.mentoringledger.query.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.api.relationship.BusinessDate;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Projector;
import fi.mentoringledger.query.support.ReadModelDatabase;
import fi.mentoringledger.query.support.ReadModelKeys;

/**
 * Query migration V9 on an installation with rows: what the summary needs to count corrections
 * (its meetings, and which event its pause, end and achievements came from) is filled in from the
 * audit history, as the projection itself would have kept it, up to each summary row's version.
 */
class CorrectionsMigrationTest {

    private static final java.time.LocalDate START = java.time.LocalDate.of(2025, 2, 3);

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.create();

    @Test
    void rowsFromBeforeGetWhatTheProjectionWouldHaveKept() throws IOException {
        List<Journey> journeys = List.of(
                new Journey("m1", "p", START).meet(day(1)).agree(day(2), 2).meet(day(3)).meet(day(4))
                        .achieve("m1-goal-2", day(5)).pause(day(6)),
                new Journey("m2", "p", START).agree(day(1), 1).pause(day(2)).resume(day(3)).meet(day(4))
                        .close(day(9)),
                new Journey("m3", "p", START).agree(day(1), 1).pause(day(2)).resume(day(3)).pause(day(4))
                        .terminate(TerminationReason.OTHER, day(5)),
                new Journey("m4", "p", START));
        Projector projector = new Projector(new SummaryProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc()),
                new ReadModelKeys(db).sealing()));
        db.inTransaction(() -> journeys.forEach(projector::apply));
        journeys.forEach(CorrectionsMigrationTest::historyOf);
        // a history entry beyond where the summary has come, which the summary has not counted
        db.jdbc().sql("""
                INSERT INTO relationship_history (generation, relationship_id, sequence, type, occurred_on, recorded_at,
                                                  summary, data)
                VALUES (1, 'm4', 1, 'MeetingRecorded', '2025-02-04', now(), 'a meeting',
                        '{"meetingId": "not-yet"}')""").update();
        List<String> asProjected = keptForCorrections();

        db.jdbc().sql("""
                DROP TABLE relationship_meeting;
                ALTER TABLE relationship_summary DROP COLUMN paused_version, DROP COLUMN ended_version;
                ALTER TABLE relationship_goal DROP COLUMN achieved_version""").update();
        db.jdbc().sql(migration("V9__corrections_in_the_summary.sql")).update();

        assertThat(keptForCorrections()).isEqualTo(asProjected);
        assertThat(asProjected).anyMatch(row -> row.contains("\"after_agreement\": false"))
                .anyMatch(row -> row.contains("\"paused_version\": 6"))
                .anyMatch(row -> row.contains("\"ended_version\": 5"))
                .anyMatch(row -> row.contains("\"achieved_version\": 5"))
                .noneMatch(row -> row.contains("not-yet"));
    }

    /** The entries the history projection writes, as far as the migration reads them: type, date, data. */
    private static void historyOf(Journey journey) {
        for (int i = 0; i < journey.events.size(); i++) {
            RelationshipEvent event = (RelationshipEvent) journey.events.get(i);
            String data = event instanceof MeetingRecorded meeting ? "{\"meetingId\": \"" + meeting.meetingId() + "\"}"
                    : event instanceof GoalAchieved goal ? "{\"goalId\": \"" + goal.goalId() + "\"}" : "{}";
            db.jdbc().sql("""
                            INSERT INTO relationship_history (generation, relationship_id, sequence, type, occurred_on,
                                                              recorded_at, summary, data)
                            VALUES (1, :id, :sequence, :type, :on, now(), 'an entry', CAST(:data AS jsonb))""")
                    .param("id", journey.id).param("sequence", i).param("type", event.getClass().getSimpleName())
                    .param("on", BusinessDate.of(event)).param("data", data).update();
        }
    }

    private static List<String> keptForCorrections() {
        List<String> rows = new ArrayList<>();
        rows.addAll(db.jdbc().sql("SELECT (to_jsonb(t))::text FROM relationship_meeting t ORDER BY 1")
                .query(String.class).list());
        rows.addAll(db.jdbc().sql("""
                        SELECT jsonb_build_object('id', relationship_id, 'paused_version', paused_version,
                                                  'ended_version', ended_version)::text
                          FROM relationship_summary ORDER BY 1""").query(String.class).list());
        rows.addAll(db.jdbc().sql("""
                        SELECT jsonb_build_object('id', relationship_id, 'goal', goal_id,
                                                  'achieved_version', achieved_version)::text
                          FROM relationship_goal ORDER BY 1""").query(String.class).list());
        return rows;
    }

    private static String migration(String name) throws IOException {
        try (InputStream sql = CorrectionsMigrationTest.class.getResourceAsStream("/db/query/" + name)) {
            return new String(sql.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static java.time.LocalDate day(int n) {
        return START.plusDays(n);
    }
}
