package fi.mentoringledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MeetingWithdrawn;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipReopened;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.ReadModelDatabase;

/** The report facts, event by event. */
class OutcomeProjectionTest {

    private static final LocalDate START = LocalDate.of(2025, 2, 1);

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.emptiedBeforeEach();
    private static OutcomeProjection projection;
    private static ReportFeed feed;

    @BeforeAll
    static void projections() {
        projection = new OutcomeProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc()));
        feed = new ReportFeed(db, projection);
    }

    @Test
    void aStartIsAFactWithItsProgrammeAndStartDate() {
        feed.feed(new Journey("r1", "womento", START));

        Map<String, Object> fact = fact("r1");
        assertThat(fact).containsEntry("programme_id", "womento").containsEntry("stage", "STARTED")
                .containsEntry("started_on", java.sql.Date.valueOf(START))
                .containsEntry("reached_agreed", false).containsEntry("meeting_count", 0);
    }

    @Test
    void signingTheAgreementReachesAgreed() {
        feed.feed(new Journey("r1", "p", START).agree(START.plusDays(1), 1));

        assertThat(fact("r1")).containsEntry("stage", "AGREED").containsEntry("reached_agreed", true)
                .containsEntry("reached_in_progress", false);
    }

    @Test
    void theFirstMeetingAfterAgreeingReachesInProgressAndEveryMeetingCounts() {
        feed.feed(new Journey("r1", "p", START).meet(START.plusDays(1)).agree(START.plusDays(2), 1)
                .meet(START.plusDays(3)).meet(START.plusDays(4)));

        assertThat(fact("r1")).containsEntry("stage", "IN_PROGRESS").containsEntry("reached_in_progress", true)
                .containsEntry("meeting_count", 3);
    }

    @Test
    void aMeetingBeforeAgreeingDoesNotReachInProgress() {
        feed.feed(new Journey("r1", "p", START).meet(START.plusDays(1)));

        assertThat(fact("r1")).containsEntry("stage", "STARTED").containsEntry("reached_in_progress", false)
                .containsEntry("meeting_count", 1);
    }

    @Test
    void pausingAndResumingComesBackToTheSameStage() {
        Journey journey = new Journey("r1", "p", START).agree(START.plusDays(1), 1).meet(START.plusDays(2))
                .pause(START.plusDays(3));
        feed.feed(journey);
        assertThat(fact("r1")).containsEntry("stage", "PAUSED").containsEntry("paused_from", "IN_PROGRESS");

        db.inTransaction(() -> projection.on(new RelationshipResumed(RelationshipId.of("r1"), START.plusDays(4)), 4));

        assertThat(fact("r1")).containsEntry("stage", "IN_PROGRESS").containsEntry("paused_from", null);
    }

    @Test
    void closingReachesClosedAndKnowsTheDaysItTook() {
        feed.feed(new Journey("r1", "p", START).agree(START.plusDays(1), 1).meet(START.plusDays(2))
                .close(START.plusDays(100)));

        assertThat(fact("r1")).containsEntry("stage", "CLOSED").containsEntry("reached_closed", true)
                .containsEntry("closed_on", java.sql.Date.valueOf(START.plusDays(100)))
                .containsEntry("days_to_close", 100);
    }

    @Test
    void aTerminationRemembersTheStageItEndedInEvenWhenPaused() {
        feed.feed(new Journey("paused", "p", START).agree(START.plusDays(1), 1).pause(START.plusDays(2))
                .terminate(TerminationReason.RELOCATION, START.plusDays(3)));
        feed.feed(new Journey("started", "p", START).terminate(TerminationReason.MISMATCH, START.plusDays(3)));

        assertThat(fact("paused")).containsEntry("stage", "TERMINATED").containsEntry("terminated_in_stage", "PAUSED")
                .containsEntry("termination_reason", "RELOCATION").containsEntry("reached_agreed", true);
        assertThat(fact("started")).containsEntry("terminated_in_stage", "STARTED")
                .containsEntry("termination_reason", "MISMATCH");
    }

    @Test
    void evaluationsAddTheirRatings() {
        feed.feed(new Journey("r1", "p", START).terminate(TerminationReason.OTHER, START.plusDays(3))
                .evaluate(Party.MENTEE, 2, START.plusDays(4)).evaluate(Party.MENTOR, 5, START.plusDays(5)));

        assertThat(fact("r1")).containsEntry("rating_sum", 7).containsEntry("rating_count", 2);
    }

    @Test
    void anEventForAnUnknownRelationshipFailsInsteadOfBeingSkipped() {
        assertThatThrownBy(() -> db.inTransaction(() ->
                projection.on(new RelationshipClosed(RelationshipId.of("ghost"), START, null, null), 0)))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * A fact projected before migration V10 that the migration could not fill in (the history
     * lagged) does not know whose rating to take back: the withdrawal fails, to be parked and
     * resolved by a replay, rather than leave a wrong average.
     */
    @Test
    void aWithdrawnEvaluationWhoseRatingTheFactDoesNotKnowFails() {
        feed.feed(new Journey("r1", "p", START).terminate(TerminationReason.OTHER, START.plusDays(3))
                .evaluate(Party.MENTOR, 4, START.plusDays(4)));
        db.jdbc().sql("UPDATE outcome_fact SET mentor_rating = NULL").update();

        assertThatThrownBy(() -> db.inTransaction(() ->
                projection.on(new EvaluationWithdrawn(RelationshipId.of("r1"), Party.MENTOR, "wrong pair"), 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("replay");
        assertThat(fact("r1")).containsEntry("rating_sum", 4).containsEntry("rating_count", 1);
    }

    /**
     * Handed to the projection the way its processor hands events: no handler runs for an erasure
     * today, and one added later that touched a fact would fail here (ErasedPersonIT checks the
     * whole query side, reports included).
     */
    @Test
    void anErasureChangesNoFact() {
        Journey journey = new Journey("r1", "p", START).agree(START.plusDays(1), 1).meet(START.plusDays(2))
                .close(START.plusDays(40)).evaluate(Party.MENTEE, 4, START.plusDays(41));
        feed.feed(journey);
        Map<String, Object> before = fact("r1");
        EventMessage<?> erasure = GenericEventMessage.asEventMessage(new PersonalDataErased(RelationshipId.of("r1"),
                journey.personId(Party.MENTEE), Party.MENTEE, START.plusDays(50)));
        AnnotationEventHandlerAdapter processor = new AnnotationEventHandlerAdapter(projection);

        db.inTransaction(() -> {
            try {
                processor.handle(erasure);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(fact("r1")).isEqualTo(before);
    }

    @Test
    void onlyTheEventsThatChangeAFigureAreHandled() {
        Set<Class<?>> handled = Arrays.stream(OutcomeProjection.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(EventHandler.class))
                .map(Method::getParameterTypes)
                .map(types -> types[0])
                .collect(Collectors.toSet());

        assertThat(handled).containsExactlyInAnyOrder(RelationshipStarted.class, AgreementSigned.class,
                MeetingRecorded.class, RelationshipPaused.class, RelationshipResumed.class, RelationshipClosed.class,
                RelationshipTerminated.class, EvaluationSubmitted.class, MeetingWithdrawn.class, DateCorrected.class,
                RelationshipReopened.class, EvaluationWithdrawn.class);
    }

    private static Map<String, Object> fact(String id) {
        return db.jdbc().sql("SELECT * FROM outcome_fact WHERE relationship_id = :id").param("id", id)
                .query().singleRow();
    }
}
