package fi.mentoringledger.query.report;

import java.util.List;

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
import fi.mentoringledger.query.processing.GenerationalProjection;
import fi.mentoringledger.query.processing.ProjectionGenerations;

/**
 * The facts that reports count, one row per relationship: programme, start date, stage (and the
 * stage it was terminated in), which stages it ever reached, when it closed, how many meetings it
 * had, and the sum and number of its evaluation ratings. A report is then one aggregate query over
 * the rows its filter selects (see {@link OutcomeReports}).
 */
@Component
@ProcessingGroup(OutcomeProjection.PROCESSOR)
class OutcomeProjection implements GenerationalProjection {

    static final String PROCESSOR = "outcome-report";
    private static final String GENERATION = ProjectionGenerations.writing(PROCESSOR);

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
        return List.of("outcome_fact");
    }

    @ResetHandler
    void rebuildBesideTheCurrentGeneration() {
        generations.beginRebuild(this);
    }

    @EventHandler
    void on(RelationshipStarted event) {
        jdbc.sql("""
                        INSERT INTO outcome_fact (generation, relationship_id, programme_id, started_on, stage)
                        VALUES (%s, :id, :programme, :startedOn, 'STARTED')""".formatted(GENERATION))
                .param("id", event.relationshipId().value())
                .param("programme", event.programmeId())
                .param("startedOn", event.startedOn())
                .update();
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
        var statement = jdbc.sql("UPDATE outcome_fact SET " + assignments + " WHERE generation = " + GENERATION
                        + " AND relationship_id = :id")
                .param("id", relationshipId.value());
        if (assignments.contains(":value")) {
            statement = statement.param("value", value);
        }
        if (statement.update() != 1) {
            throw new IllegalStateException("relationship " + relationshipId + " is not in the report facts");
        }
    }
}
