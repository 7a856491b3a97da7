package fi.mentoringledger.query.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.Projector;
import fi.mentoringledger.query.support.ReadModelDatabase;
import fi.mentoringledger.query.support.ReadModelKeys;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Role;

/** The summary projection, event by event, against PostgreSQL. */
class SummaryProjectionTest {

    static final Caller ADMIN = new Caller("admin", Set.of(Role.ADMIN), null, Set.of());

    private static final LocalDate START = LocalDate.of(2025, 1, 15);

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.emptiedBeforeEach();
    private static ReadModelKeys keys;
    private static SummaryProjection projection;
    private static Projector projector;
    private static RelationshipSummaries summaries;

    @BeforeAll
    static void projections() {
        keys = new ReadModelKeys(db);
        projection = new SummaryProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc()), keys.sealing());
        projector = new Projector(projection);
        summaries = new RelationshipSummaries(db.jdbc(), keys.sealing());
    }

    @Test
    void aStartedRelationshipShowsItsPartiesProgrammeLanguageAndStartDate() {
        feed(new Journey("r1", "womento", START));

        Summary summary = summary("r1");
        assertThat(summary.programmeId()).isEqualTo("womento");
        assertThat(summary.mentor()).isEqualTo(new Summary.PersonView("mentor-r1", "Mentor r1", false));
        assertThat(summary.mentee()).isEqualTo(new Summary.PersonView("mentee-r1", "Mentee r1", false));
        assertThat(summary.language()).isEqualTo("fi");
        assertThat(summary.stage()).isEqualTo(Stage.STARTED);
        assertThat(summary.version()).isZero();
        assertThat(summary.startedOn()).isEqualTo(START);
        assertThat(summary.agreedOn()).isNull();
        assertThat(summary.meetingCount()).isZero();
        assertThat(summary.openConcerns()).isZero();
        assertThat(summary.goals()).isEmpty();
    }

    @Test
    void aRelationshipOutsideAnyProgrammeHasNoProgrammeId() {
        feed(new Journey("r1", null, START));

        assertThat(summary("r1").programmeId()).isNull();
    }

    @Test
    void signingTheAgreementMakesTheRelationshipAgreedWithItsGoals() {
        feed(new Journey("r1", "p", START).agree(START.plusDays(5), 2));

        Summary summary = summary("r1");
        assertThat(summary.stage()).isEqualTo(Stage.AGREED);
        assertThat(summary.agreedOn()).isEqualTo(START.plusDays(5));
        assertThat(summary.version()).isEqualTo(1);
        assertThat(summary.goals()).containsExactly(
                new Summary.GoalView("r1-goal-1", Journey.PERSONAL + "goal 1 of r1", false, null),
                new Summary.GoalView("r1-goal-2", Journey.PERSONAL + "goal 2 of r1", false, null));
    }

    @Test
    void theFirstMeetingAfterAgreeingPutsTheRelationshipInProgress() {
        feed(new Journey("r1", "p", START).agree(START.plusDays(5), 1).meet(START.plusDays(10)).meet(START.plusDays(20)));

        Summary summary = summary("r1");
        assertThat(summary.stage()).isEqualTo(Stage.IN_PROGRESS);
        assertThat(summary.inProgressOn()).isEqualTo(START.plusDays(10));
        assertThat(summary.meetingCount()).isEqualTo(2);
        assertThat(summary.lastMeetingOn()).isEqualTo(START.plusDays(20));
        assertThat(summary.version()).isEqualTo(3);
    }

    @Test
    void aMeetingBeforeAgreeingIsCountedButLeavesTheRelationshipStarted() {
        feed(new Journey("r1", "p", START).meet(START.plusDays(3)));

        Summary summary = summary("r1");
        assertThat(summary.stage()).isEqualTo(Stage.STARTED);
        assertThat(summary.inProgressOn()).isNull();
        assertThat(summary.meetingCount()).isEqualTo(1);
    }

    @Test
    void aMeetingLoggedLateDoesNotMoveTheLastMeetingBack() {
        feed(new Journey("r1", "p", START).agree(START.plusDays(1), 1).meet(START.plusDays(30)).meet(START.plusDays(10)));

        assertThat(summary("r1").lastMeetingOn()).isEqualTo(START.plusDays(30));
        assertThat(summary("r1").meetingCount()).isEqualTo(2);
    }

    @Test
    void achievingAGoalMarksItAchievedOnItsDate() {
        Journey journey = new Journey("r1", "p", START).agree(START.plusDays(1), 2);
        feed(journey.achieve("r1-goal-2", START.plusDays(40)));

        assertThat(summary("r1").goals()).containsExactly(
                new Summary.GoalView("r1-goal-1", Journey.PERSONAL + "goal 1 of r1", false, null),
                new Summary.GoalView("r1-goal-2", Journey.PERSONAL + "goal 2 of r1", true, START.plusDays(40)));
    }

    @Test
    void anAmendmentReplacesTheGoalsButKeepsTheirAchievedStateById() {
        Journey journey = new Journey("r1", "p", START).agree(START.plusDays(1), 3)
                .achieve("r1-goal-1", START.plusDays(20))
                .amend(START.plusDays(30), 2);
        feed(journey);

        Summary summary = summary("r1");
        assertThat(summary.version()).isEqualTo(3);
        assertThat(summary.stage()).isEqualTo(Stage.AGREED);
        assertThat(summary.goals()).containsExactly(
                new Summary.GoalView("r1-goal-1", Journey.PERSONAL + "goal 1 of r1 (amended)", true, START.plusDays(20)),
                new Summary.GoalView("r1-goal-2", Journey.PERSONAL + "goal 2 of r1 (amended)", false, null));
    }

    /** DOMAIN.md, "Confidentiality": organisers count only the concerns addressed to them. */
    @Test
    void openConcernsCountRaisedLessResolvedAndThePairsOwnCountOnlyForThePair() {
        Journey journey = new Journey("r1", "p", START)
                .raiseConcernForOrganiser("c1", START.plusDays(2))
                .raiseConcernForOrganiser("c2", START.plusDays(3))
                .raiseConcern("c3", START.plusDays(3))
                .raiseConcern("c4", START.plusDays(3))
                .resolveConcern("c1", START.plusDays(4))
                .resolveConcern("c3", START.plusDays(4));
        feed(journey);
        Caller mentor = new Caller("mentor", Set.of(Role.MENTOR), "mentor-r1", Set.of());
        Caller organiser = new Caller("organiser", Set.of(Role.ORGANISER), null, Set.of("p"));

        assertThat(summary("r1").openConcerns()).isEqualTo(1).isEqualTo(journey.openConcernsForOrganiser);
        assertThat(summaries.find("r1", organiser).orElseThrow().openConcerns()).isEqualTo(1);
        assertThat(summaries.find("r1", mentor).orElseThrow().openConcerns()).isEqualTo(2)
                .isEqualTo(journey.openConcerns);
        assertThat(summaries.list(null, null, 0, 50, mentor).items()).extracting(Summary::openConcerns)
                .containsExactly(2);
        assertThat(summary("r1").version()).isEqualTo(6);
    }

    @Test
    void resumingReturnsToTheStageTheRelationshipWasPausedFrom() {
        Journey agreed = new Journey("agreed", "p", START).agree(START.plusDays(1), 1).pause(START.plusDays(2));
        Journey running = new Journey("running", "p", START).agree(START.plusDays(1), 1).meet(START.plusDays(2))
                .pause(START.plusDays(3));
        feed(agreed);
        feed(running);
        assertThat(summary("agreed").stage()).isEqualTo(Stage.PAUSED);
        assertThat(summary("agreed").pausedOn()).isEqualTo(START.plusDays(2));

        feedNext(agreed, new RelationshipResumed(RelationshipId.of("agreed"), START.plusDays(9)));
        feedNext(running, new RelationshipResumed(RelationshipId.of("running"), START.plusDays(9)));

        assertThat(summary("agreed").stage()).isEqualTo(Stage.AGREED);
        assertThat(summary("agreed").pausedOn()).isNull();
        assertThat(summary("running").stage()).isEqualTo(Stage.IN_PROGRESS);
    }

    @Test
    void closingEndsTheRelationshipAsCompleted() {
        feed(new Journey("r1", "p", START).agree(START.plusDays(1), 1).meet(START.plusDays(2)).close(START.plusDays(90)));

        Summary summary = summary("r1");
        assertThat(summary.stage()).isEqualTo(Stage.CLOSED);
        assertThat(summary.endedOn()).isEqualTo(START.plusDays(90));
        assertThat(summary.terminationReason()).isNull();
    }

    @Test
    void terminatingRecordsTheReasonAndTheEnd() {
        feed(new Journey("r1", "p", START).terminate(TerminationReason.LOST_CONTACT, START.plusDays(7)));

        Summary summary = summary("r1");
        assertThat(summary.stage()).isEqualTo(Stage.TERMINATED);
        assertThat(summary.endedOn()).isEqualTo(START.plusDays(7));
        assertThat(summary.terminationReason()).isEqualTo(TerminationReason.LOST_CONTACT);
    }

    @Test
    void anEvaluationMovesOnlyTheVersion() {
        Journey journey = new Journey("r1", "p", START).terminate(TerminationReason.MISMATCH, START.plusDays(7));
        feed(journey);
        Summary before = summary("r1");

        feedNext(journey, new EvaluationSubmitted(RelationshipId.of("r1"), Party.MENTOR, 3, null, "x", START.plusDays(8)));

        Summary after = summary("r1");
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.withGoals(before.goals())).isEqualTo(new Summary(before.relationshipId(), before.programmeId(),
                before.mentor(), before.mentee(), before.language(), before.stage(), before.version() + 1,
                before.startedOn(), before.agreedOn(), before.inProgressOn(), before.pausedOn(), before.endedOn(),
                before.terminationReason(), before.meetingCount(), before.lastMeetingOn(), before.openConcerns(),
                before.goals()));
    }

    @Test
    void anErasedParticipantKeepsTheirIdAndLosesTheirNameWhileTheFiguresStay() {
        Journey journey = new Journey("r1", "p", START).agree(START.plusDays(1), 2).meet(START.plusDays(2))
                .raiseConcernForOrganiser("c1", START.plusDays(3));
        feed(journey);
        Summary before = summary("r1");

        feedNext(journey, new PersonalDataErased(RelationshipId.of("r1"), "mentee-r1", Party.MENTEE, START.plusDays(4)));

        Summary after = summary("r1");
        assertThat(after.mentee()).isEqualTo(new Summary.PersonView("mentee-r1", null, true));
        assertThat(after.mentor()).isEqualTo(new Summary.PersonView("mentor-r1", "Mentor r1", false));
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after).isEqualTo(new Summary(before.relationshipId(), before.programmeId(), before.mentor(),
                after.mentee(), before.language(), before.stage(), before.version() + 1, before.startedOn(),
                before.agreedOn(), before.inProgressOn(), before.pausedOn(), before.endedOn(), before.terminationReason(),
                before.meetingCount(), before.lastMeetingOn(), before.openConcerns(), before.goals().stream()
                        .map(goal -> new Summary.GoalView(goal.goalId(), null, goal.achieved(), goal.achievedOn()))
                        .toList()));
        assertThat(before.goals()).extracting(Summary.GoalView::description).as("the pair's text, erased with them")
                .allSatisfy(description -> assertThat(description).startsWith(Journey.PERSONAL));
        assertThat(summaries.list(null, null, 0, 50, ADMIN).items().get(0).mentee().erased()).isTrue();
        assertThat(summaries.needingAttention(null, START.plusDays(5), 30, 60, null, ADMIN))
                .extracting(item -> item.summary().mentee()).containsExactly(after.mentee());

        feedNext(journey, new PersonalDataErased(RelationshipId.of("r1"), "mentor-r1", Party.MENTOR, START.plusDays(5)));
        assertThat(summary("r1").mentor()).isEqualTo(new Summary.PersonView("mentor-r1", null, true));
    }

    @Test
    void aStartReadAfterTheKeyIsGoneHasTheParticipantErasedAlready() {
        Journey journey = new Journey("r1", "p", START);
        journey.erased.add(journey.personId(Party.MENTOR));
        RelationshipStarted withoutMentorsName = (RelationshipStarted) journey.eventsAfterKeyLoss().get(0);
        db.inTransaction(() -> projection.on(withoutMentorsName, 0));

        assertThat(summary("r1").mentor()).isEqualTo(new Summary.PersonView("mentor-r1", null, true));
        assertThat(summary("r1").mentee()).isEqualTo(new Summary.PersonView("mentee-r1", "Mentee r1", false));
    }

    @Test
    void anErasureIsRecordedInEveryStageTheFinalOnesToo() {
        Journey journey = new Journey("r1", "p", START).terminate(TerminationReason.MISMATCH, START.plusDays(2))
                .erase(Party.MENTOR, START.plusDays(3));
        feed(journey);

        assertThat(summary("r1").stage()).isEqualTo(Stage.TERMINATED);
        assertThat(summary("r1").mentor().erased()).isTrue();
    }

    /**
     * A replay reads the events once the erased person's key is gone: their name arrives null. It
     * builds, in a new generation, exactly the rows that the live erasure left.
     */
    @Test
    void aReplayAfterTheKeyIsGoneBuildsTheSummaryTheLiveErasureLeft() {
        List<Journey> journeys = List.of(
                new Journey("r1", "p", START).agree(START.plusDays(1), 2).meet(START.plusDays(2))
                        .erase(Party.MENTEE, START.plusDays(3)).meet(START.plusDays(4)),
                new Journey("r2", null, START).terminate(TerminationReason.OTHER, START.plusDays(1))
                        .evaluate(Party.MENTOR, 4, START.plusDays(2)).erase(Party.MENTOR, START.plusDays(3))
                        .erase(Party.MENTEE, START.plusDays(4)),
                new Journey("r3", "p", START).agree(START.plusDays(1), 1));
        journeys.forEach(SummaryProjectionTest::feed);
        assertThat(String.join("\n", db.activeRows("relationship_summary", SummaryProjection.PROCESSOR))
                + db.activeRows("relationship_goal", SummaryProjection.PROCESSOR))
                .as("stored sealed").doesNotContain("Mentor r", "Mentee r", Journey.PERSONAL);
        List<Summary> live = journeys.stream().map(journey -> summary(journey.id)).toList();
        assertThat(live.toString()).doesNotContain("Mentee r1", "Mentor r2", "Mentee r2").contains("Mentor r1")
                .as("r3's goals keep their text").contains(Journey.PERSONAL);

        db.inTransaction(projection::rebuildBesideTheCurrentGeneration);
        for (Journey journey : journeys) {
            List<Object> afterKeyLoss = journey.eventsAfterKeyLoss();
            db.inTransaction(() -> {
                for (int i = 0; i < afterKeyLoss.size(); i++) {
                    projector.apply(afterKeyLoss.get(i), i);
                }
            });
        }
        ProjectionGenerations generations = new ProjectionGenerations(db.jdbc());
        db.inTransaction(() -> assertThat(generations.switchTo(SummaryProjection.PROCESSOR, 2)).isTrue());

        assertThat(journeys.stream().map(journey -> summary(journey.id)).toList()).isEqualTo(live);
    }

    /** Once a person's key is deleted, the summary's copies of their name and of the pair's goals no longer open. */
    @Test
    void deletingAPersonsKeyErasesTheSummarysCopiesOfTheirData() {
        feed(new Journey("k1", "p", START).agree(START.plusDays(1), 2));
        assertThat(summary("k1").mentee().name()).isEqualTo("Mentee k1");
        assertThat(summary("k1").goals()).extracting(Summary.GoalView::description).allMatch(
                description -> description.startsWith(Journey.PERSONAL));

        keys.erase("mentee-k1");

        Summary read = summary("k1");
        assertThat(read.mentee().name()).isNull();
        assertThat(read.mentor().name()).isEqualTo("Mentor k1");
        assertThat(read.goals()).hasSize(2).extracting(Summary.GoalView::description).containsOnlyNulls();
        assertThat(read.stage()).isEqualTo(Stage.AGREED);
    }

    /**
     * A copy made before the read models were sealed is a JSON string, and reads as it is, whatever
     * it says: only a JSON object is ever opened, so text that looks like an envelope stays text.
     */
    @Test
    void aCopyMadeBeforeTheReadModelsWereSealedReadsAsItWas() {
        feed(new Journey("old", "p", START).agree(START.plusDays(1), 1));
        String envelopeLike = "{\"sealed\":\"pd2\",\"keys\":[],\"data\":\"\"}";
        db.jdbc().sql("UPDATE relationship_summary SET mentor_name = to_jsonb('Old Mentor'::text), "
                + "mentee_name = to_jsonb(:text::text) WHERE relationship_id = 'old'").param("text", envelopeLike).update();
        db.jdbc().sql("UPDATE relationship_goal SET description = to_jsonb('Old goal'::text) WHERE relationship_id = 'old'")
                .update();

        assertThat(summary("old").mentor().name()).isEqualTo("Old Mentor");
        assertThat(summary("old").mentee().name()).isEqualTo(envelopeLike);
        assertThat(summary("old").goals()).extracting(Summary.GoalView::description).containsExactly("Old goal");
    }

    @Test
    void anEventForAnUnknownRelationshipFailsInsteadOfBeingSkipped() {
        assertThatThrownBy(() -> db.inTransaction(() ->
                projection.on(new RelationshipPaused(RelationshipId.of("ghost"), "x", START), 3)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theListFiltersByProgrammeAndStageNewestStartFirstAndPages() {
        feed(new Journey("a", "womento", START));
        feed(new Journey("b", "womento", START.plusDays(2)).agree(START.plusDays(3), 1));
        feed(new Journey("c", "auroras", START.plusDays(1)));
        feed(new Journey("d", "womento", START.plusDays(3)));

        assertThat(ids(summaries.list(null, null, 0, 50, ADMIN))).containsExactly("d", "b", "c", "a");
        assertThat(ids(summaries.list("womento", null, 0, 50, ADMIN))).containsExactly("d", "b", "a");
        assertThat(ids(summaries.list("womento", Stage.STARTED, 0, 50, ADMIN))).containsExactly("d", "a");
        Summary.Page second = summaries.list(null, null, 1, 3, ADMIN);
        assertThat(ids(second)).containsExactly("a");
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(3);
        assertThat(second.items().get(0).goals()).isNull();
    }

    @Test
    void theListHoldsOnlyWhatTheCallerMaySeeAndCountsOnlyThat() {
        feed(new Journey("a", "womento", START));
        feed(new Journey("b", "auroras", START.plusDays(1)));
        feed(new Journey("c", null, START.plusDays(2)));
        Caller organiser = new Caller("o", Set.of(Role.ORGANISER), null, Set.of("womento", "elsewhere"));
        Caller menteeOfC = new Caller("m", Set.of(Role.MENTEE), "mentee-c", Set.of());
        Caller organiserAndMentorOfB = new Caller("om", Set.of(Role.ORGANISER, Role.MENTOR), "mentor-b",
                Set.of("womento"));
        Caller nobodysOrganiser = new Caller("n", Set.of(Role.ORGANISER), null, Set.of());

        assertThat(ids(summaries.list(null, null, 0, 50, organiser))).containsExactly("a");
        assertThat(summaries.list(null, null, 0, 50, organiser).total()).isEqualTo(1);
        assertThat(ids(summaries.list("auroras", null, 0, 50, organiser))).isEmpty();
        assertThat(ids(summaries.list(null, null, 0, 50, menteeOfC))).containsExactly("c");
        assertThat(ids(summaries.list(null, null, 0, 50, organiserAndMentorOfB))).containsExactly("b", "a");
        assertThat(summaries.list(null, null, 0, 50, nobodysOrganiser).total()).isZero();
    }

    /**
     * The total comes from the counts the projection keeps per programme and stage (for a mentor or
     * mentee, from the rows): for every caller, programme and stage it is the number of
     * relationships the test's own journeys say the list selects, and the number of rows.
     */
    @Test
    void theListsTotalIsTheNumberOfRelationshipsItsFiltersSelect() {
        List<Journey> population = Population.generate(5, 200, "total-");
        db.inTransaction(() -> population.forEach(journey -> {
            for (int i = 0; i < journey.events.size(); i++) {
                projector.apply(journey.events.get(i), i);
            }
        }));
        Journey someone = population.get(17);
        Map<Caller, Predicate<Journey>> callers = new LinkedHashMap<>();
        callers.put(ADMIN, journey -> true);
        callers.put(new Caller("o", Set.of(Role.ORGANISER), null, Set.of("womento", "auroras")),
                journey -> "womento".equals(journey.programmeId) || "auroras".equals(journey.programmeId));
        callers.put(new Caller("none", Set.of(Role.ORGANISER), null, Set.of()), journey -> false);
        callers.put(new Caller("m", Set.of(Role.MENTOR), someone.personId(Party.MENTOR), Set.of()),
                journey -> journey == someone);
        List<Stage> stages = new java.util.ArrayList<>(Arrays.asList(Stage.values()));
        stages.add(null);

        for (var caller : callers.entrySet()) {
            for (String programme : Arrays.asList(null, "womento", "suomen-mentorit")) {
                for (Stage stage : stages) {
                    long expected = population.stream().filter(caller.getValue())
                            .filter(j -> programme == null || programme.equals(j.programmeId))
                            .filter(j -> stage == null || j.stage == stage).count();
                    Summary.Page page = summaries.list(programme, stage, 0, 500, caller.getKey());
                    assertThat(page.total()).as("%s, %s, %s", caller.getKey().username(), programme, stage)
                            .isEqualTo(expected).isEqualTo(page.items().size());
                }
            }
        }
        assertThat(summaries.list(null, null, 0, 10, ADMIN).total()).isEqualTo(200);
    }

    private static List<String> ids(Summary.Page page) {
        return page.items().stream().map(Summary::relationshipId).toList();
    }

    private static Summary summary(String id) {
        return summaries.find(id, ADMIN).orElseThrow();
    }

    private static void feed(Journey journey) {
        db.inTransaction(() -> {
            for (int i = 0; i < journey.events.size(); i++) {
                projector.apply(journey.events.get(i), i);
            }
        });
    }

    private static void feedNext(Journey journey, Object event) {
        journey.events.add(event);
        db.inTransaction(() -> projector.apply(event, journey.events.size() - 1));
    }

}
