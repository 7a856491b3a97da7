package fi.mentoringledger.query.summary;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.eventstore.personaldata.ReadModelSealing;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.security.Caller;

/**
 * Reads the summaries of the active generation. Each read is one repeatable-read transaction, so a
 * summary and its goals (or a page and its total) come from the same snapshot even when a replay
 * switches generations meanwhile.
 */
@Component
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class RelationshipSummaries {

    private static final String GENERATION = ProjectionGenerations.reading(SummaryProjection.PROCESSOR);
    private static final String COLUMNS = """
            relationship_id, programme_id, mentor_id, mentor_name, mentor_erased, mentee_id, mentee_name, mentee_erased,
            language, stage, version,
            started_on, agreed_on, in_progress_on, paused_on, ended_on, termination_reason, meeting_count,
            last_meeting_on, open_concerns, open_organiser_concerns""";

    private final JdbcClient jdbc;
    private final ReadModelSealing sealing;

    public RelationshipSummaries(JdbcClient jdbc, ReadModelSealing sealing) {
        this.jdbc = jdbc;
        this.sealing = sealing;
    }

    /** The summary as {@code reader} sees it (the open concerns it counts); whether they may see it is theirs to ask. */
    public Optional<Summary> find(String relationshipId, Caller reader) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM relationship_summary WHERE generation = " + GENERATION
                        + " AND relationship_id = :id")
                .param("id", relationshipId)
                .query((rs, row) -> summary(rs, reader))
                .optional()
                .map(summary -> summary.withGoals(goals(relationshipId)));
    }

    /**
     * A page of the summaries {@code caller} may see ({@link CallerScope}). The total comes from the
     * counts per programme and stage that the same projection keeps beside the rows (the same
     * snapshot), when the caller's scope is a set of programmes or everything; a mentor or mentee
     * sees the relationships they are a party of, which only the rows tell, so theirs are counted.
     */
    public Summary.Page list(String programmeId, Stage stage, int page, int size, Caller caller) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(" WHERE generation = " + GENERATION + CallerScope.relationships(caller, params));
        if (programmeId != null) {
            where.append(" AND programme_id = :programme");
            params.put("programme", programmeId);
        }
        if (stage != null) {
            where.append(" AND stage = :stage");
            params.put("stage", stage.name());
        }
        long total = jdbc.sql((caller.isParticipant() ? "SELECT count(*) FROM relationship_summary"
                        : "SELECT coalesce(sum(relationships), 0) FROM relationship_count") + where)
                .params(params).query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<Summary> items = jdbc.sql("SELECT " + COLUMNS + " FROM relationship_summary" + where
                        + " ORDER BY started_on DESC NULLS LAST, relationship_id LIMIT :limit OFFSET :offset")
                .params(params)
                .query((rs, row) -> summary(rs, caller))
                .list();
        return new Summary.Page(items, page, size, total);
    }

    /**
     * Open relationships that need a check-in on {@code today}: an open concern (one addressed to
     * the organiser, unless the caller is of the pair); paused since
     * before {@code today - pausedDays}; or agreed or in progress with neither a meeting nor the
     * agreement since {@code today - inactiveDays} (a meeting held before agreeing does not make a
     * fresh agreement look stale). Oldest start first.
     */
    /** @param agreementDays null: no relationship is listed for a late agreement */
    public List<Attention.Item> needingAttention(String programmeId, LocalDate today, int inactiveDays,
            int pausedDays, Integer agreementDays, Caller caller) {
        Map<String, Object> params = new HashMap<>();
        String scope = CallerScope.relationships(caller, params);
        params.put("pausedBefore", today.minusDays(pausedDays));
        params.put("inactiveBefore", today.minusDays(inactiveDays));
        String noAgreement = "false";
        if (agreementDays != null) {
            noAgreement = "stage = 'STARTED' AND started_on < :agreedBefore";
            params.put("agreedBefore", today.minusDays(agreementDays));
        }
        String programme = "";
        if (programmeId != null) {
            programme = " AND programme_id = :programme";
            params.put("programme", programmeId);
        }
        return jdbc.sql("""
                        SELECT * FROM (
                          SELECT %s,
                            %s > 0 AS open_concern,
                            stage = 'PAUSED' AND paused_on < :pausedBefore AS paused_long,
                            stage IN ('AGREED', 'IN_PROGRESS')
                              AND greatest(last_meeting_on, agreed_on) < :inactiveBefore AS no_meeting,
                            %s AS no_agreement
                          FROM relationship_summary
                          WHERE generation = %s AND stage IN ('STARTED', 'AGREED', 'IN_PROGRESS', 'PAUSED')%s%s
                        ) s WHERE open_concern OR paused_long OR no_meeting OR no_agreement
                        ORDER BY started_on, relationship_id""".formatted(COLUMNS,
                        caller.isParticipant() ? "open_concerns" : "open_organiser_concerns", noAgreement, GENERATION,
                        programme, scope))
                .params(params)
                .query((rs, row) -> {
                    List<Attention.Reason> reasons = new ArrayList<>();
                    if (rs.getBoolean("open_concern")) {
                        reasons.add(Attention.Reason.OPEN_CONCERN);
                    }
                    if (rs.getBoolean("paused_long")) {
                        reasons.add(Attention.Reason.PAUSED_LONG);
                    }
                    if (rs.getBoolean("no_meeting")) {
                        reasons.add(Attention.Reason.NO_RECENT_MEETING);
                    }
                    if (rs.getBoolean("no_agreement")) {
                        reasons.add(Attention.Reason.NO_AGREEMENT);
                    }
                    return new Attention.Item(summary(rs, caller), List.copyOf(reasons));
                })
                .list();
    }

    private List<Summary.GoalView> goals(String relationshipId) {
        return jdbc.sql("SELECT goal_id, description, achieved, achieved_on FROM relationship_goal WHERE generation = "
                        + GENERATION + " AND relationship_id = :id AND in_agreement ORDER BY position")
                .param("id", relationshipId)
                .query((rs, i) -> new Summary.GoalView(rs.getString(1),
                        sealing.openThePairs(rs.getString(2), relationshipId,
                                SummaryProjection.goalDescription(rs.getString(1))).orElse(null),
                        rs.getBoolean(3), date(rs, 4)))
                .list();
    }

    /**
     * DOMAIN.md, "Confidentiality": a concern the pair keeps to itself is counted for the pair
     * only; everyone else counts the concerns addressed to the organiser.
     */
    private Summary summary(ResultSet rs, Caller reader) throws SQLException {
        String reason = rs.getString("termination_reason");
        String id = rs.getString("relationship_id");
        boolean ofThePair = reader.isPartyOf(rs.getString("mentor_id"), rs.getString("mentee_id"));
        return new Summary(
                id,
                rs.getString("programme_id"),
                person(rs.getString("mentor_id"), sealing.openPersons(rs.getString("mentor_name"), id,
                        SummaryProjection.MENTOR_NAME).orElse(null), rs.getBoolean("mentor_erased")),
                person(rs.getString("mentee_id"), sealing.openPersons(rs.getString("mentee_name"), id,
                        SummaryProjection.MENTEE_NAME).orElse(null), rs.getBoolean("mentee_erased")),
                rs.getString("language"),
                Stage.valueOf(rs.getString("stage")),
                rs.getLong("version"),
                date(rs, "started_on"),
                date(rs, "agreed_on"),
                date(rs, "in_progress_on"),
                date(rs, "paused_on"),
                date(rs, "ended_on"),
                reason == null ? null : TerminationReason.valueOf(reason),
                rs.getInt("meeting_count"),
                date(rs, "last_meeting_on"),
                rs.getInt(ofThePair ? "open_concerns" : "open_organiser_concerns"),
                null);
    }

    private static Summary.PersonView person(String id, String name, boolean erased) {
        return id == null && name == null && !erased ? null : new Summary.PersonView(id, name, erased);
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
