package fi.mentoringledger.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.BusinessDate;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MeetingWithdrawn;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipReopened;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.testsupport.journey.EventJourney;

/**
 * Every planned relationship must be one the command-service accepts command by command: a plan
 * that broke a rule of DOMAIN.md's lifecycle table would turn the load into a stream of 409s.
 */
class LifecycleTest {

    private static final LocalDate LATEST = LocalDate.parse("2026-11-27");
    private static final Set<Stage> OPEN = EnumSet.of(Stage.STARTED, Stage.AGREED, Stage.IN_PROGRESS, Stage.PAUSED);

    @Test
    void everyPlanFollowsTheLifecycleTable() {
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            Lifecycle.Plan plan = Lifecycle.plan("r" + i, random, LATEST);
            replay(plan);
        }
    }

    @Test
    void plansGiveARealisticMixOfEndings() {
        Random random = new Random(5);
        Map<String, Integer> endings = new HashMap<>();
        long steps = 0;
        for (int i = 0; i < 5_000; i++) {
            Lifecycle.Plan plan = Lifecycle.plan("r" + i, random, LATEST);
            steps += plan.steps().size();
            endings.merge(replay(plan).name(), 1, Integer::sum);
        }
        assertThat(endings.get("CLOSED")).isBetween(2_500, 3_500);
        assertThat(endings.get("TERMINATED")).isBetween(1_100, 1_900);
        assertThat(endings.get("IN_PROGRESS")).isBetween(200, 700);
        assertThat(steps / 5_000.0).isBetween(9.0, 13.0);
    }

    /** Applies the plan to DOMAIN.md's rules and returns the final stage. */
    private static Stage replay(Lifecycle.Plan plan) {
        Replay replay = new Replay();
        LocalDate startedOn = null;
        LocalDate previous = null;
        for (EventJourney.Step step : plan.steps()) {
            replay.where = plan.relationshipId() + " " + step + " in " + replay.stage;
            LocalDate date = BusinessDate.of(step.event());
            assertThat(date).as(replay.where).isBeforeOrEqualTo(LATEST);
            if (previous != null) {
                assertThat(date).as(replay.where).isAfterOrEqualTo(previous);
            }
            previous = date;
            step.event().accept(replay);
            startedOn = startedOn == null ? date : startedOn;
            assertThat(date).as(replay.where).isAfterOrEqualTo(startedOn);
        }
        return replay.stage;
    }

    /** DOMAIN.md's lifecycle table, written again for the test: each event checked against the stage before it. */
    private static final class Replay implements RelationshipEvent.Visitor<Void> {
        Stage stage;
        Stage pausedFrom;
        String where;
        final Set<String> goals = new HashSet<>();
        final Set<String> achieved = new HashSet<>();
        final Set<String> concerns = new HashSet<>();
        final Set<String> resolved = new HashSet<>();
        final Set<String> meetings = new HashSet<>();
        final Map<Party, Boolean> evaluated = new EnumMap<>(Party.class);

        @Override
        public Void visit(RelationshipStarted event) {
            assertThat(stage).as(where).isNull();
            stage = Stage.STARTED;
            return null;
        }

        @Override
        public Void visit(AgreementSigned event) {
            assertThat(stage).as(where).isEqualTo(Stage.STARTED);
            stage = Stage.AGREED;
            event.agreement().goals().forEach(goal -> goals.add(goal.goalId()));
            return null;
        }

        @Override
        public Void visit(AgreementAmended event) {
            assertThat(stage).as(where).isIn(Stage.AGREED, Stage.IN_PROGRESS, Stage.PAUSED);
            event.agreement().goals().forEach(goal -> goals.add(goal.goalId()));
            return null;
        }

        @Override
        public Void visit(MeetingRecorded event) {
            assertThat(stage).as(where).isIn(Stage.STARTED, Stage.AGREED, Stage.IN_PROGRESS);
            assertThat(meetings.add(event.meetingId())).as(where).isTrue();
            if (stage == Stage.AGREED) {
                stage = Stage.IN_PROGRESS;
            }
            return null;
        }

        @Override
        public Void visit(GoalAchieved event) {
            assertThat(stage).as(where).isIn(Stage.AGREED, Stage.IN_PROGRESS, Stage.PAUSED);
            assertThat(goals).as(where).contains(event.goalId());
            assertThat(achieved.add(event.goalId())).as(where).isTrue();
            return null;
        }

        @Override
        public Void visit(ConcernRaised event) {
            assertThat(stage).as(where).isIn(OPEN);
            assertThat(concerns.add(event.concernId())).as(where).isTrue();
            return null;
        }

        @Override
        public Void visit(ConcernResolved event) {
            assertThat(stage).as(where).isIn(OPEN);
            assertThat(concerns).as(where).contains(event.concernId());
            assertThat(resolved.add(event.concernId())).as(where).isTrue();
            return null;
        }

        @Override
        public Void visit(RelationshipPaused event) {
            assertThat(stage).as(where).isIn(Stage.AGREED, Stage.IN_PROGRESS);
            pausedFrom = stage;
            stage = Stage.PAUSED;
            return null;
        }

        @Override
        public Void visit(RelationshipResumed event) {
            assertThat(stage).as(where).isEqualTo(Stage.PAUSED);
            stage = pausedFrom;
            return null;
        }

        @Override
        public Void visit(RelationshipClosed event) {
            assertThat(stage).as(where).isEqualTo(Stage.IN_PROGRESS);
            stage = Stage.CLOSED;
            return null;
        }

        @Override
        public Void visit(RelationshipTerminated event) {
            assertThat(stage).as(where).isIn(OPEN);
            stage = Stage.TERMINATED;
            return null;
        }

        @Override
        public Void visit(EvaluationSubmitted event) {
            assertThat(stage).as(where).isIn(Stage.CLOSED, Stage.TERMINATED);
            assertThat(evaluated.put(event.by(), true)).as(where).isNull();
            assertThat(event.rating()).as(where).isBetween(1, 5);
            return null;
        }

        @Override
        public Void visit(PersonalDataErased event) {
            throw new AssertionError(where + ": the load erases nobody");
        }

        @Override
        public Void visit(MeetingWithdrawn event) {
            throw new AssertionError(where + ": the load corrects nothing");
        }

        @Override
        public Void visit(DateCorrected event) {
            throw new AssertionError(where + ": the load corrects nothing");
        }

        @Override
        public Void visit(RelationshipReopened event) {
            throw new AssertionError(where + ": the load corrects nothing");
        }

        @Override
        public Void visit(EvaluationWithdrawn event) {
            throw new AssertionError(where + ": the load corrects nothing");
        }
    }
}
