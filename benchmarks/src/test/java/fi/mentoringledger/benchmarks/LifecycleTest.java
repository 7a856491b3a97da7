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

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Stage;

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
        Stage stage = null;
        Stage pausedFrom = null;
        LocalDate startedOn = null;
        LocalDate previous = null;
        Set<String> goals = new HashSet<>();
        Set<String> achieved = new HashSet<>();
        Set<String> concerns = new HashSet<>();
        Set<String> resolved = new HashSet<>();
        Set<String> meetings = new HashSet<>();
        Map<Party, Boolean> evaluated = new EnumMap<>(Party.class);
        for (Lifecycle.Step step : plan.steps()) {
            String where = plan.relationshipId() + " " + step + " in " + stage;
            LocalDate date = dateOf(step);
            if (date != null) {
                assertThat(date).as(where).isBeforeOrEqualTo(LATEST);
                if (previous != null) {
                    assertThat(date).as(where).isAfterOrEqualTo(previous);
                }
                previous = date;
            }
            if (step instanceof Lifecycle.Start start) {
                assertThat(stage).as(where).isNull();
                stage = Stage.STARTED;
                startedOn = start.startedOn();
            } else if (step instanceof Lifecycle.Agree agree) {
                if (agree.amendment()) {
                    assertThat(stage).as(where).isIn(Stage.AGREED, Stage.IN_PROGRESS, Stage.PAUSED);
                } else {
                    assertThat(stage).as(where).isEqualTo(Stage.STARTED);
                    stage = Stage.AGREED;
                }
                agree.agreement().goals().forEach(goal -> goals.add(goal.goalId()));
            } else if (step instanceof Lifecycle.Meeting meeting) {
                assertThat(stage).as(where).isIn(Stage.STARTED, Stage.AGREED, Stage.IN_PROGRESS);
                assertThat(meetings.add(meeting.meetingId())).as(where).isTrue();
                if (stage == Stage.AGREED) {
                    stage = Stage.IN_PROGRESS;
                }
            } else if (step instanceof Lifecycle.AchieveGoal goal) {
                assertThat(stage).as(where).isIn(Stage.AGREED, Stage.IN_PROGRESS, Stage.PAUSED);
                assertThat(goals).as(where).contains(goal.goalId());
                assertThat(achieved.add(goal.goalId())).as(where).isTrue();
            } else if (step instanceof Lifecycle.RaiseConcern concern) {
                assertThat(stage).as(where).isIn(OPEN);
                assertThat(concerns.add(concern.concernId())).as(where).isTrue();
            } else if (step instanceof Lifecycle.ResolveConcern concern) {
                assertThat(stage).as(where).isIn(OPEN);
                assertThat(concerns).as(where).contains(concern.concernId());
                assertThat(resolved.add(concern.concernId())).as(where).isTrue();
            } else if (step instanceof Lifecycle.Pause) {
                assertThat(stage).as(where).isIn(Stage.AGREED, Stage.IN_PROGRESS);
                pausedFrom = stage;
                stage = Stage.PAUSED;
            } else if (step instanceof Lifecycle.Resume) {
                assertThat(stage).as(where).isEqualTo(Stage.PAUSED);
                stage = pausedFrom;
            } else if (step instanceof Lifecycle.Close) {
                assertThat(stage).as(where).isEqualTo(Stage.IN_PROGRESS);
                stage = Stage.CLOSED;
            } else if (step instanceof Lifecycle.Terminate) {
                assertThat(stage).as(where).isIn(OPEN);
                stage = Stage.TERMINATED;
            } else if (step instanceof Lifecycle.Evaluate evaluate) {
                assertThat(stage).as(where).isIn(Stage.CLOSED, Stage.TERMINATED);
                assertThat(evaluated.put(evaluate.by(), true)).as(where).isNull();
                assertThat(evaluate.rating()).as(where).isBetween(1, 5);
            }
            if (date != null) {
                assertThat(date).as(where).isAfterOrEqualTo(startedOn);
            }
        }
        return stage;
    }

    /** The business date a step carries (the first date of its event). */
    private static LocalDate dateOf(Lifecycle.Step step) {
        Object event = step.event(fi.mentoringledger.api.relationship.RelationshipId.of("r"));
        for (var component : event.getClass().getRecordComponents()) {
            if (component.getType() == LocalDate.class) {
                try {
                    return (LocalDate) component.getAccessor().invoke(event);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }
}
