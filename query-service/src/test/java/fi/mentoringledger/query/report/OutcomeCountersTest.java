package fi.mentoringledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.CounterStripes;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.ReadModelDatabase;

/**
 * Reports summed from the counters (with the facts of partly covered months) against the same
 * reports computed as before the counters: one aggregate query over every selected fact row
 * ({@link FactReports}, the query {@link OutcomeReports} ran until the counters came). For every
 * filter, starting and ending on and off month boundaries, within one month and across years,
 * programme-restricted, and in every grouping, the two must give the same figures to the last bit.
 */
class OutcomeCountersTest {

    /** First, middle and last days of months: ranges within a month, across a month's end, over years. */
    private static final List<LocalDate> FROM = dates(null, "2024-01-01", "2024-03-15", "2024-06-30", "2024-07-01",
            "2024-11-02");
    private static final List<LocalDate> TO = dates(null, "2024-03-20", "2024-07-01", "2024-11-30", "2024-12-31",
            "2025-01-15");
    /** Programme and visible programmes: each date range unrestricted and in one of these ways. */
    private static final List<ReportFilter> RESTRICTIONS = List.of(new ReportFilter("womento", null, null),
            new ReportFilter(null, null, null, Set.of("womento", "auroras")),
            new ReportFilter("womento", null, null, Set.of("auroras", "womento")),
            new ReportFilter("auroras", null, null, Set.of("womento")),
            new ReportFilter(null, null, null, Set.of()));

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.emptiedBeforeEach();
    private static ReportFeed feed;
    private static OutcomeReports reports;
    private static FactReports reference;

