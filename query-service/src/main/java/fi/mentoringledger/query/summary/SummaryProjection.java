package fi.mentoringledger.query.summary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.eventstore.personaldata.ReadModelSealing;
import fi.mentoringledger.query.processing.CounterStripes;
import fi.mentoringledger.query.processing.GenerationalProjection;
import fi.mentoringledger.query.processing.ProjectionGenerations;

/**
 * Where every pair stands: one row per relationship (stage, dates, counters) and its goals; and
 * how many relationships each programme has in each stage ({@code relationship_count}, the list's
 * total), moved in the statement that changes a relationship's row.
 * <p>
 * Counters are incremented, not recomputed, so each event must be applied exactly once: the
 * processor's token is stored in the same transaction as these rows, which guarantees that, and a
 * failing statement fails the whole batch rather than skipping an event.
 */
@Component
@ProcessingGroup(SummaryProjection.PROCESSOR)
class SummaryProjection implements GenerationalProjection {

    static final String PROCESSOR = "relationship-summary";
    private static final String GENERATION = ProjectionGenerations.writing(PROCESSOR);
    private static final String THIS_ROW = " WHERE generation = " + GENERATION + " AND relationship_id = :id";
    /**
     * Runs the update of a relationship's row given for {@code %s} (returning its programme and
     * stage) and moves the relationship in {@code relationship_count} from its old stage to its new
     * one, in one statement whose parts all see the row as it was before; answers how many rows it
     * updated.
     */
    private static final String COUNTING = """
            WITH old_row AS (
                SELECT programme_id, stage FROM relationship_summary%1$s
            ), new_row AS (
                %%s
            ), moved AS (
                INSERT INTO relationship_count (generation, programme_id, stage, stripe, relationships)
                SELECT %2$s, programme_id, stage, :stripe, sum(sign)
                  FROM (SELECT 1 AS sign, * FROM new_row UNION ALL SELECT -1, * FROM old_row) delta
                 GROUP BY programme_id, stage
                HAVING sum(sign) <> 0
                ON CONFLICT (generation, (coalesce(programme_id, '')), (programme_id IS NULL), stage, stripe)
                DO UPDATE SET relationships = relationship_count.relationships + excluded.relationships
            )
            SELECT count(*) FROM new_row""".formatted(THIS_ROW, GENERATION);

    /** Where a sealed value sits, which its envelope is bound to ({@link ReadModelSealing}). */
    static final String MENTOR_NAME = "relationship_summary.mentor_name";
    static final String MENTEE_NAME = "relationship_summary.mentee_name";

    private final JdbcClient jdbc;
    private final ProjectionGenerations generations;
    private final ReadModelSealing sealing;

