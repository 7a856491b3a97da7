package fi.mentoringledger.api.relationship;

import static fi.mentoringledger.api.relationship.Stage.AGREED;
import static fi.mentoringledger.api.relationship.Stage.CLOSED;
import static fi.mentoringledger.api.relationship.Stage.IN_PROGRESS;
import static fi.mentoringledger.api.relationship.Stage.PAUSED;
import static fi.mentoringledger.api.relationship.Stage.STARTED;
import static fi.mentoringledger.api.relationship.Stage.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lifecycle table of DOMAIN.md, row by row: in which stages each action is allowed
 * ({@link LifecycleAction}) and the stage after its event ({@link Lifecycle#after}). Each row is
 * written here as the table says it, not derived from the code under test.
 */
class LifecycleTest {

    private static final RelationshipId ID = RelationshipId.of("r-1");
    private static final LocalDate DAY = LocalDate.of(2025, 3, 1);
    private static final Set<Stage> OPEN = EnumSet.of(STARTED, AGREED, IN_PROGRESS, PAUSED);

    /** One row: the action, where it is allowed, the event it records and the stage that follows. */
    record Row(LifecycleAction action, Set<Stage> allowedIn, RelationshipEvent event, UnaryOperator<Lifecycle> result) {

        @Override
        public String toString() {
            return action.name();
        }
    }

    private static final UnaryOperator<Lifecycle> SAME_STAGE = before -> before;

    static Stream<Row> table() {
        Agreement agreement = new Agreement(List.of(new Goal("g1", "a goal", List.of())),
                new GroundRules("Teams", "monthly", null), null);
        return Stream.of(
                new Row(LifecycleAction.AGREE, EnumSet.of(STARTED),
                        new AgreementSigned(ID, agreement, DAY), before -> new Lifecycle(AGREED, before.pausedFrom())),
                new Row(LifecycleAction.AMEND_AGREEMENT, EnumSet.of(AGREED, IN_PROGRESS, PAUSED),
                        new AgreementAmended(ID, agreement, DAY), SAME_STAGE),
                new Row(LifecycleAction.RECORD_MEETING, EnumSet.of(STARTED, AGREED, IN_PROGRESS),
                        new MeetingRecorded(ID, "m1", DAY, 60, null, List.of(), MeetingFormat.REMOTE),
                        before -> before.stage() == AGREED ? new Lifecycle(IN_PROGRESS, before.pausedFrom()) : before),
                new Row(LifecycleAction.MARK_GOAL_ACHIEVED, EnumSet.of(AGREED, IN_PROGRESS, PAUSED),
                        new GoalAchieved(ID, "g1", DAY), SAME_STAGE),
                new Row(LifecycleAction.RAISE_CONCERN, OPEN,
                        new ConcernRaised(ID, "c1", Party.MENTEE, "text", true, DAY), SAME_STAGE),
                new Row(LifecycleAction.RESOLVE_CONCERN, OPEN,
                        new ConcernResolved(ID, "c1", "resolved", DAY), SAME_STAGE),
                new Row(LifecycleAction.PAUSE, EnumSet.of(AGREED, IN_PROGRESS),
                        new RelationshipPaused(ID, "holiday", DAY), before -> new Lifecycle(PAUSED, before.stage())),
                new Row(LifecycleAction.RESUME, EnumSet.of(PAUSED),
                        new RelationshipResumed(ID, DAY), before -> new Lifecycle(before.pausedFrom(), null)),
                new Row(LifecycleAction.CLOSE, EnumSet.of(IN_PROGRESS),
                        new RelationshipClosed(ID, DAY, null, null), before -> new Lifecycle(CLOSED, before.pausedFrom())),
                new Row(LifecycleAction.TERMINATE, OPEN,
                        new RelationshipTerminated(ID, TerminationReason.MISMATCH, Initiator.BOTH, null, DAY),
                        before -> new Lifecycle(TERMINATED, before.pausedFrom())),
                new Row(LifecycleAction.SUBMIT_EVALUATION, EnumSet.of(CLOSED, TERMINATED),
                        new EvaluationSubmitted(ID, Party.MENTOR, 5, GoalsMet.FULLY, null, DAY), SAME_STAGE),
                // DOMAIN.md, "Corrections"
                new Row(LifecycleAction.WITHDRAW_MEETING, EnumSet.allOf(Stage.class),
                        new MeetingWithdrawn(ID, "m1", "by mistake", false), SAME_STAGE),
                new Row(LifecycleAction.CORRECT_DATE, EnumSet.allOf(Stage.class),
                        new DateCorrected(ID, 2, "MeetingRecorded", DAY, DAY.plusDays(1), "a typo"), SAME_STAGE),
                new Row(LifecycleAction.REOPEN, EnumSet.of(CLOSED, TERMINATED),
                        new RelationshipReopened(ID, IN_PROGRESS, "by mistake"),
                        before -> new Lifecycle(IN_PROGRESS, before.pausedFrom())),
                new Row(LifecycleAction.WITHDRAW_EVALUATION, EnumSet.of(CLOSED, TERMINATED),
                        new EvaluationWithdrawn(ID, Party.MENTOR, "the wrong party"), SAME_STAGE));
    }

    /** Every way to stand in each stage: PAUSED from either stage a pause allows. */
    private static List<Lifecycle> positions() {
        List<Lifecycle> positions = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            if (stage == PAUSED) {
                positions.add(new Lifecycle(PAUSED, AGREED));
                positions.add(new Lifecycle(PAUSED, IN_PROGRESS));
            } else {
                positions.add(new Lifecycle(stage, null));
            }
        }
        return positions;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachActionIsAllowedExactlyInTheStagesOfItsRow(Row row) {
        for (Stage stage : Stage.values()) {
            assertThat(row.action().isAllowedIn(stage)).as("%s in %s", row.action(), stage)
                    .isEqualTo(row.allowedIn().contains(stage));
            assertThat(new Lifecycle(stage, null).allows(row.action())).isEqualTo(row.allowedIn().contains(stage));
        }
        assertThat(Lifecycle.NOT_STARTED.allows(row.action())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachEventLeadsWhereItsRowSays(Row row) {
        for (Lifecycle before : positions()) {
            if (row.allowedIn().contains(before.stage())) {
                assertThat(before.after(row.event())).as("%s from %s", row.event().getClass().getSimpleName(), before)
                        .isEqualTo(row.result().apply(before));
            }
        }
    }

    @Test
    void theTableNamesEveryAction() {
        assertThat(table().map(Row::action)).containsExactlyInAnyOrder(LifecycleAction.values());
    }

    @Test
    void aStartIsTheFirstStage() {
        RelationshipStarted started = new RelationshipStarted(ID, "programme", new Person("p1", "Maija"),
                new Person("p2", "Amina"), "fi", DAY);
        assertThat(Lifecycle.NOT_STARTED.after(started)).isEqualTo(new Lifecycle(STARTED, null));
    }

    @Test
    void theFirstMeetingAfterAgreeingPutsItInProgressAndLaterOnesChangeNothing() {
        MeetingRecorded meeting = new MeetingRecorded(ID, "m1", DAY, 60, null, List.of(), MeetingFormat.IN_PERSON);
        assertThat(new Lifecycle(STARTED, null).after(meeting)).isEqualTo(new Lifecycle(STARTED, null));
        assertThat(new Lifecycle(AGREED, null).after(meeting)).isEqualTo(new Lifecycle(IN_PROGRESS, null));
        assertThat(new Lifecycle(IN_PROGRESS, null).after(meeting)).isEqualTo(new Lifecycle(IN_PROGRESS, null));
    }

    @Test
    void aResumeReturnsToTheStageItWasPausedFrom() {
        RelationshipPaused pause = new RelationshipPaused(ID, "holiday", DAY);
        RelationshipResumed resume = new RelationshipResumed(ID, DAY);
        for (Stage from : List.of(AGREED, IN_PROGRESS)) {
            Lifecycle paused = new Lifecycle(from, null).after(pause);
            assertThat(paused).isEqualTo(new Lifecycle(PAUSED, from));
            assertThat(paused.after(resume)).isEqualTo(new Lifecycle(from, null));
        }
        assertThatThrownBy(() -> new Lifecycle(IN_PROGRESS, null).after(resume))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void closedAndTerminatedAreFinalAndAllowOnlyTheEvaluationAndCorrections() {
        for (Stage last : List.of(CLOSED, TERMINATED)) {
            assertThat(Arrays.stream(LifecycleAction.values()).filter(action -> action.isAllowedIn(last)))
                    .containsExactlyInAnyOrder(LifecycleAction.SUBMIT_EVALUATION, LifecycleAction.WITHDRAW_MEETING,
                            LifecycleAction.CORRECT_DATE, LifecycleAction.REOPEN, LifecycleAction.WITHDRAW_EVALUATION);
        }
    }

    @Test
    void withdrawingTheMeetingThatPutItInProgressReturnsItToAgreedPausedOrNot() {
        MeetingWithdrawn withdrawn = new MeetingWithdrawn(ID, "m1", "by mistake", true);
        assertThat(new Lifecycle(IN_PROGRESS, null).after(withdrawn)).isEqualTo(new Lifecycle(AGREED, null));
        assertThat(new Lifecycle(PAUSED, IN_PROGRESS).after(withdrawn)).isEqualTo(new Lifecycle(PAUSED, AGREED));
        assertThat(new Lifecycle(PAUSED, AGREED).after(withdrawn)).isEqualTo(new Lifecycle(PAUSED, AGREED));
    }

    @Test
    void aReopenedRelationshipIsInTheStageTheEventNamesAndAPauseStillReturnsWhereItWas() {
        assertThat(new Lifecycle(TERMINATED, IN_PROGRESS).after(new RelationshipReopened(ID, PAUSED, "by mistake")))
                .isEqualTo(new Lifecycle(PAUSED, IN_PROGRESS));
        assertThat(new Lifecycle(TERMINATED, null).after(new RelationshipReopened(ID, STARTED, "by mistake")))
                .isEqualTo(new Lifecycle(STARTED, null));
    }

    @Test
    void anErasureMovesNoStage() {
        PersonalDataErased erased = new PersonalDataErased(ID, "p1", Party.MENTOR, DAY);
        for (Lifecycle before : positions()) {
            assertThat(before.after(erased)).isEqualTo(before);
        }
    }
}
