package fi.mentoringledger.query.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Projector;
import fi.mentoringledger.query.support.ReadModelDatabase;
import fi.mentoringledger.query.support.ReadModelKeys;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Role;
import fi.mentoringledger.security.SignedIn;

/**
 * DOMAIN.md, "Corrections": the summary counts the facts as corrected. For each kind of
 * correction, a relationship recorded with the mistake and then corrected reads exactly as one
 * recorded right the first time (all but its id, its names and its version, which counts the
 * correction too); every correction moves the version, so that a read with {@code minVersion}
 * after it is answered; and a replay builds the same.
 */
class SummaryCorrectionsTest {

    private static final Caller ADMIN = new Caller("admin", Set.of(Role.ADMIN), null, Set.of());
    private static final LocalDate START = LocalDate.of(2025, 1, 15);

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.emptiedBeforeEach();
    private static SummaryProjection projection;
    private static Projector projector;
    private static RelationshipSummaries summaries;

    @BeforeAll
    static void projections() {
        ReadModelKeys keys = new ReadModelKeys(db);
        projection = new SummaryProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc()), keys.sealing());
        projector = new Projector(projection);
        summaries = new RelationshipSummaries(db.jdbc(), keys.sealing());
    }

    @AfterEach
    void signedOut() {
        SignedIn.clear();
    }

    @Test
    void aWithdrawnMeetingNoLongerCountsNorIsTheLastOne() {
        assertCorrected(j -> j.agree(day(1), 1).meet(day(10)).meet(day(20)).withdrawMeeting(j.meetingId(2)),
                j -> j.agree(day(1), 1).meet(day(10)));
    }

    @Test
    void withdrawingTheOnlyMeetingAfterTheAgreementTakesTheRelationshipBackToAgreed() {
        Journey corrected = assertCorrected(j -> j.agree(day(1), 1).meet(day(10)).withdrawMeeting(j.meetingId(1)),
                j -> j.agree(day(1), 1));
        assertThat(summary(corrected.id).stage()).isEqualTo(Stage.AGREED);
        assertThat(summary(corrected.id).inProgressOn()).isNull();
    }

    @Test
    void withdrawingItWhilePausedLeavesItPausedFromAgreedAndResumingReturnsThere() {
        Journey corrected = assertCorrected(
                j -> j.agree(day(1), 1).meet(day(10)).pause(day(12)).withdrawMeeting(j.meetingId(1)),
                j -> j.agree(day(1), 1).pause(day(12)));
        assertThat(pausedFrom(corrected.id)).isEqualTo("AGREED");
        assertCorrected(j -> j.agree(day(1), 1).meet(day(10)).pause(day(12)).withdrawMeeting(j.meetingId(1))
                        .resume(day(14)),
                j -> j.agree(day(1), 1).pause(day(12)).resume(day(14)));
    }

    @Test
    void withdrawingTheMeetingThatPutItInProgressLeavesTheNextOneToHaveDoneSo() {
        assertCorrected(j -> j.meet(day(2)).agree(day(3), 1).meet(day(10)).meet(day(20))
                        .withdrawMeeting(j.meetingId(2)),
                j -> j.meet(day(2)).agree(day(3), 1).meet(day(20)));
        assertCorrected(j -> j.meet(day(2)).agree(day(3), 1).meet(day(10)).withdrawMeeting(j.meetingId(1)),
                j -> j.agree(day(3), 1).meet(day(10)));
    }

    @Test
    void aCorrectedStartAgreementOrMeetingDateCountsInsteadOfTheWrongOne() {
        assertCorrected(j -> j.agree(day(5), 1).correctDate(0, START.minusDays(7)),
                j -> new Journey(j.id, j.programmeId, START.minusDays(7)).agree(day(5), 1));
        assertCorrected(j -> j.agree(day(5), 1).meet(day(10)).correctDate(1, day(3)),
                j -> j.agree(day(3), 1).meet(day(10)));
        assertCorrected(j -> j.agree(day(1), 1).meet(day(10)).meet(day(20)).correctDate(2, day(30)),
                j -> j.agree(day(1), 1).meet(day(30)).meet(day(20)));
        assertCorrected(j -> j.agree(day(1), 1).meet(day(10)).meet(day(20)).correctDate(3, day(15)),
                j -> j.agree(day(1), 1).meet(day(10)).meet(day(15)));
    }

    @Test
    void aCorrectedAchievementDateMovesTheGoalsDate() {
        assertCorrected(j -> j.agree(day(1), 2).achieve(j.firstGoal(), day(20)).correctDate(2, day(18)),
                j -> j.agree(day(1), 2).achieve(j.firstGoal(), day(18)));
    }

    @Test
    void aCorrectedPauseDateCountsOnlyForThePauseTheRelationshipIsIn() {
        assertCorrected(j -> j.agree(day(1), 1).pause(day(10)).correctDate(2, day(8)),
                j -> j.agree(day(1), 1).pause(day(8)));
        assertCorrected(j -> j.agree(day(1), 1).pause(day(10)).resume(day(12)).pause(day(20)).correctDate(2, day(8)),
                j -> j.agree(day(1), 1).pause(day(8)).resume(day(12)).pause(day(20)));
    }

    @Test
    void aCorrectedEndDateCountsOnlyForTheEndTheRelationshipIsIn() {
        assertCorrected(j -> j.agree(day(1), 1).meet(day(5)).close(day(40)).correctDate(3, day(30)),
                j -> j.agree(day(1), 1).meet(day(5)).close(day(30)));
        assertCorrected(j -> j.agree(day(1), 1).terminate(TerminationReason.MISMATCH, day(40)).correctDate(2, day(30)),
                j -> j.agree(day(1), 1).terminate(TerminationReason.MISMATCH, day(30)));
        assertCorrected(j -> j.agree(day(1), 1).meet(day(5)).terminate(TerminationReason.MISMATCH, day(20)).reopen()
                        .close(day(40)).correctDate(3, day(10)),
                j -> j.agree(day(1), 1).meet(day(5)).close(day(40)));
    }

    @Test
    void aReopenedRelationshipIsOpenAgainInTheStageItWasEndedFromWithNoEndNorReason() {
        Journey closed = assertCorrected(j -> j.agree(day(1), 1).meet(day(5)).close(day(40)).reopen(),
                j -> j.agree(day(1), 1).meet(day(5)));
        assertThat(summary(closed.id).stage()).isEqualTo(Stage.IN_PROGRESS);
        Journey terminated = assertCorrected(
                j -> j.agree(day(1), 1).pause(day(5)).terminate(TerminationReason.LOST_CONTACT, day(40)).reopen(),
                j -> j.agree(day(1), 1).pause(day(5)));
        assertThat(summary(terminated.id).stage()).isEqualTo(Stage.PAUSED);
        assertThat(summary(terminated.id).endedOn()).isNull();
        assertThat(summary(terminated.id).terminationReason()).isNull();
        assertCorrected(j -> j.terminate(TerminationReason.OTHER, day(2)).reopen().agree(day(3), 1),
                j -> j.agree(day(3), 1));
    }

    @Test
    void aWithdrawnEvaluationMovesOnlyTheVersion() {
        assertCorrected(j -> j.agree(day(1), 1).meet(day(5)).close(day(40)).evaluate(Party.MENTEE, 2, day(41))
                        .withdrawEvaluation(Party.MENTEE),
                j -> j.agree(day(1), 1).meet(day(5)).close(day(40)));
    }

    /** The list's total by stage follows a reopening, and a withdrawal that goes back to agreed. */
    @Test
    void theListsCountsFollowTheCorrectedStage() {
        feed(new Journey("reopened", "p", START).agree(day(1), 1).meet(day(5)).close(day(40)).reopen());
        Journey back = new Journey("back", "p", START).agree(day(1), 1).meet(day(5));
        feed(back.withdrawMeeting(back.meetingId(1)));

        assertThat(summaries.list("p", Stage.CLOSED, 0, 10, ADMIN).total()).isZero();
        assertThat(summaries.list("p", Stage.IN_PROGRESS, 0, 10, ADMIN).total()).isEqualTo(1);
        assertThat(summaries.list("p", Stage.AGREED, 0, 10, ADMIN).total()).isEqualTo(1);
        assertThat(summaries.list("p", null, 0, 10, ADMIN).total()).isEqualTo(2);
    }

    /**
     * The needs-attention list reads the corrected facts: a pair whose only recent meeting was
     * withdrawn has not met lately; a pause whose date was corrected back is long; a relationship
     * reopened after being ended is open and quiet.
     */
    @Test
    void theNeedsAttentionListSeesTheCorrectedFacts() {
        LocalDate today = LocalDate.of(2025, 6, 30);
        Clock clock = Clock.fixed(today.atStartOfDay(ZoneId.of("Europe/Helsinki")).toInstant(),
                ZoneId.of("Europe/Helsinki"));
        AttentionController attention = new AttentionController(summaries,
                new AttentionThresholds(db.jdbc(), clock, 30, 60, 0), clock);
        Journey withdrawn = new Journey("withdrawn", "p", START).agree(day(1), 1).meet(day(5)).meet(today.minusDays(2));
        feed(withdrawn.withdrawMeeting(withdrawn.meetingId(2)));
        feed(new Journey("pause-corrected", "p", START).agree(day(1), 1).pause(today.minusDays(5))
                .correctDate(2, today.minusDays(70)));
        feed(new Journey("meeting-corrected", "p", START).agree(day(1), 1).meet(today.minusDays(50))
                .correctDate(2, today.minusDays(3)));
        feed(new Journey("reopened", "p", START).agree(day(1), 1).meet(day(5))
                .terminate(TerminationReason.OTHER, day(6)).reopen());
        SignedIn.asAdmin();

        Map<String, List<Attention.Reason>> reasons = new LinkedHashMap<>();
        attention.attention("p", null, null, null).items()
                .forEach(item -> reasons.put(item.summary().relationshipId(), item.reasons()));

        assertThat(reasons).containsOnly(Map.entry("withdrawn", List.of(Attention.Reason.NO_RECENT_MEETING)),
                Map.entry("pause-corrected", List.of(Attention.Reason.PAUSED_LONG)),
                Map.entry("reopened", List.of(Attention.Reason.NO_RECENT_MEETING)));
    }

    /** A replay of the same events, corrections and all, builds the same rows in a new generation. */
    @Test
    void aReplayBuildsTheSameSummaryOfTheCorrectedFacts() {
        Journey withdrawn = new Journey("c1", "p", START).agree(day(1), 2).meet(day(10)).meet(day(20))
                .achieve("c1-goal-1", day(21)).pause(day(22));
        withdrawn.withdrawMeeting(withdrawn.meetingId(2)).correctDate(5, day(23)).correctDate(4, day(19))
                .terminate(TerminationReason.MISMATCH, day(30)).reopen();
        Journey ended = new Journey("c2", null, START).agree(day(1), 1).meet(day(3)).close(day(9))
                .evaluate(Party.MENTOR, 5, day(10)).withdrawEvaluation(Party.MENTOR).correctDate(3, day(8))
                .correctDate(0, START.minusDays(1));
        List<Journey> journeys = List.of(withdrawn, ended);
        journeys.forEach(SummaryCorrectionsTest::feed);
        List<Summary> live = journeys.stream().map(journey -> summary(journey.id)).toList();
        List<String> liveRows = rowsOfEveryTable();

        db.inTransaction(projection::rebuildBesideTheCurrentGeneration);
        journeys.forEach(SummaryCorrectionsTest::feed);
        db.inTransaction(() -> assertThat(new ProjectionGenerations(db.jdbc())
                .switchTo(SummaryProjection.PROCESSOR, 2)).isTrue());

        assertThat(journeys.stream().map(journey -> summary(journey.id)).toList()).isEqualTo(live);
        assertThat(rowsOfEveryTable()).isEqualTo(liveRows);
        assertThat(live.get(0).stage()).isEqualTo(Stage.PAUSED);
        assertThat(live.get(1).startedOn()).isEqualTo(START.minusDays(1));
    }

    /**
     * Builds both relationships, projects them (each in one batch, and the corrected one also event
     * by event) and asserts that they read alike; returns the corrected one.
     */
    private static Journey assertCorrected(UnaryOperator<Journey> withTheMistake, UnaryOperator<Journey> rightAway) {
        Journey corrected = withTheMistake.apply(new Journey("corrected", "p", START));
        Journey right = rightAway.apply(new Journey("right", "p", START));
        Journey eventByEvent = withTheMistake.apply(new Journey("one-by-one", "p", START));
        db.clear();
        feed(corrected);
        feed(right);
        eventByEvent(eventByEvent);

        assertThat(figures(corrected)).as("corrected in one batch").isEqualTo(figures(right));
        assertThat(figures(eventByEvent)).as("corrected event by event").isEqualTo(figures(right));
        assertThat(pausedFrom(corrected.id)).isEqualTo(pausedFrom(right.id));
        assertThat(summary(corrected.id).version()).as("every correction moves the version")
                .isEqualTo(corrected.version());
        assertThat(summary(corrected.id).stage()).isEqualTo(corrected.stage);
        assertThat(summary(corrected.id).lastMeetingOn()).isEqualTo(corrected.lastMeetingOn);
        assertThat(summary(corrected.id).meetingCount()).isEqualTo(corrected.meetings);
        assertThat(summary(corrected.id).inProgressOn()).isEqualTo(corrected.inProgressOn);
        assertThat(summary(corrected.id).endedOn()).isEqualTo(corrected.endedOn);
        return corrected;
    }

    /** What a summary reads, without what names the relationship (its id, the names) and its version. */
    private static String figures(Journey journey) {
        Summary summary = summary(journey.id);
        return new Summary("id", summary.programmeId(), null, null, summary.language(), summary.stage(), 0,
                summary.startedOn(), summary.agreedOn(), summary.inProgressOn(), summary.pausedOn(),
                summary.endedOn(), summary.terminationReason(), summary.meetingCount(), summary.lastMeetingOn(),
                summary.openConcerns(), summary.goals()).toString().replace(journey.id, "ID");
    }

    private static String pausedFrom(String id) {
        return db.jdbc().sql("SELECT paused_from FROM relationship_summary WHERE relationship_id = :id")
                .param("id", id).query(String.class).optional().orElse(null);
    }

    /** Every row of the active generation's tables, without the sealed values (each sealing is new). */
    private static List<String> rowsOfEveryTable() {
        List<String> rows = new java.util.ArrayList<>();
        for (String table : List.of("relationship_summary", "relationship_goal", "relationship_meeting",
                "relationship_concern")) {
            rows.addAll(db.jdbc().sql("""
                            SELECT (to_jsonb(t) - 'generation' - 'mentor_name' - 'mentee_name' - 'description')::text
                              FROM %s t
                             WHERE generation = (SELECT active FROM projection_generation WHERE projection = :p)
                             ORDER BY 1""".formatted(table))
                    .param("p", SummaryProjection.PROCESSOR).query(String.class).list());
        }
        return rows;
    }

    private static LocalDate day(int n) {
        return START.plusDays(n);
    }

    private static Summary summary(String id) {
        return summaries.find(id, ADMIN).orElseThrow();
    }

    private static void feed(Journey journey) {
        db.inTransaction(() -> projector.apply(journey));
    }

    private static void eventByEvent(Journey journey) {
        for (int i = 0; i < journey.events.size(); i++) {
            Object event = journey.events.get(i);
            long sequence = i;
            db.inTransaction(() -> projector.apply(event, sequence));
        }
    }
}
