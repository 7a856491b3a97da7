package fi.mentoringledger.query.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.ProjectionGenerations;

/**
 * Computes reports from the counters of the active generation: the months that a filter covers
 * whole are summed from {@code outcome_counter} (a row per programme, start month and stripe),
 * and only the days of a partly covered month at either end of the range (and relationships
 * without a start date, which only an unlimited range selects) are read from the facts, one row
 * per relationship, in the counters' shape. Every grouping (programme, start month, start quarter)
 * is a grouping of those rows, so none needs the facts of a whole month. The median comes from the
 * days-to-close histogram the same way, exactly. Divisions happen here, in double arithmetic on
 * exact integer sums, so a figure is the plain quotient the definition names, never a rounded
 * decimal. Both statements of a report read one snapshot (repeatable read).
 */
@Component
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class OutcomeReports {

    /** The stages a relationship can be terminated in. */
    static final List<Stage> OPEN_STAGES = Arrays.stream(Stage.values()).filter(Stage::isOpen).toList();
    static final List<Stage> FUNNEL = List.of(Stage.AGREED, Stage.IN_PROGRESS, Stage.CLOSED);

    private static final String GENERATION = ProjectionGenerations.reading(OutcomeProjection.PROCESSOR);
    private static final String COUNTER_COLUMNS = OutcomeCounters.COLUMNS.stream()
            .map(OutcomeCounters.Column::name).collect(Collectors.joining(", "));
    private static final String FACT_AS_COUNTERS = OutcomeCounters.COLUMNS.stream()
            .map(column -> column.ofFact() + " AS " + column.name()).collect(Collectors.joining(", "));
    private static final String SUMS = OutcomeCounters.COLUMNS.stream()
            .map(column -> "coalesce(sum(" + column.name() + "), 0) AS " + column.name())
            .collect(Collectors.joining(", "));

    private final JdbcClient jdbc;

    public OutcomeReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public OutcomeReport report(ReportFilter filter) {
        return figures(filter, null).get(0).figures();
    }

    public OutcomeReport.Grouped grouped(ReportFilter filter, GroupBy groupBy) {
        return new OutcomeReport.Grouped(figures(filter, groupBy));
    }

    /** One group with a null key when {@code groupBy} is null, even of nothing; else one per key found. */
    private List<OutcomeReport.Group> figures(ReportFilter filter, GroupBy groupBy) {
        Map<String, Object> params = new HashMap<>();
        Selection selection = Selection.of(filter, params);
        String key = groupBy == null ? "" : groupBy.keySql() + " AS group_key, ";
        String grouping = groupBy == null ? "" : " GROUP BY group_key ORDER BY group_key NULLS LAST";
        Map<String, Double> medians = medians(selection, groupBy, params);
        return jdbc.sql("""
                        WITH slices AS (
                            SELECT programme_id, start_month, %s FROM outcome_counter WHERE %s
                            UNION ALL
                            SELECT programme_id, date_trunc('month', started_on)::date AS start_month, %s
                              FROM outcome_fact WHERE %s
                        )
                        SELECT %s%s FROM slices%s""".formatted(COUNTER_COLUMNS, selection.counters(),
                        FACT_AS_COUNTERS, selection.facts(), key, SUMS, grouping))
                .params(params)
                .query((rs, i) -> {
                    String group = groupBy == null ? null : rs.getString("group_key");
                    return new OutcomeReport.Group(group, figures(column -> sum(rs, column), medians.get(group)));
                })
                .list();
    }

    /** The median days to close per group key, from the histogram of the same selection. */
    private Map<String, Double> medians(Selection selection, GroupBy groupBy, Map<String, Object> params) {
        String key = groupBy == null ? "NULL::text" : groupBy.keySql();
        Map<String, List<long[]>> histograms = new HashMap<>();
        jdbc.sql("""
                        WITH closes AS (
                            SELECT programme_id, start_month, days, relationships FROM outcome_close_days WHERE %s
                            UNION ALL
                            SELECT programme_id, date_trunc('month', started_on)::date, days_to_close, 1
                              FROM outcome_fact WHERE (%s) AND stage = 'CLOSED' AND days_to_close IS NOT NULL
                        )
                        SELECT %s AS group_key, days, sum(relationships) AS relationships FROM closes
                         GROUP BY group_key, days HAVING sum(relationships) > 0 ORDER BY group_key, days"""
                        .formatted(selection.counters(), selection.facts(), key))
                .params(params)
                .query((RowCallbackHandler) rs -> histograms.computeIfAbsent(rs.getString("group_key"), k -> new ArrayList<>())
                        .add(new long[] {rs.getLong("days"), rs.getLong("relationships")}));
        Map<String, Double> medians = new HashMap<>();
        histograms.forEach((group, histogram) -> medians.put(group, median(histogram)));
        return medians;
    }

    /**
     * The median of a histogram of (days, how many) in ascending days: the middle value, or the
     * mean of the two middle values of an even count, as PostgreSQL's {@code percentile_cont(0.5)}.
     */
    static Double median(List<long[]> histogram) {
        long count = histogram.stream().mapToLong(bar -> bar[1]).sum();
        if (count == 0) {
            return null;
        }
        long lower = (count - 1) / 2;
        long upper = count / 2;
        Long lowerValue = null;
        long seen = 0;
        for (long[] bar : histogram) {
            seen += bar[1];
            if (lowerValue == null && seen > lower) {
                lowerValue = bar[0];
            }
            if (seen > upper) {
                return (lowerValue + bar[0]) / 2.0;
            }
        }
        throw new IllegalStateException("histogram shorter than its count");
    }

    /**
     * Which rows a filter selects: the counters of the months it covers whole, and the facts of
     * the days before the first and after the last of them. A range within one month, or across
     * the end of a month without covering any whole one, is read from the facts alone.
     */
    private record Selection(String counters, String facts) {

        static Selection of(ReportFilter filter, Map<String, Object> params) {
            String programme = programmes(filter, params);
            LocalDate from = filter.startedFrom();
            LocalDate to = filter.startedTo();
            LocalDate firstMonth = from == null ? null
                    : from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
            LocalDate lastMonth = to == null ? null
                    : to.equals(to.with(TemporalAdjusters.lastDayOfMonth())) ? to.withDayOfMonth(1)
                    : to.withDayOfMonth(1).minusMonths(1);
            String counters = "generation = " + GENERATION + programme;
            String facts = "generation = " + GENERATION + programme;
            if (firstMonth != null && lastMonth != null && firstMonth.isAfter(lastMonth)) {
                params.put("from", from);
                params.put("to", to);
                return new Selection(counters + " AND false", facts + " AND started_on >= :from AND started_on <= :to");
            }
            List<String> edges = new ArrayList<>();
            if (firstMonth != null) {
                counters += " AND start_month >= :firstMonth";
                params.put("firstMonth", firstMonth);
                if (from.isBefore(firstMonth)) {
                    edges.add("started_on >= :from AND started_on < :firstMonth");
                    params.put("from", from);
                }
            }
            if (lastMonth != null) {
                LocalDate afterLastMonth = lastMonth.plusMonths(1);
                counters += " AND start_month <= :lastMonth";
                params.put("lastMonth", lastMonth);
                if (!to.isBefore(afterLastMonth)) {
                    edges.add("started_on >= :afterLastMonth AND started_on <= :to");
                    params.put("afterLastMonth", afterLastMonth);
                    params.put("to", to);
                }
            }
            if (from == null && to == null) {
                edges.add("started_on IS NULL");
            }
            return new Selection(counters, edges.isEmpty() ? facts + " AND false"
                    : facts + " AND (" + edges.stream().map(edge -> "(" + edge + ")").collect(Collectors.joining(" OR ")) + ")");
        }

        private static String programmes(ReportFilter filter, Map<String, Object> params) {
            StringBuilder where = new StringBuilder();
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
            return where.toString();
        }
    }

    private static long sum(ResultSet rs, String column) {
        try {
            return rs.getLong(column);
        } catch (SQLException e) {
            throw new IllegalStateException("no sum of " + column, e);
        }
    }

    /**
     * The report's figures from the sums of the counter columns ({@link OutcomeCounters}) over its
     * selection, by column name, and the median days to close.
     */
    static OutcomeReport figures(ToLongFunction<String> sums, Double medianDaysToClose) {
        Map<Stage, Long> byStage = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            byStage.put(stage, sums.applyAsLong(column("stage_", stage)));
        }
        Map<TerminationReason, Long> byReason = new EnumMap<>(TerminationReason.class);
        for (TerminationReason reason : TerminationReason.values()) {
            byReason.put(reason, sums.applyAsLong(column("reason_", reason)));
        }
        Map<Stage, Long> byTerminatedStage = new EnumMap<>(Stage.class);
        for (Stage stage : OPEN_STAGES) {
            byTerminatedStage.put(stage, sums.applyAsLong(column("terminated_in_", stage)));
        }
        Map<Stage, Long> funnel = new EnumMap<>(Stage.class);
        funnel.put(Stage.AGREED, sums.applyAsLong("reached_agreed"));
        funnel.put(Stage.IN_PROGRESS, sums.applyAsLong("reached_in_progress"));
        funnel.put(Stage.CLOSED, sums.applyAsLong("reached_closed"));

        long completed = byStage.get(Stage.CLOSED);
        long droppedOut = byStage.get(Stage.TERMINATED);
        long ended = completed + droppedOut;
        long endedMeetings = sums.applyAsLong("ended_meetings");
        long ratingSum = sums.applyAsLong("rating_sum");
        long ratingCount = sums.applyAsLong("rating_count");

        return new OutcomeReport(
                sums.applyAsLong("relationships"),
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
        return OutcomeCounters.column(prefix, value);
    }
}
