package fi.mentoringledger.command.reliability;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The lifecycle of DOMAIN.md written again, independently of the aggregate, as a fold over stored
 * events: it fails on any history the rules forbid (two resumes in a row, a goal achieved twice, a
 * meeting after the close, a gap in the sequence) and says which stage each event left behind.
 */
final class LifecycleReplay {

    enum Stage { STARTED, AGREED, IN_PROGRESS, PAUSED, CLOSED, TERMINATED }

    private static final Set<Stage> OPEN = EnumSet.of(Stage.STARTED, Stage.AGREED, Stage.IN_PROGRESS, Stage.PAUSED);

    private final String relationshipId;
    private final List<Stage> stageAfter = new ArrayList<>();
    private Stage stage;
    private Stage pausedFrom;
    private final Set<String> goals = new HashSet<>();
    private final Map<String, String> achieved = new HashMap<>();
    private final Set<String> meetings = new HashSet<>();
    private final Set<String> concerns = new HashSet<>();
    private final Set<String> resolved = new HashSet<>();
    private final Set<String> evaluatedBy = new HashSet<>();

    private LifecycleReplay(String relationshipId) {
        this.relationshipId = relationshipId;
    }

    static LifecycleReplay of(List<StoredEvent> events) {
        if (events.isEmpty()) {
            throw new AssertionError("no events stored");
        }
        LifecycleReplay replay = new LifecycleReplay(events.get(0).relationshipId());
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(i);
            if (event.sequence() != i) {
                throw new AssertionError(replay.relationshipId + ": sequence " + event.sequence() + " where " + i
                        + " was due; the stored sequence has a gap or a repeat");
            }
            replay.apply(event);
            replay.stageAfter.add(replay.stage);
        }
        return replay;
    }

    Stage stage() {
        return stage;
    }

    long version() {
        return stageAfter.size() - 1;
    }

    Stage stageAfter(long sequence) {
        return stageAfter.get((int) sequence);
    }

    Set<String> evaluatedBy() {
        return evaluatedBy;
    }

    boolean isOpen() {
        return OPEN.contains(stage);
    }

    private void apply(StoredEvent event) {
        JsonNode payload = event.payload();
        switch (event.type()) {
            case "RelationshipStarted" -> {
                require(stage == null, event, "a relationship starts once, first");
                stage = Stage.STARTED;
            }
            case "AgreementSigned" -> {
                requireIn(event, Stage.STARTED);
                replaceGoals(payload);
                stage = Stage.AGREED;
            }
            case "AgreementAmended" -> {
                requireIn(event, Stage.AGREED, Stage.IN_PROGRESS, Stage.PAUSED);
                replaceGoals(payload);
            }
            case "MeetingRecorded" -> {
                requireIn(event, Stage.STARTED, Stage.AGREED, Stage.IN_PROGRESS);
                require(meetings.add(payload.path("meetingId").asText()), event, "each meeting is recorded once");
                if (stage == Stage.AGREED) {
                    stage = Stage.IN_PROGRESS;
                }
            }
            case "GoalAchieved" -> {
                requireIn(event, Stage.AGREED, Stage.IN_PROGRESS, Stage.PAUSED);
                String goal = payload.path("goalId").asText();
                require(goals.contains(goal), event, "only a goal of the agreement is achieved");
                require(achieved.putIfAbsent(goal, payload.path("achievedOn").asText()) == null, event,
                        "each goal is achieved once");
            }
            case "ConcernRaised" -> {
                requireIn(event, OPEN.toArray(Stage[]::new));
                require(concerns.add(payload.path("concernId").asText()), event, "each concern is raised once");
            }
            case "ConcernResolved" -> {
                requireIn(event, OPEN.toArray(Stage[]::new));
                String concern = payload.path("concernId").asText();
                require(concerns.contains(concern), event, "only a raised concern is resolved");
                require(resolved.add(concern), event, "each concern is resolved once");
            }
            case "RelationshipPaused" -> {
                requireIn(event, Stage.AGREED, Stage.IN_PROGRESS);
                pausedFrom = stage;
                stage = Stage.PAUSED;
            }
            case "RelationshipResumed" -> {
                requireIn(event, Stage.PAUSED);
                stage = pausedFrom;
                pausedFrom = null;
            }
            case "RelationshipClosed" -> {
                requireIn(event, Stage.IN_PROGRESS);
                stage = Stage.CLOSED;
            }
            case "RelationshipTerminated" -> {
                requireIn(event, OPEN.toArray(Stage[]::new));
                stage = Stage.TERMINATED;
            }
            case "EvaluationSubmitted" -> {
                requireIn(event, Stage.CLOSED, Stage.TERMINATED);
                require(evaluatedBy.add(payload.path("by").asText()), event, "each party evaluates once");
            }
            default -> throw new AssertionError(relationshipId + ": unknown event type " + event.type());
        }
    }

    /** Goals keep their achieved state by id across amendments; the agreement names the current ones. */
    private void replaceGoals(JsonNode payload) {
        goals.clear();
        payload.path("agreement").path("goals").forEach(goal -> goals.add(goal.path("goalId").asText()));
    }

    private void requireIn(StoredEvent event, Stage... allowed) {
        require(stage != null && EnumSet.of(allowed[0], allowed).contains(stage), event,
                "allowed only in " + List.of(allowed));
    }

    private void require(boolean condition, StoredEvent event, String rule) {
        if (!condition) {
            throw new AssertionError(relationshipId + ": " + event.type() + " at sequence " + event.sequence()
                    + " breaks the rule \"" + rule + "\" (stage was " + stage + ")");
        }
    }
}
