package fi.mentoringledger.query.report;

import java.util.List;
import java.util.stream.Collectors;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.query.processing.CounterStripes;
import fi.mentoringledger.query.processing.GenerationalProjection;
import fi.mentoringledger.query.processing.ProjectionGenerations;

/**
 * The facts that reports count, one row per relationship: programme, start date, stage (and the
 * stage it was terminated in), which stages it ever reached, when it closed, how many meetings it
 * had, and the sum and number of its evaluation ratings. Beside them, the same figures summed per
 * programme and start month ({@code outcome_counter}, {@code outcome_close_days}): each handler
 * changes a relationship's fact row and, in the same statement, takes the old row's share out of
 * the counters and adds the new one's ({@link OutcomeCounters}). A report then sums counters (see
 * {@link OutcomeReports}).
 */
@Component
@ProcessingGroup(OutcomeProjection.PROCESSOR)
class OutcomeProjection implements GenerationalProjection {

    static final String PROCESSOR = "outcome-report";
    private static final String GENERATION = ProjectionGenerations.writing(PROCESSOR);
    private static final String THIS_FACT = " WHERE generation = " + GENERATION + " AND relationship_id = :id";
    private static final String COUNTING = countingSql();

    private final JdbcClient jdbc;
    private final ProjectionGenerations generations;

    OutcomeProjection(JdbcClient jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    @Override
    public String processorName() {
        return PROCESSOR;
    }

    @Override
    public List<String> tables() {
        return List.of("outcome_fact", "outcome_counter", "outcome_close_days");
    }

    @ResetHandler
    void rebuildBesideTheCurrentGeneration() {
        generations.beginRebuild(this);
    }

    /**
     * The fact row on its own, then the counters from it: a row PostgreSQL rejects fails the first,
     * short statement, whose message (parked with a dead letter) names the reason.
     */
    @EventHandler
    void on(RelationshipStarted event) {
        jdbc.sql("""
                        INSERT INTO outcome_fact (generation, relationship_id, programme_id, started_on, stage)
                        VALUES (%s, :id, :programme, :startedOn, 'STARTED')""".formatted(GENERATION))
                .param("id", event.relationshipId().value())
                .param("programme", event.programmeId())
                .param("startedOn", event.startedOn())
                .update();
        apply(event.relationshipId(), change(event.relationshipId(), "SELECT * FROM outcome_fact WHERE false",
                "SELECT * FROM outcome_fact" + THIS_FACT));
    }

    @EventHandler
    void on(AgreementSigned event) {
        update(event.relationshipId(), "stage = 'AGREED', reached_agreed = TRUE", null);
    }

    /** The first meeting after agreeing puts the relationship IN_PROGRESS. */
    @EventHandler
    void on(MeetingRecorded event) {
        update(event.relationshipId(), """
                meeting_count = meeting_count + 1,
                reached_in_progress = reached_in_progress OR stage = 'AGREED',
                stage = CASE WHEN stage = 'AGREED' THEN 'IN_PROGRESS' ELSE stage END""", null);
    }

    @EventHandler
    void on(RelationshipPaused event) {
        update(event.relationshipId(), "paused_from = stage, stage = 'PAUSED'", null);
    }

    @EventHandler
    void on(RelationshipResumed event) {
        update(event.relationshipId(), "stage = coalesce(paused_from, stage), paused_from = NULL", null);
    }

    @EventHandler
    void on(RelationshipClosed event) {
        update(event.relationshipId(), "stage = 'CLOSED', reached_closed = TRUE, closed_on = :value",
                event.closedOn());
    }

    /** The event does not name the stage it ended in: this row knows it. */
    @EventHandler
    void on(RelationshipTerminated event) {
        update(event.relationshipId(),
                "terminated_in_stage = stage, stage = 'TERMINATED', termination_reason = :value",
                event.reason() == null ? "OTHER" : event.reason().name());
    }

    @EventHandler
    void on(EvaluationSubmitted event) {
        update(event.relationshipId(), "rating_sum = rating_sum + :value, rating_count = rating_count + 1",
                event.rating());
    }

    private void update(RelationshipId relationshipId, String assignments, Object value) {
        var statement = change(relationshipId, "SELECT * FROM outcome_fact" + THIS_FACT,
                "UPDATE outcome_fact SET " + assignments + THIS_FACT + " RETURNING *");
        if (assignments.contains(":value")) {
            statement = statement.param("value", value);
        }
        apply(relationshipId, statement);
    }

    /**
     * Moves the relationship in the counters from its fact row as {@code oldFact} selects it to the
     * row {@code newFact} gives (an update returning the row, or a select), all in one statement:
     * every sub-statement sees the table as it was before, so an update's old row is the one
     * {@code oldFact} selects. A relationship's events are handled one at a time (its segment, or
     * the retry of its dead letters), so nothing changes the row in between.
     */
    private JdbcClient.StatementSpec change(RelationshipId relationshipId, String oldFact, String newFact) {
        return jdbc.sql(COUNTING.formatted(oldFact, newFact))
                .param("id", relationshipId.value())
                .param("stripe", CounterStripes.of(relationshipId));
    }

    private static void apply(RelationshipId relationshipId, JdbcClient.StatementSpec change) {
        if (change.query(Long.class).single() != 1) {
            throw new IllegalStateException("relationship " + relationshipId + " is not in the report facts");
        }
    }

    private static String countingSql() {
        List<String> names = OutcomeCounters.COLUMNS.stream().map(OutcomeCounters.Column::name).toList();
        List<String> deltas = OutcomeCounters.COLUMNS.stream()
                .map(column -> "sum(sign * " + column.ofFact() + ")").toList();
        return """
                WITH old_fact AS (
                    %%1$s
                ), new_fact AS (
                    %%2$s
                ), delta AS (
                    SELECT 1 AS sign, * FROM new_fact
                    UNION ALL
                    SELECT -1, * FROM old_fact
                ), counted AS (
                    INSERT INTO outcome_counter (generation, programme_id, start_month, stripe, %1$s)
                    SELECT generation, programme_id, date_trunc('month', started_on)::date, :stripe, %2$s
                      FROM delta
                     WHERE started_on IS NOT NULL
                     GROUP BY generation, programme_id, date_trunc('month', started_on)::date
                    HAVING %3$s
                    ON CONFLICT (generation, (coalesce(programme_id, '')), (programme_id IS NULL), start_month, stripe)
                    DO UPDATE SET %4$s
                ), closes AS (
                    INSERT INTO outcome_close_days (generation, programme_id, start_month, stripe, days, relationships)
                    SELECT generation, programme_id, date_trunc('month', started_on)::date, :stripe, days_to_close,
                           sum(sign)
                      FROM delta
                     WHERE started_on IS NOT NULL AND stage = 'CLOSED' AND days_to_close IS NOT NULL
                     GROUP BY generation, programme_id, date_trunc('month', started_on)::date, days_to_close
                    HAVING sum(sign) <> 0
                    ON CONFLICT (generation, (coalesce(programme_id, '')), (programme_id IS NULL), start_month, stripe,
                                 days)
                    DO UPDATE SET relationships = outcome_close_days.relationships + excluded.relationships
                )
                SELECT count(*) FROM new_fact""".formatted(
                String.join(", ", names),
                String.join(", ", deltas),
                deltas.stream().map(delta -> delta + " <> 0").collect(Collectors.joining(" OR ")),
                names.stream().map(name -> name + " = outcome_counter." + name + " + excluded." + name)
                        .collect(Collectors.joining(", ")));
    }
}