    @BeforeAll
    static void projections() {
        feed = new ReportFeed(db, new OutcomeProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc())));
        reports = new OutcomeReports(db.jdbc());
        reference = new FactReports(db);
    }

    @Test
    void everyReportFromCountersEqualsTheReportFromTheFacts() {
        feed.feed(population());

        int compared = 0;
        for (ReportFilter filter : filters()) {
            assertThat(reports.report(filter)).as("report of %s", filter).isEqualTo(reference.report(filter));
            for (GroupBy groupBy : GroupBy.values()) {
                assertThat(reports.grouped(filter, groupBy)).as("report of %s by %s", filter, groupBy)
                        .isEqualTo(reference.grouped(filter, groupBy));
            }
            compared++;
        }
        assertThat(compared).isEqualTo(FROM.size() * TO.size() * 2);
        assertThat(reports.report(ReportFilter.all()).relationships()).as("the population is there").isGreaterThan(600);
        assertThat(reports.report(ReportFilter.all()).medianDaysToClose()).isNotNull();
    }

    @Test
    void theCountersAreTheFactsSummedPerProgrammeAndMonth() {
        feed.feed(population());

        assertThat(rows(COUNTERS_PER_MONTH)).isNotEmpty().isEqualTo(rows(FACTS_PER_MONTH));
        assertThat(rows(CLOSE_DAYS_PER_MONTH)).isNotEmpty().isEqualTo(rows(FACT_CLOSE_DAYS_PER_MONTH));
        assertThat(db.jdbc().sql("SELECT count(DISTINCT stripe) FROM outcome_counter").query(Long.class).single())
                .as("the relationships are spread over the stripes").isEqualTo(CounterStripes.STRIPES);
    }

    /**
     * Query migration V8 counts the facts an installation already holds (all in stripe 0); the
     * events after it move their relationships in their own stripes, where a count may fall below
     * zero. The sums are what they would have been.
     */
    @Test
    void theMigrationCountsTheFactsAlreadyThereAndLaterEventsMoveThem() throws IOException {
        List<Journey> population = population();
        db.inTransaction(() -> population.forEach(journey -> feed.dispatch(journey, 0, (journey.events.size() + 1) / 2)));
        String counting = countingStatementsOfMigrationV8();
        db.inTransaction(() -> {
            db.jdbc().sql("TRUNCATE outcome_counter, outcome_close_days").update();
            db.jdbc().sql(counting).update();
        });
        assertThat(rows(COUNTERS_PER_MONTH)).isNotEmpty().isEqualTo(rows(FACTS_PER_MONTH));

        db.inTransaction(() -> population.forEach(journey ->
                feed.dispatch(journey, (journey.events.size() + 1) / 2, journey.events.size())));

        assertThat(db.jdbc().sql("SELECT count(*) FROM outcome_counter WHERE stage_started < 0").query(Long.class)
                .single()).as("later events moved relationships out of other stripes' rows").isPositive();
        assertThat(rows(COUNTERS_PER_MONTH)).isEqualTo(rows(FACTS_PER_MONTH));
        assertThat(rows(CLOSE_DAYS_PER_MONTH)).isEqualTo(rows(FACT_CLOSE_DAYS_PER_MONTH));
        for (ReportFilter filter : List.of(ReportFilter.all(), new ReportFilter("womento", LocalDate.of(2024, 3, 15),
                LocalDate.of(2024, 12, 31)), new ReportFilter(null, LocalDate.of(2024, 6, 1), null))) {
            assertThat(reports.report(filter)).isEqualTo(reference.report(filter));
            assertThat(reports.grouped(filter, GroupBy.START_QUARTER))
                    .isEqualTo(reference.grouped(filter, GroupBy.START_QUARTER));
        }
    }

    /** The stripe is the segment: two segments (or up to four) never update the same counter row. */
    @Test
    void aRelationshipsStripeIsTheSegmentAxonProjectsItIn() {
        for (int segments : List.of(1, 2, 4)) {
            Segment[] split = Segment.splitBalanced(Segment.ROOT_SEGMENT, segments - 1).toArray(Segment[]::new);
            assertThat(split).hasSize(segments);
            for (Journey journey : Population.generate(3, 200, "stripe-")) {
                RelationshipId id = RelationshipId.of(journey.id);
                // Axon sequences per aggregate: the aggregate identifier is RelationshipId.toString()
                List<Integer> matching = Arrays.stream(split)
                        .filter(segment -> segment.matches(Objects.hashCode(id.toString())))
                        .map(Segment::getSegmentId).toList();
                assertThat(matching).containsExactly(CounterStripes.of(id) % segments);
            }
        }
    }

    @Test
    void theMedianOfAHistogramIsTheMiddleValueOrTheMeanOfTheTwo() {
        assertThat(OutcomeReports.median(List.of())).isNull();
        assertThat(OutcomeReports.median(List.of(new long[] {7, 1}))).isEqualTo(7.0);
        assertThat(OutcomeReports.median(List.of(new long[] {10, 1}, new long[] {25, 1}, new long[] {40, 1},
                new long[] {90, 1}))).isEqualTo(32.5);
        assertThat(OutcomeReports.median(List.of(new long[] {10, 2}, new long[] {25, 2}))).isEqualTo(17.5);
        assertThat(OutcomeReports.median(List.of(new long[] {10, 3}, new long[] {25, 2}))).isEqualTo(10.0);
        assertThat(OutcomeReports.median(List.of(new long[] {-3, 1}, new long[] {10, 1}, new long[] {25, 3})))
                .isEqualTo(25.0);
    }

    /**
     * The generated population (every path, 2024-01-01 to 2025-03-25) with relationships on the
     * first and last days of months, outside any programme, and one without a start date.
     */
    private static List<Journey> population() {
        List<Journey> population = new ArrayList<>(Population.generate(11, 600, "c-"));
        int i = 0;
        for (String day : List.of("2024-03-01", "2024-03-31", "2024-06-30", "2024-07-01", "2024-11-30",
                "2024-12-01", "2025-01-15", "2025-02-28", "2025-03-01", "2025-03-31")) {
            LocalDate start = LocalDate.parse(day);
            for (String programme : Population.PROGRAMMES) {
                Journey journey = new Journey("edge-" + i++, programme, start);
                switch (i % 4) {
                    case 0 -> journey.agree(start.plusDays(1), 1).meet(start.plusDays(3)).close(start.plusDays(20 + i))
                            .evaluate(Party.MENTEE, 1 + i % 5, start.plusDays(60));
                    case 1 -> journey.terminate(TerminationReason.values()[i % 8], start.plusDays(2));
                    case 2 -> journey.agree(start.plusDays(1), 2).pause(start.plusDays(4));
                    default -> journey.meet(start.plusDays(1));
                }
                population.add(journey);
            }
        }
        LocalDate someDay = LocalDate.of(2024, 5, 5);
        population.add(new Journey("undated-closed", "womento", null).agree(someDay, 1).meet(someDay).close(someDay));
        population.add(new Journey("undated-open", null, null));
        return population;
    }

    private static List<ReportFilter> filters() {
        List<ReportFilter> filters = new ArrayList<>();
        for (LocalDate from : FROM) {
            for (LocalDate to : TO) {
                filters.add(new ReportFilter(null, from, to));
                ReportFilter restriction = RESTRICTIONS.get(filters.size() % RESTRICTIONS.size());
                filters.add(new ReportFilter(restriction.programmeId(), from, to, restriction.visibleProgrammes()));
            }
        }
        return filters;
    }

    private static final String COUNTERS_PER_MONTH = """
            SELECT programme_id, start_month, %s FROM outcome_counter
             GROUP BY programme_id, start_month ORDER BY programme_id, start_month""".formatted(
            String.join(", ", OutcomeCounters.COLUMNS.stream().map(c -> "sum(" + c.name() + ")").toList()));
    private static final String FACTS_PER_MONTH = """
            SELECT programme_id, date_trunc('month', started_on)::date AS start_month, %s FROM outcome_fact
             WHERE started_on IS NOT NULL
             GROUP BY programme_id, start_month ORDER BY programme_id, start_month""".formatted(
            String.join(", ", OutcomeCounters.COLUMNS.stream().map(c -> "sum(" + c.ofFact() + ")").toList()));
    private static final String CLOSE_DAYS_PER_MONTH = """
            SELECT programme_id, start_month, days, sum(relationships) FROM outcome_close_days
             GROUP BY programme_id, start_month, days HAVING sum(relationships) <> 0
             ORDER BY programme_id, start_month, days""";
    private static final String FACT_CLOSE_DAYS_PER_MONTH = """
            SELECT programme_id, date_trunc('month', started_on)::date AS start_month, days_to_close, count(*)
              FROM outcome_fact WHERE started_on IS NOT NULL AND stage = 'CLOSED' AND days_to_close IS NOT NULL
             GROUP BY programme_id, start_month, days_to_close ORDER BY programme_id, start_month, days_to_close""";

    private static List<String> rows(String sql) {
        return db.jdbc().sql("SELECT row_to_json(r)::text FROM (" + sql + ") r").query(String.class).list().stream()
                .map(row -> row.replaceAll("\"[a-z_]+\":", "")).toList();
    }

    /** The statements of the migration after its DDL: the ones that count what the facts hold. */
    private static String countingStatementsOfMigrationV8() throws IOException {
        try (InputStream in = OutcomeCountersTest.class.getResourceAsStream("/db/query/V8__counters_for_reports_and_list.sql")) {
            String migration = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
            return migration.substring(migration.indexOf("INSERT INTO outcome_counter"));
        }
    }

    private static List<LocalDate> dates(String... days) {
        return Arrays.stream(days).map(day -> day == null ? null : LocalDate.parse(day)).toList();
    }

    /**
     * The reports as {@link OutcomeReports} computed them before the counters, kept as the
     * reference: one aggregate query over the facts the filter selects, the median by
     * {@code percentile_cont}.
     */
    private static final class FactReports {

        private final ReadModelDatabase db;

        FactReports(ReadModelDatabase db) {
            this.db = db;
        }

        OutcomeReport report(ReportFilter filter) {
            Map<String, Object> params = new HashMap<>();
            return db.jdbc().sql("SELECT " + FIGURES + " FROM outcome_fact" + where(filter, params)).params(params)
                    .query((rs, i) -> figures(rs)).single();
        }

        OutcomeReport.Grouped grouped(ReportFilter filter, GroupBy groupBy) {
            Map<String, Object> params = new HashMap<>();
            String key = switch (groupBy) {
                case PROGRAMME -> "programme_id";
                case START_MONTH -> "to_char(started_on, 'YYYY-MM')";
                case START_QUARTER -> "to_char(started_on, 'YYYY') || '-Q' || to_char(started_on, 'Q')";
            };
            return new OutcomeReport.Grouped(db.jdbc().sql("SELECT " + key + " AS group_key, " + FIGURES
                            + " FROM outcome_fact" + where(filter, params) + " GROUP BY group_key ORDER BY group_key NULLS LAST")
                    .params(params)
                    .query((rs, i) -> new OutcomeReport.Group(rs.getString("group_key"), figures(rs)))
                    .list());
        }

        private static OutcomeReport figures(java.sql.ResultSet rs) throws java.sql.SQLException {
            double median = rs.getDouble("median_days_to_close");
            Double medianDaysToClose = rs.wasNull() ? null : median;
            Map<String, Long> sums = new HashMap<>();
            for (OutcomeCounters.Column column : OutcomeCounters.COLUMNS) {
                sums.put(column.name(), rs.getLong(column.name()));
            }
            return OutcomeReports.figures(sums::get, medianDaysToClose);
        }

        private static String where(ReportFilter filter, Map<String, Object> params) {
            StringBuilder where = new StringBuilder(" WHERE generation = (SELECT active FROM projection_generation"
                    + " WHERE projection = 'outcome-report')");
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

        private static final String FIGURES = figuresSql();

        private static String figuresSql() {
            StringBuilder sql = new StringBuilder("count(*) AS relationships");
            for (Stage stage : Stage.values()) {
                sql.append(", count(*) FILTER (WHERE stage = '").append(stage.name()).append("') AS ")
                        .append(OutcomeCounters.column("stage_", stage));
            }
            for (TerminationReason reason : TerminationReason.values()) {
                sql.append(", count(*) FILTER (WHERE termination_reason = '").append(reason.name()).append("') AS ")
                        .append(OutcomeCounters.column("reason_", reason));
            }
            for (Stage stage : OutcomeReports.OPEN_STAGES) {
                sql.append(", count(*) FILTER (WHERE terminated_in_stage = '").append(stage.name()).append("') AS ")
                        .append(OutcomeCounters.column("terminated_in_", stage));
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
    }
}
