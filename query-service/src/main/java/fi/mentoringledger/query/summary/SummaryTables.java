package fi.mentoringledger.query.summary;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import fi.mentoringledger.api.relationship.Lifecycle;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.query.processing.CounterStripes;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.processing.RowTable;
import fi.mentoringledger.query.summary.SummaryRow.Participant;

/**
 * The summary's four tables as {@link RowTable}s: how their rows are read (one relationship at a
 * time) and written (a batch's changed rows in one JDBC batch per statement). Sealed values are
 * JSON ({@code jsonb}), kept as text in the rows.
 */
final class SummaryTables {

    private static final String GENERATION = ProjectionGenerations.writing(SummaryProjection.PROCESSOR);

    /**
     * A goal of the agreement by id; a goal left out of the agreement is kept with {@code inAgreement}
     * false. {@code achievedVersion}: the event that achieved it, which a corrected date names.
     */
    record GoalRow(String goalId, int position, String sealedDescription, boolean inAgreement, boolean achieved,
            LocalDate achievedOn, Long achievedVersion) {
    }

    /** All of a relationship's goals, by id in the order first agreed. */
    record Goals(String relationshipId, Map<String, GoalRow> byId) {

        Goals {
            byId = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byId));
        }
    }

    record ConcernKey(String relationshipId, String concernId) {
    }

    record ConcernRow(String relationshipId, String concernId, boolean organiserContacted, boolean resolved) {
    }

    record MeetingKey(String relationshipId, String meetingId) {
    }

    /**
     * A meeting as corrections need it (DOMAIN.md, "Corrections"): a withdrawal names its id, a
     * corrected date its {@code version}; {@code heldOn} as corrected. {@code afterAgreement}: recorded
     * once the relationship was agreed, so the first such meeting that still counts is the one that
     * put it in progress.
     */
    record MeetingRow(String relationshipId, String meetingId, long version, LocalDate heldOn,
            boolean afterAgreement, boolean withdrawn) {

        MeetingKey key() {
            return new MeetingKey(relationshipId, meetingId);
        }

        boolean counts() {
            return !withdrawn;
        }
    }

    private SummaryTables() {
    }

    static final class Summaries implements RowTable<String, SummaryRow> {

        private static final String ROWS = """
                SELECT relationship_id, programme_id, mentor_id, mentor_name::text AS mentor_name, mentor_erased,
                       mentee_id, mentee_name::text AS mentee_name, mentee_erased, language, stage, paused_from,
                       version, started_on, agreed_on, in_progress_on, paused_on, paused_version, ended_on,
                       ended_version, termination_reason, meeting_count, last_meeting_on, open_concerns,
                       open_organiser_concerns
                  FROM relationship_summary WHERE generation = """ + GENERATION;

        private final NamedParameterJdbcOperations jdbc;

        Summaries(NamedParameterJdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public Optional<SummaryRow> load(String relationshipId) {
            return jdbc.query(ROWS + " AND relationship_id = :id",
                    Map.of("id", relationshipId), (rs, i) -> row(rs)).stream().findFirst();
        }

        @Override
        public Map<String, SummaryRow> loadAll(Collection<String> relationshipIds) {
            Map<String, SummaryRow> rows = new LinkedHashMap<>();
            if (relationshipIds.isEmpty()) {
                return rows;
            }
            jdbc.query(ROWS + " AND relationship_id IN (:ids)",
                    Map.of("ids", relationshipIds), rs -> {
                        SummaryRow row = row(rs);
                        rows.put(row.relationshipId(), row);
                    });
            return rows;
        }

        private static SummaryRow row(ResultSet rs) throws SQLException {
            return new SummaryRow(rs.getString("relationship_id"), rs.getString("programme_id"),
                    new Participant(rs.getString("mentor_id"), rs.getString("mentor_name"), rs.getBoolean("mentor_erased")),
                    new Participant(rs.getString("mentee_id"), rs.getString("mentee_name"), rs.getBoolean("mentee_erased")),
                    rs.getString("language"), new Lifecycle(stage(rs.getString("stage")), stage(rs.getString("paused_from"))),
                    rs.getLong("version"), date(rs, "started_on"), date(rs, "agreed_on"), date(rs, "in_progress_on"),
                    date(rs, "paused_on"), rs.getObject("paused_version", Long.class), date(rs, "ended_on"),
                    rs.getObject("ended_version", Long.class), rs.getString("termination_reason"),
                    rs.getInt("meeting_count"), date(rs, "last_meeting_on"), rs.getInt("open_concerns"),
                    rs.getInt("open_organiser_concerns"));
        }

        @Override
        public void write(List<Change<SummaryRow>> changes) {
            List<SqlParameterSource> inserts = changes.stream().filter(Change::isNew).map(c -> params(c.after())).toList();
            List<SqlParameterSource> updates = changes.stream().filter(c -> !c.isNew()).map(c -> params(c.after())).toList();
            if (!inserts.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO relationship_summary (generation, relationship_id, programme_id, mentor_id, mentor_name,
                                    mentor_erased, mentee_id, mentee_name, mentee_erased, language, stage, paused_from,
                                    version, started_on, agreed_on, in_progress_on, paused_on, paused_version, ended_on,
                                    ended_version, termination_reason, meeting_count, last_meeting_on, open_concerns,
                                    open_organiser_concerns)
                        VALUES (%s, :id, :programme, :mentorId, CAST(:mentorName AS jsonb), :mentorErased, :menteeId,
                                CAST(:menteeName AS jsonb), :menteeErased, :language, :stage, :pausedFrom, :version,
                                :startedOn, :agreedOn, :inProgressOn, :pausedOn, :pausedVersion, :endedOn,
                                :endedVersion, :terminationReason, :meetingCount, :lastMeetingOn, :openConcerns,
                                :openOrganiserConcerns)"""
                        .formatted(GENERATION), inserts.toArray(SqlParameterSource[]::new));
            }
            if (!updates.isEmpty()) {
                // what the start set (programme, parties' ids, language) never changes; its date may be corrected
                jdbc.batchUpdate("""
                        UPDATE relationship_summary
                           SET mentor_name = CAST(:mentorName AS jsonb), mentor_erased = :mentorErased,
                               mentee_name = CAST(:menteeName AS jsonb), mentee_erased = :menteeErased,
                               stage = :stage, paused_from = :pausedFrom, version = :version,
                               started_on = :startedOn, agreed_on = :agreedOn, in_progress_on = :inProgressOn,
                               paused_on = :pausedOn, paused_version = :pausedVersion, ended_on = :endedOn,
                               ended_version = :endedVersion,
                               termination_reason = :terminationReason, meeting_count = :meetingCount,
                               last_meeting_on = :lastMeetingOn, open_concerns = :openConcerns,
                               open_organiser_concerns = :openOrganiserConcerns
                         WHERE generation = %s AND relationship_id = :id""".formatted(GENERATION),
                        updates.toArray(SqlParameterSource[]::new));
            }
            moveCounts(changes);
        }

        /**
         * The list's total ({@code relationship_count}): each changed row leaves its programme and
         * stage as stored and joins them as changed, in its relationship's stripe. The moves are
         * summed first, so a batch writes each counter row once, in a fixed order.
         */
        private void moveCounts(List<Change<SummaryRow>> changes) {
            Map<List<Object>, Integer> moves = new TreeMap<>(Comparator.comparing(Object::toString));
            for (Change<SummaryRow> change : changes) {
                int stripe = CounterStripes.of(RelationshipId.of(change.after().relationshipId()));
                if (change.before() != null) {
                    moves.merge(countKey(change.before(), stripe), -1, Integer::sum);
                }
                moves.merge(countKey(change.after(), stripe), 1, Integer::sum);
            }
            List<SqlParameterSource> counts = new ArrayList<>();
            moves.forEach((key, relationships) -> {
                if (relationships != 0) {
                    counts.add(new MapSqlParameterSource().addValue("programme", key.get(0)).addValue("stage", key.get(1))
                            .addValue("stripe", key.get(2)).addValue("relationships", relationships));
                }
            });
            if (!counts.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO relationship_count (generation, programme_id, stage, stripe, relationships)
                        VALUES (%s, :programme, :stage, :stripe, :relationships)
                        ON CONFLICT (generation, (coalesce(programme_id, '')), (programme_id IS NULL), stage, stripe)
                        DO UPDATE SET relationships = relationship_count.relationships + excluded.relationships"""
                        .formatted(GENERATION), counts.toArray(SqlParameterSource[]::new));
            }
        }

        private static List<Object> countKey(SummaryRow row, int stripe) {
            return Arrays.asList(row.programmeId(), row.lifecycle().stage().name(), stripe);
        }

        private static SqlParameterSource params(SummaryRow row) {
            return new MapSqlParameterSource()
                    .addValue("id", row.relationshipId())
                    .addValue("programme", row.programmeId())
                    .addValue("mentorId", row.mentor().id())
                    .addValue("mentorName", row.mentor().sealedName())
                    .addValue("mentorErased", row.mentor().erased())
                    .addValue("menteeId", row.mentee().id())
                    .addValue("menteeName", row.mentee().sealedName())
                    .addValue("menteeErased", row.mentee().erased())
                    .addValue("language", row.language())
                    .addValue("stage", name(row.lifecycle().stage()))
                    .addValue("pausedFrom", name(row.lifecycle().pausedFrom()))
                    .addValue("version", row.version())
                    .addValue("startedOn", row.startedOn())
                    .addValue("agreedOn", row.agreedOn())
                    .addValue("inProgressOn", row.inProgressOn())
                    .addValue("pausedOn", row.pausedOn())
                    .addValue("pausedVersion", row.pausedVersion())
                    .addValue("endedOn", row.endedOn())
                    .addValue("endedVersion", row.endedVersion())
                    .addValue("terminationReason", row.terminationReason())
                    .addValue("meetingCount", row.meetingCount())
                    .addValue("lastMeetingOn", row.lastMeetingOn())
                    .addValue("openConcerns", row.openConcerns())
                    .addValue("openOrganiserConcerns", row.openOrganiserConcerns());
        }
    }

    static final class GoalTable implements RowTable<String, Goals> {

        private final NamedParameterJdbcOperations jdbc;

        GoalTable(NamedParameterJdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        /** Every relationship has goals (none, before its agreement). */
        @Override
        public Optional<Goals> load(String relationshipId) {
            Map<String, GoalRow> goals = new LinkedHashMap<>();
            jdbc.query("""
                            SELECT goal_id, position, description::text AS description, in_agreement, achieved,
                                   achieved_on, achieved_version
                              FROM relationship_goal WHERE generation = %s AND relationship_id = :id
                             ORDER BY position, goal_id""".formatted(GENERATION),
                    Map.of("id", relationshipId), rs -> {
                        goals.put(rs.getString("goal_id"), new GoalRow(rs.getString("goal_id"), rs.getInt("position"),
                                rs.getString("description"), rs.getBoolean("in_agreement"), rs.getBoolean("achieved"),
                                date(rs, "achieved_on"), rs.getObject("achieved_version", Long.class)));
                    });
            return Optional.of(new Goals(relationshipId, goals));
        }

        @Override
        public void write(List<Change<Goals>> changes) {
            List<SqlParameterSource> upserts = changes.stream().flatMap(change -> change.after().byId().values().stream()
                    .filter(goal -> change.before() == null || !goal.equals(change.before().byId().get(goal.goalId())))
                    .map(goal -> (SqlParameterSource) new MapSqlParameterSource()
                            .addValue("id", change.after().relationshipId())
                            .addValue("goal", goal.goalId())
                            .addValue("position", goal.position())
                            .addValue("description", goal.sealedDescription())
                            .addValue("inAgreement", goal.inAgreement())
                            .addValue("achieved", goal.achieved())
                            .addValue("achievedOn", goal.achievedOn())
                            .addValue("achievedVersion", goal.achievedVersion())))
                    .toList();
            if (!upserts.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO relationship_goal (generation, relationship_id, goal_id, position, description,
                                                       in_agreement, achieved, achieved_on, achieved_version)
                        VALUES (%s, :id, :goal, :position, CAST(:description AS jsonb), :inAgreement, :achieved,
                                :achievedOn, :achievedVersion)
                        ON CONFLICT (generation, relationship_id, goal_id)
                        DO UPDATE SET position = EXCLUDED.position, description = EXCLUDED.description,
                                      in_agreement = EXCLUDED.in_agreement, achieved = EXCLUDED.achieved,
                                      achieved_on = EXCLUDED.achieved_on, achieved_version = EXCLUDED.achieved_version""".formatted(GENERATION),
                        upserts.toArray(SqlParameterSource[]::new));
            }
        }
    }

    static final class ConcernTable implements RowTable<ConcernKey, ConcernRow> {

        private final NamedParameterJdbcOperations jdbc;

        ConcernTable(NamedParameterJdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public Optional<ConcernRow> load(ConcernKey key) {
            return jdbc.query("""
                            SELECT organiser_contacted, resolved FROM relationship_concern
                             WHERE generation = %s AND relationship_id = :id AND concern_id = :concern"""
                            .formatted(GENERATION),
                    Map.of("id", key.relationshipId(), "concern", key.concernId()),
                    (rs, i) -> new ConcernRow(key.relationshipId(), key.concernId(), rs.getBoolean(1), rs.getBoolean(2)))
                    .stream().findFirst();
        }

        @Override
        public void write(List<Change<ConcernRow>> changes) {
            jdbc.batchUpdate("""
                    INSERT INTO relationship_concern (generation, relationship_id, concern_id, organiser_contacted, resolved)
                    VALUES (%s, :id, :concern, :organiserContacted, :resolved)
                    ON CONFLICT (generation, relationship_id, concern_id)
                    DO UPDATE SET organiser_contacted = EXCLUDED.organiser_contacted, resolved = EXCLUDED.resolved"""
                    .formatted(GENERATION), changes.stream().map(change -> (SqlParameterSource) new MapSqlParameterSource()
                            .addValue("id", change.after().relationshipId())
                            .addValue("concern", change.after().concernId())
                            .addValue("organiserContacted", change.after().organiserContacted())
                            .addValue("resolved", change.after().resolved()))
                    .toArray(SqlParameterSource[]::new));
        }
    }

    /**
     * The relationships' meetings. A meeting is written once when recorded, without being read:
     * only a correction reads them, all of its relationship's at once, to count them anew.
     */
    static final class MeetingTable implements RowTable<MeetingKey, MeetingRow> {

        private static final String ROWS = """
                SELECT relationship_id, meeting_id, version, held_on, after_agreement, withdrawn
                  FROM relationship_meeting WHERE generation = """ + GENERATION;

        private final NamedParameterJdbcOperations jdbc;

        MeetingTable(NamedParameterJdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public Optional<MeetingRow> load(MeetingKey key) {
            return jdbc.query(ROWS + " AND relationship_id = :id AND meeting_id = :meeting",
                    Map.of("id", key.relationshipId(), "meeting", key.meetingId()), (rs, i) -> row(rs))
                    .stream().findFirst();
        }

        /** Every meeting of the relationship that the generation being written holds. */
        Map<MeetingKey, MeetingRow> loadAll(String relationshipId) {
            Map<MeetingKey, MeetingRow> rows = new LinkedHashMap<>();
            jdbc.query(ROWS + " AND relationship_id = :id", Map.of("id", relationshipId), rs -> {
                MeetingRow row = row(rs);
                rows.put(row.key(), row);
            });
            return rows;
        }

        private static MeetingRow row(ResultSet rs) throws SQLException {
            return new MeetingRow(rs.getString("relationship_id"), rs.getString("meeting_id"), rs.getLong("version"),
                    date(rs, "held_on"), rs.getBoolean("after_agreement"), rs.getBoolean("withdrawn"));
        }

        @Override
        public void write(List<Change<MeetingRow>> changes) {
            jdbc.batchUpdate("""
                    INSERT INTO relationship_meeting (generation, relationship_id, meeting_id, version, held_on,
                                                      after_agreement, withdrawn)
                    VALUES (%s, :id, :meeting, :version, :heldOn, :afterAgreement, :withdrawn)
                    ON CONFLICT (generation, relationship_id, meeting_id)
                    DO UPDATE SET held_on = EXCLUDED.held_on, withdrawn = EXCLUDED.withdrawn"""
                    .formatted(GENERATION), changes.stream().map(change -> (SqlParameterSource) new MapSqlParameterSource()
                            .addValue("id", change.after().relationshipId())
                            .addValue("meeting", change.after().meetingId())
                            .addValue("version", change.after().version())
                            .addValue("heldOn", change.after().heldOn())
                            .addValue("afterAgreement", change.after().afterAgreement())
                            .addValue("withdrawn", change.after().withdrawn()))
                    .toArray(SqlParameterSource[]::new));
        }
    }

    private static Stage stage(String name) {
        return name == null ? null : Stage.valueOf(name);
    }

    private static String name(Stage stage) {
        return stage == null ? null : stage.name();
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
