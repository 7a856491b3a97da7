package fi.mentoringledger.query.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.ProjectionGenerations;

/**
 * Computes reports as one aggregate query over the report facts of the active generation: the
 * database counts and takes the median, this class turns the sums into rates and averages.
 * Divisions happen here, in double arithmetic on exact integer sums, so a figure is the plain
 * quotient the definition names, never a rounded decimal.
 */
@Component
@Transactional(readOnly = true)
public class OutcomeReports {

    /** The stages a relationship can be terminated in. */
    static final List<Stage> OPEN_STAGES = Arrays.stream(Stage.values()).filter(Stage::isOpen).toList();
    static final List<Stage> FUNNEL = List.of(Stage.AGREED, Stage.IN_PROGRESS, Stage.CLOSED);

    private static final String GENERATION = ProjectionGenerations.reading(OutcomeProjection.PROCESSOR);
    private static final String FIGURES = figuresSql();

    private final JdbcClient jdbc;

    public OutcomeReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public OutcomeReport report(ReportFilter filter) {
        Map<String, Object> params = new HashMap<>();
        String sql = "SELECT " + FIGURES + " FROM outcome_fact" + where(filter, params);
        return jdbc.sql(sql).params(params).query((rs, i) -> figures(rs)).single();
    }

    public OutcomeReport.Grouped grouped(ReportFilter filter, GroupBy groupBy) {
        Map<String, Object> params = new HashMap<>();
        String sql = "SELECT " + groupBy.keySql() + " AS group_key, " + FIGURES + " FROM outcome_fact"
                + where(filter, params) + " GROUP BY group_key ORDER BY group_key NULLS LAST";
        return new OutcomeReport.Grouped(jdbc.sql(sql).params(params)
                .query((rs, i) -> new OutcomeReport.Group(rs.getString("group_key"), figures(rs)))
                .list());
    }

    private static String where(ReportFilter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE generation = " + GENERATION);
        if (filter.programmeId() != null) {
            where.append(" AND programme_id = :programme");
            params.put("programme", filter.programmeId());
        }
        if (filter.visibleProgrammes() != null) {
            if (filter.visibleProgrammes().isEmpty()) {
                where.append(" AND false");
            } else {
                where.append(" AND programme_id IN (:visibleProgrammes)");
                params.put("visibleProgrammes", List.copyOf(filter.visibleProgrammes()));
            }
        }
        if (filter.startedFrom() != null) {
            where.append(" AND started_on >= :from");
            params.put("from", filter.startedFrom());
        }
        if (filter.startedTo() != null) {
            where.append(" AND started_on <= :to");
            params.put("to", filter.startedTo());
        }
        return where.toString();
    }

    private static String figuresSql() {
        StringBuilder sql = new StringBuilder("count(*) AS relationships");
        for (Stage stage : Stage.values()) {
            sql.append(", count(*) FILTER (WHERE stage = '").append(stage.name()).append("') AS ")
                    .append(column("stage_", stage));
        }
        for (TerminationReason reason : TerminationReason.values()) {
            sql.append(", count(*) FILTER (WHERE termination_reason = '").append(reason.name()).append("') AS ")
                    .append(column("reason_", reason));
        }
        for (Stage stage : OPEN_STAGES) {
            sql.append(", count(*) FILTER (WHERE terminated_in_stage = '").append(stage.name()).append("') AS ")
                    .append(column("terminated_in_", stage));
        }
        sql.append("""
                , count(*) FILTER (WHERE reached_agreed) AS reached_agreed
                , count(*) FILTER (WHERE reached_in_progress) AS reached_in_progress
                , count(*) FILTER (WHERE reached_closed) AS reached_closed
                , percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_close) FILTER (WHERE stage = 'CLOSED')
                      AS median_days_to_close
                , coalesce(sum(meeting_count) FILTER (WHERE stage IN ('CLOSED', 'TERMINATED')), 0) AS ended_meetings
                , coalesce(sum(rating_sum), 0) AS rating_sum
                , coalesce(sum(rating_count), 0) AS rating_count""");
        return sql.toString();
    }

    private static OutcomeReport figures(ResultSet rs) throws SQLException {
        Map<Stage, Long> byStage = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            byStage.put(stage, rs.getLong(column("stage_", stage)));
        }
        Map<TerminationReason, Long> byReason = new EnumMap<>(TerminationReason.class);
        for (TerminationReason reason : TerminationReason.values()) {
            byReason.put(reason, rs.getLong(column("reason_", reason)));
        }
        Map<Stage, Long> byTerminatedStage = new EnumMap<>(Stage.class);
        for (Stage stage : OPEN_STAGES) {
            byTerminatedStage.put(stage, rs.getLong(column("terminated_in_", stage)));
        }
        Map<Stage, Long> funnel = new EnumMap<>(Stage.class);
        funnel.put(Stage.AGREED, rs.getLong("reached_agreed"));
        funnel.put(Stage.IN_PROGRESS, rs.getLong("reached_in_progress"));
        funnel.put(Stage.CLOSED, rs.getLong("reached_closed"));

        long completed = byStage.get(Stage.CLOSED);
        long droppedOut = byStage.get(Stage.TERMINATED);
        long ended = completed + droppedOut;
        double median = rs.getDouble("median_days_to_close");
        Double medianDaysToClose = rs.wasNull() ? null : median;
        long endedMeetings = rs.getLong("ended_meetings");
        long ratingSum = rs.getLong("rating_sum");
        long ratingCount = rs.getLong("rating_count");

        return new OutcomeReport(
                rs.getLong("relationships"),
                byStage,
                ended,
                completed,
                droppedOut,
                ratio(completed, ended),
                ratio(droppedOut, ended),
                byReason,
                byTerminatedStage,
                funnel,
                medianDaysToClose,
                ratio(endedMeetings, ended),
                ratio(ratingSum, ratingCount));
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    private static String column(String prefix, Enum<?> value) {
        return prefix + value.name().toLowerCase(Locale.ROOT);
    }
}
