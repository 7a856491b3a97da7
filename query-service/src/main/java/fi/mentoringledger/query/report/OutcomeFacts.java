package fi.mentoringledger.query.report;

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
import java.util.stream.Collectors;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import fi.mentoringledger.api.relationship.Lifecycle;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.CounterStripes;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.processing.RowTable;

/**
 * {@code outcome_fact} as a {@link RowTable}, and with it the counters summed from the facts: a
 * batch writes its changed fact rows in one JDBC batch, then moves every counter row its changes
 * touch once, by the difference between the rows stored and the rows written
 * ({@link OutcomeCounters}, and the histogram of days to close).
 */
final class OutcomeFacts implements RowTable<String, OutcomeFact> {

    private static final String GENERATION = ProjectionGenerations.writing(OutcomeProjection.PROCESSOR);

    private static final String ROWS = """
            SELECT relationship_id, programme_id, started_on, stage, paused_from, reached_agreed, reached_in_progress,
                   reached_closed, closed_on, closed_version, termination_reason, terminated_in_stage, meeting_count,
                   rating_sum, rating_count, mentor_rating, mentee_rating
              FROM outcome_fact WHERE generation = """ + GENERATION;

    private static final String INSERT = """
            INSERT INTO outcome_fact (generation, relationship_id, programme_id, started_on, stage, paused_from,
                        reached_agreed, reached_in_progress, reached_closed, closed_on, closed_version,
                        termination_reason, terminated_in_stage, meeting_count, rating_sum, rating_count, mentor_rating,
                        mentee_rating)
            VALUES (%s, :id, :programme, :startedOn, :stage, :pausedFrom, :reachedAgreed, :reachedInProgress,
                    :reachedClosed, :closedOn, :closedVersion, :terminationReason, :terminatedInStage, :meetingCount,
                    :ratingSum, :ratingCount, :mentorRating, :menteeRating)""".formatted(GENERATION);

    private static final String UPDATE = """
            UPDATE outcome_fact
               SET programme_id = :programme, started_on = :startedOn, stage = :stage, paused_from = :pausedFrom,
                   reached_agreed = :reachedAgreed, reached_in_progress = :reachedInProgress,
                   reached_closed = :reachedClosed, closed_on = :closedOn, closed_version = :closedVersion,
                   termination_reason = :terminationReason, terminated_in_stage = :terminatedInStage,
                   meeting_count = :meetingCount, rating_sum = :ratingSum, rating_count = :ratingCount,
                   mentor_rating = :mentorRating, mentee_rating = :menteeRating
             WHERE generation = %s AND relationship_id = :id""".formatted(GENERATION);

    private static final String COUNT = countSql();

    private static final String COUNT_CLOSE_DAYS = """
            INSERT INTO outcome_close_days (generation, programme_id, start_month, stripe, days, relationships)
            VALUES (%s, :programme, :month, :stripe, :days, :relationships)
            ON CONFLICT (generation, (coalesce(programme_id, '')), (programme_id IS NULL), start_month, stripe, days)
            DO UPDATE SET relationships = outcome_close_days.relationships + excluded.relationships"""
            .formatted(GENERATION);

    /**
     * Counter rows in one order in every batch, so that two batches updating the same rows (more
     * segments than {@link CounterStripes}) wait for each other rather than deadlock.
     */
    private static final Comparator<CounterKey> IN_ORDER = Comparator
            .comparing(CounterKey::programmeId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CounterKey::startMonth).thenComparingInt(CounterKey::stripe);

    private final NamedParameterJdbcOperations jdbc;

