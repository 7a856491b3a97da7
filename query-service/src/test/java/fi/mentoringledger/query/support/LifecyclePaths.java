package fi.mentoringledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import fi.mentoringledger.api.relationship.Lifecycle;
import fi.mentoringledger.api.relationship.LifecycleAction;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * Every way through the lifecycle that the shared {@link Lifecycle} allows, up to a number of
 * actions after the start, each as a journey, so that a read model's stages can be held against
 * the one stage machine: a projection that keeps a stage its own way must end every path in the
 * stage {@link #stageAfter} folds from the same events. The paths take the corrections too
 * (DOMAIN.md, "Corrections"), each at most once a path: withdrawing the last meeting that counts,
 * correcting the latest date, reopening, withdrawing the mentee's evaluation.
 */
public final class LifecyclePaths {

    /** The actions that move the stage or may follow a move; the others leave it, whatever the stage. */
    private static final List<LifecycleAction> ACTIONS = List.of(LifecycleAction.AGREE,
            LifecycleAction.AMEND_AGREEMENT, LifecycleAction.RECORD_MEETING, LifecycleAction.PAUSE,
            LifecycleAction.RESUME, LifecycleAction.CLOSE, LifecycleAction.TERMINATE,
            LifecycleAction.SUBMIT_EVALUATION, LifecycleAction.WITHDRAW_MEETING, LifecycleAction.CORRECT_DATE,
            LifecycleAction.REOPEN, LifecycleAction.WITHDRAW_EVALUATION);
    private static final Set<LifecycleAction> CORRECTIONS = EnumSet.of(LifecycleAction.WITHDRAW_MEETING,
            LifecycleAction.CORRECT_DATE, LifecycleAction.REOPEN, LifecycleAction.WITHDRAW_EVALUATION);
    private static final LocalDate START = LocalDate.of(2025, 1, 6);

    private LifecyclePaths() {
    }

    /** Every allowed path of at most {@code steps} actions after the start (every prefix of one is one too). */
    public static List<Journey> upTo(int steps) {
        List<List<LifecycleAction>> paths = new ArrayList<>();
        extend(new ArrayList<>(), steps, paths);
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            journeys.add(journey("path-" + i, paths.get(i)));
        }
        return journeys;
    }

    /** The stage the shared stage machine gives after the journey's events. */
    public static Stage stageAfter(Journey journey) {
        Lifecycle lifecycle = Lifecycle.NOT_STARTED;
        for (Object event : journey.events) {
            lifecycle = lifecycle.after((RelationshipEvent) event);
        }
        return lifecycle.stage();
    }

    /**
     * Each path's relationship has, in {@code table} of the read model, the stage the shared stage
     * machine gives after its events; and the paths between them reach every stage.
     */
    public static void assertStagesIn(ReadModelDatabase db, String table, List<Journey> paths) {
        Map<String, Stage> expected = new TreeMap<>();
        paths.forEach(path -> expected.put(path.id, stageAfter(path)));
        Map<String, Stage> projected = new TreeMap<>();
        db.jdbc().sql("SELECT relationship_id, stage FROM " + table).query((rs, i) ->
                projected.put(rs.getString(1), Stage.valueOf(rs.getString(2)))).list();
        assertThat(expected.values()).as("the paths reach every stage").containsAll(List.of(Stage.values()));
        assertThat(projected).as(table).isEqualTo(expected);
    }

    private static void extend(List<LifecycleAction> path, int stepsLeft, List<List<LifecycleAction>> paths) {
        paths.add(List.copyOf(path));
        if (stepsLeft == 0) {
            return;
        }
        Journey sofar = journey("probe", path);
        Lifecycle now = new Lifecycle(stageAfter(sofar), null);
        for (LifecycleAction action : ACTIONS) {
            boolean correction = CORRECTIONS.contains(action);
            if (now.allows(action) && (!correction || !path.contains(action))
                    && takes(path, action)) {
                path.add(action);
                extend(path, stepsLeft - 1, paths);
                path.remove(path.size() - 1);
            }
        }
    }

    /**
     * Whether the action can follow the path beyond what the stage allows: a party evaluates once
     * (until their evaluation is withdrawn), only a meeting can be withdrawn, and not the one an
     * end in progress holds (the journey refuses what the aggregate refuses).
     */
    private static boolean takes(List<LifecycleAction> path, LifecycleAction action) {
        List<LifecycleAction> longer = new ArrayList<>(path);
        longer.add(action);
        try {
            journey("probe", longer);
            return true;
        } catch (IllegalStateException refused) {
            return false;
        }
    }

    private static Journey journey(String id, List<LifecycleAction> path) {
        Journey journey = new Journey(id, "paths", START);
        LocalDate on = START;
        for (LifecycleAction action : path) {
            on = on.plusDays(3);
            switch (action) {
                case AGREE -> journey.agree(on, 1);
                case AMEND_AGREEMENT -> journey.amend(on, 2);
                case RECORD_MEETING -> journey.meet(on);
                case PAUSE -> journey.pause(on);
                case RESUME -> journey.resume(on);
                case CLOSE -> journey.close(on);
                case TERMINATE -> journey.terminate(TerminationReason.LACK_OF_TIME, on);
                case SUBMIT_EVALUATION -> journey.evaluate(Party.MENTEE, 4, on);
                case WITHDRAW_MEETING -> {
                    List<String> standing = journey.standingMeetings();
                    if (standing.isEmpty()) {
                        throw new IllegalStateException("no meeting to withdraw");
                    }
                    journey.withdrawMeeting(standing.get(standing.size() - 1));
                }
                case CORRECT_DATE -> {
                    List<Long> dated = journey.datedVersions();
                    long latest = dated.get(dated.size() - 1);
                    journey.correctDate(latest, journey.dateOf(latest).minusDays(1));
                }
                case REOPEN -> journey.reopen();
                case WITHDRAW_EVALUATION -> journey.withdrawEvaluation(Party.MENTEE);
                default -> throw new IllegalArgumentException("not on a path: " + action);
            }
        }
        return journey;
    }
}