    SummaryProjection(JdbcClient jdbc, ProjectionGenerations generations, ReadModelSealing sealing) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.sealing = sealing;
    }

    static String goalDescription(String goalId) {
        return "relationship_goal.description." + goalId;
    }

    @Override
    public String processorName() {
        return PROCESSOR;
    }

    @Override
    public List<String> tables() {
        return List.of("relationship_summary", "relationship_goal", "relationship_concern", "relationship_count");
    }

    @ResetHandler
    void rebuildBesideTheCurrentGeneration() {
        generations.beginRebuild(this);
    }

    /**
     * A name is required to start, so a participant without one was erased: the event is read after
     * the person's key is gone (in a replay, or live when the erasure came first). The row says so
     * from the start rather than only once {@link PersonalDataErased} is projected. Names are kept
     * sealed with their person's key. The row is inserted on its own, then counted: a row PostgreSQL
     * rejects fails the short statement, whose message (kept with the dead letter) names the reason.
     */
    @EventHandler
    void on(RelationshipStarted event, @SequenceNumber long sequence) {
        Person mentor = event.mentor();
        Person mentee = event.mentee();
        String id = id(event.relationshipId());
        sealing.knowThePair(id, Stream.of(mentor, mentee).filter(Objects::nonNull).map(Person::id)
                .filter(Objects::nonNull).toList());
        String mentorName = mentor == null ? null : sealing.sealPersons(mentor.id(), mentor.name(), id, MENTOR_NAME);
        String menteeName = mentee == null ? null : sealing.sealPersons(mentee.id(), mentee.name(), id, MENTEE_NAME);
        jdbc.sql("""
                        INSERT INTO relationship_summary (generation, relationship_id, programme_id, mentor_id, mentor_name,
                                                          mentor_erased, mentee_id, mentee_name, mentee_erased, language,
                                                          stage, version, started_on)
                        VALUES (%s, :id, :programme, :mentorId, CAST(:mentorName AS jsonb), :mentorErased, :menteeId,
                                CAST(:menteeName AS jsonb), :menteeErased, :language, 'STARTED', :version, :startedOn)"""
                        .formatted(GENERATION))
                .param("id", id)
                .param("programme", event.programmeId())
                .param("mentorId", mentor == null ? null : mentor.id())
                .param("mentorName", mentorName)
                .param("mentorErased", mentor != null && mentorName == null)
                .param("menteeId", mentee == null ? null : mentee.id())
                .param("menteeName", menteeName)
                .param("menteeErased", mentee != null && menteeName == null)
                .param("language", event.language())
                .param("version", sequence)
                .param("startedOn", event.startedOn())
                .update();
        jdbc.sql("""
                        INSERT INTO relationship_count (generation, programme_id, stage, stripe, relationships)
                        VALUES (%s, :programme, 'STARTED', :stripe, 1)
                        ON CONFLICT (generation, (coalesce(programme_id, '')), (programme_id IS NULL), stage, stripe)
                        DO UPDATE SET relationships = relationship_count.relationships + 1""".formatted(GENERATION))
                .param("programme", event.programmeId())
                .param("stripe", CounterStripes.of(event.relationshipId()))
                .update();
    }

    @EventHandler
    void on(AgreementSigned event, @SequenceNumber long sequence) {
        update(event.relationshipId(), sequence, "stage = 'AGREED', agreed_on = :on", "on", event.agreedOn());
        replaceGoals(event.relationshipId(), event.agreement());
    }

    @EventHandler
    void on(AgreementAmended event, @SequenceNumber long sequence) {
        update(event.relationshipId(), sequence, null);
        replaceGoals(event.relationshipId(), event.agreement());
    }

    /** The first meeting after agreeing puts the relationship IN_PROGRESS (there is no event of its own). */
    @EventHandler
    void on(MeetingRecorded event, @SequenceNumber long sequence) {
        update(event.relationshipId(), sequence, """
                meeting_count = meeting_count + 1,
                last_meeting_on = greatest(last_meeting_on, CAST(:on AS date)),
                in_progress_on = CASE WHEN stage = 'AGREED' THEN CAST(:on AS date) ELSE in_progress_on END,
                stage = CASE WHEN stage = 'AGREED' THEN 'IN_PROGRESS' ELSE stage END""", "on", event.heldOn());
    }

    @EventHandler
    void on(GoalAchieved event, @SequenceNumber long sequence) {
        update(event.relationshipId(), sequence, null);
        jdbc.sql("UPDATE relationship_goal SET achieved = TRUE, achieved_on = :on" + THIS_ROW + " AND goal_id = :goal")
                .param("id", id(event.relationshipId()))
                .param("goal", event.goalId())
                .param("on", event.achievedOn())
                .update();
    }

    /** Every open concern counts for the pair; one addressed to the organiser also for everyone else. */
    @EventHandler
    void on(ConcernRaised event, @SequenceNumber long sequence) {
        jdbc.sql("""
                        INSERT INTO relationship_concern (generation, relationship_id, concern_id, organiser_contacted)
                        VALUES (%s, :id, :concern, :organiserContacted)""".formatted(GENERATION))
                .param("id", id(event.relationshipId()))
                .param("concern", event.concernId())
                .param("organiserContacted", event.organiserContacted())
                .update();
        update(event.relationshipId(), sequence, event.organiserContacted()
                ? "open_concerns = open_concerns + 1, open_organiser_concerns = open_organiser_concerns + 1"
                : "open_concerns = open_concerns + 1");
    }

    /**
     * A concern raised before this projection knew the kinds (migration V5) has no row: it was
     * counted for organisers too, and leaves both counts.
     */
    @EventHandler
    void on(ConcernResolved event, @SequenceNumber long sequence) {
        boolean organiserContacted = jdbc.sql("""
                        UPDATE relationship_concern SET resolved = TRUE%s AND concern_id = :concern AND NOT resolved
                        RETURNING organiser_contacted""".formatted(THIS_ROW))
                .param("id", id(event.relationshipId()))
                .param("concern", event.concernId())
                .query(Boolean.class)
                .optional()
                .orElse(true);
        update(event.relationshipId(), sequence, organiserContacted
                ? "open_concerns = greatest(open_concerns - 1, 0), "
                        + "open_organiser_concerns = greatest(open_organiser_concerns - 1, 0)"
                : "open_concerns = greatest(open_concerns - 1, 0)");
    }

    @EventHandler
    void on(RelationshipPaused event, @SequenceNumber long sequence) {
        update(event.relationshipId(), sequence, "paused_from = stage, stage = 'PAUSED', paused_on = :on",
                "on", event.pausedOn());
    }

    @EventHandler
    void on(RelationshipResumed event, @SequenceNumber long sequence) {
        update(event.relationshipId(), sequence,
                "stage = coalesce(paused_from, stage), paused_from = NULL, paused_on = NULL");
    }

    @EventHandler
    void on(RelationshipClosed event, @SequenceNumber long sequence) {
        update(event.relationshipId(), sequence, "stage = 'CLOSED', ended_on = :on", "on", event.closedOn());
    }

    @EventHandler
    void on(RelationshipTerminated event, @SequenceNumber long sequence) {
        update(event.relationshipId(), sequence, "stage = 'TERMINATED', ended_on = :on, termination_reason = :reason",
                "on", event.terminatedOn(), "reason", event.reason() == null ? "OTHER" : event.reason().name());
    }

    @EventHandler
    void on(EvaluationSubmitted event, @SequenceNumber long sequence) {
        update(event.relationshipId(), sequence, null);
    }

    /**
     * The participant's name is gone for good, and so is the pair's text (the goals' descriptions);
     * the relationship's stage and figures stay.
     */
    @EventHandler
    void on(PersonalDataErased event, @SequenceNumber long sequence) {
        String party = event.party() == Party.MENTEE ? "mentee" : "mentor";
        update(event.relationshipId(), sequence, party + "_name = NULL, " + party + "_erased = TRUE");
        jdbc.sql("UPDATE relationship_goal SET description = NULL" + THIS_ROW)
                .param("id", id(event.relationshipId()))
                .update();
    }

    /**
     * Sets the version and the given columns, with named parameters given as name, value pairs;
     * the relationship's row must exist.
     */
    private void update(RelationshipId relationshipId, long sequence, String assignments, Object... namedValues) {
        String set = "version = :version" + (assignments == null ? "" : ", " + assignments);
        Map<String, Object> params = new HashMap<>();
        params.put("id", id(relationshipId));
        params.put("version", sequence);
        params.put("stripe", CounterStripes.of(relationshipId));
        for (int i = 0; i < namedValues.length; i += 2) {
            params.put((String) namedValues[i], namedValues[i + 1]);
        }
        long rows = jdbc.sql(COUNTING.formatted("UPDATE relationship_summary SET " + set + THIS_ROW
                        + " RETURNING programme_id, stage"))
                .params(params).query(Long.class).single();
        if (rows != 1) {
            throw new IllegalStateException("relationship " + relationshipId + " is not in the summary projection");
        }
    }

    /** Goals keep their achieved state by id; a goal the agreement no longer lists is hidden, not forgotten. */
    private void replaceGoals(RelationshipId relationshipId, Agreement agreement) {
        jdbc.sql("UPDATE relationship_goal SET in_agreement = FALSE" + THIS_ROW)
                .param("id", id(relationshipId))
                .update();
        List<Goal> goals = agreement == null ? List.of() : agreement.goals();
        for (int i = 0; i < goals.size(); i++) {
            Goal goal = goals.get(i);
            String goalId = goal.goalId() != null ? goal.goalId() : "#" + (i + 1);
            jdbc.sql("""
                            INSERT INTO relationship_goal (generation, relationship_id, goal_id, position, description, in_agreement)
                            VALUES (%s, :id, :goal, :position, CAST(:description AS jsonb), TRUE)
                            ON CONFLICT (generation, relationship_id, goal_id)
                            DO UPDATE SET position = EXCLUDED.position, description = EXCLUDED.description, in_agreement = TRUE
                            """.formatted(GENERATION))
                    .param("id", id(relationshipId))
                    .param("goal", goalId)
                    .param("position", i)
                    .param("description", sealing.sealThePairs(goal.description(), id(relationshipId),
                            goalDescription(goalId)))
                    .update();
        }
    }

    private static String id(RelationshipId relationshipId) {
        return relationshipId.value();
    }
}