    OutcomeFacts(NamedParameterJdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A row of the counters: a programme's relationships of one start month, in one stripe. */
    private record CounterKey(String programmeId, LocalDate startMonth, int stripe) {

        static Optional<CounterKey> of(OutcomeFact fact) {
            if (fact.startedOn() == null) {
                return Optional.empty();
            }
            return Optional.of(new CounterKey(fact.programmeId(), fact.startedOn().withDayOfMonth(1),
                    CounterStripes.of(RelationshipId.of(fact.relationshipId()))));
        }
    }

    private record CloseDaysKey(CounterKey counter, int days) {
    }

    @Override
    public Optional<OutcomeFact> load(String relationshipId) {
        return jdbc.query(ROWS + " AND relationship_id = :id", Map.of("id", relationshipId), (rs, i) -> row(rs))
                .stream().findFirst();
    }

    @Override
    public Map<String, OutcomeFact> loadAll(Collection<String> relationshipIds) {
        Map<String, OutcomeFact> rows = new LinkedHashMap<>();
        if (!relationshipIds.isEmpty()) {
            jdbc.query(ROWS + " AND relationship_id IN (:ids)", Map.of("ids", relationshipIds), rs -> {
                OutcomeFact row = row(rs);
                rows.put(row.relationshipId(), row);
            });
        }
        return rows;
    }

    /**
     * The facts first, on their own: a row PostgreSQL rejects fails that statement, whose message
     * (parked with a dead letter) names the reason.
     */
    @Override
    public void write(List<Change<OutcomeFact>> changes) {
        batch(INSERT, changes.stream().filter(Change::isNew).map(change -> params(change.after())).toList());
        batch(UPDATE, changes.stream().filter(change -> !change.isNew()).map(change -> params(change.after())).toList());
        Map<CounterKey, long[]> counters = new TreeMap<>(IN_ORDER);
        Map<CloseDaysKey, Integer> closeDays = new TreeMap<>(Comparator.comparing(CloseDaysKey::counter, IN_ORDER)
                .thenComparingInt(CloseDaysKey::days));
        for (Change<OutcomeFact> change : changes) {
            if (change.before() != null) {
                count(change.before(), -1, counters, closeDays);
            }
            count(change.after(), 1, counters, closeDays);
        }
        List<SqlParameterSource> counterRows = new ArrayList<>();
        counters.forEach((key, deltas) -> {
            if (Arrays.stream(deltas).anyMatch(delta -> delta != 0)) {
                MapSqlParameterSource row = counterKey(key);
                for (int i = 0; i < deltas.length; i++) {
                    row.addValue(OutcomeCounters.COLUMNS.get(i).name(), deltas[i]);
                }
                counterRows.add(row);
            }
        });
        batch(COUNT, counterRows);
        List<SqlParameterSource> closeDayRows = new ArrayList<>();
        closeDays.forEach((key, relationships) -> {
            if (relationships != 0) {
                closeDayRows.add(counterKey(key.counter()).addValue("days", key.days())
                        .addValue("relationships", relationships));
            }
        });
        batch(COUNT_CLOSE_DAYS, closeDayRows);
    }

    private static void count(OutcomeFact fact, int sign, Map<CounterKey, long[]> counters,
            Map<CloseDaysKey, Integer> closeDays) {
        CounterKey.of(fact).ifPresent(key -> {
            long[] deltas = counters.computeIfAbsent(key, k -> new long[OutcomeCounters.COLUMNS.size()]);
            for (int i = 0; i < deltas.length; i++) {
                deltas[i] += sign * OutcomeCounters.COLUMNS.get(i).of().applyAsLong(fact);
            }
            Integer days = fact.daysToClose();
            if (days != null) {
                closeDays.merge(new CloseDaysKey(key, days), sign, Integer::sum);
            }
        });
    }

    private void batch(String sql, List<SqlParameterSource> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new));
        }
    }

    private static MapSqlParameterSource counterKey(CounterKey key) {
        return new MapSqlParameterSource().addValue("programme", key.programmeId())
                .addValue("month", key.startMonth()).addValue("stripe", key.stripe());
    }

    private static String countSql() {
        List<String> names = OutcomeCounters.COLUMNS.stream().map(OutcomeCounters.Column::name).toList();
        return """
                INSERT INTO outcome_counter (generation, programme_id, start_month, stripe, %s)
                VALUES (%s, :programme, :month, :stripe, %s)
                ON CONFLICT (generation, (coalesce(programme_id, '')), (programme_id IS NULL), start_month, stripe)
                DO UPDATE SET %s""".formatted(String.join(", ", names), GENERATION,
                names.stream().map(name -> ":" + name).collect(Collectors.joining(", ")),
                names.stream().map(name -> name + " = outcome_counter." + name + " + excluded." + name)
                        .collect(Collectors.joining(", ")));
    }

    private static OutcomeFact row(ResultSet rs) throws SQLException {
        return new OutcomeFact(rs.getString("relationship_id"), rs.getString("programme_id"), date(rs, "started_on"),
                new Lifecycle(stage(rs.getString("stage")), stage(rs.getString("paused_from"))),
                rs.getBoolean("reached_agreed"), rs.getBoolean("reached_in_progress"), rs.getBoolean("reached_closed"),
                date(rs, "closed_on"), rs.getObject("closed_version", Long.class),
                reason(rs.getString("termination_reason")), stage(rs.getString("terminated_in_stage")),
                rs.getInt("meeting_count"), rs.getInt("rating_sum"), rs.getInt("rating_count"),
                rs.getObject("mentor_rating", Integer.class), rs.getObject("mentee_rating", Integer.class));
    }

    private static SqlParameterSource params(OutcomeFact fact) {
        return new MapSqlParameterSource()
                .addValue("id", fact.relationshipId())
                .addValue("programme", fact.programmeId())
                .addValue("startedOn", fact.startedOn())
                .addValue("stage", name(fact.stage()))
                .addValue("pausedFrom", name(fact.lifecycle().pausedFrom()))
                .addValue("reachedAgreed", fact.reachedAgreed())
                .addValue("reachedInProgress", fact.reachedInProgress())
                .addValue("reachedClosed", fact.reachedClosed())
                .addValue("closedOn", fact.closedOn())
                .addValue("closedVersion", fact.closedVersion())
                .addValue("terminationReason", name(fact.terminationReason()))
                .addValue("terminatedInStage", name(fact.terminatedInStage()))
                .addValue("meetingCount", fact.meetingCount())
                .addValue("ratingSum", fact.ratingSum())
                .addValue("ratingCount", fact.ratingCount())
                .addValue("mentorRating", fact.mentorRating())
                .addValue("menteeRating", fact.menteeRating());
    }

    private static Stage stage(String name) {
        return name == null ? null : Stage.valueOf(name);
    }

    private static TerminationReason reason(String name) {
        return name == null ? null : TerminationReason.valueOf(name);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
