package fi.mentoringledger.query.report.retention;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

import fi.mentoringledger.api.relationship.Stage;

/**
 * The share of relationships not terminated N days after their start, by Kaplan and Meier: a
 * termination is the event, at day (terminatedOn − startedOn); a relationship still open is censored
 * at day (today − startedOn), as nobody knows yet whether it will terminate; one closed as completed
 * can no longer terminate and stays at risk throughout. On each day t with d terminations among the
 * n relationships at risk (those observed t days or longer), S(t) = S(t − 1) × (1 − d / n). A
 * relationship terminated or censored on day t is at risk on day t: terminations count first.
 *
 * @param steps each day on which a relationship terminated or was censored, in order
 * @param at    the share at 30, 90, 180 and 365 days; its {@code surviving} null when nobody is at risk
 *              that long
 */
public record Survival(List<Step> steps, List<Checkpoint> at) {

    static final List<Integer> CHECKPOINTS = List.of(30, 90, 180, 365);

    /** A day on which something happened, and the share surviving after it. */
    public record Step(int day, long atRisk, long terminated, long censored, double surviving) {
    }

    public record Checkpoint(int day, long atRisk, Double surviving) {
    }

    static Survival of(Collection<RelationshipDays> relationships) {
        TreeMap<Integer, long[]> days = new TreeMap<>();
        long atRisk = relationships.size();
        for (RelationshipDays relationship : relationships) {
            if (relationship.terminatedAfter() != null) {
                days.computeIfAbsent(relationship.terminatedAfter(), day -> new long[2])[0]++;
            } else if (relationship.stage() != Stage.CLOSED) {
                days.computeIfAbsent(relationship.observedDays(), day -> new long[2])[1]++;
            }
        }
        List<Step> steps = new ArrayList<>();
        double surviving = 1.0;
        for (var day : days.entrySet()) {
            long terminated = day.getValue()[0];
            long censored = day.getValue()[1];
            surviving *= 1.0 - (double) terminated / atRisk;
            steps.add(new Step(day.getKey(), atRisk, terminated, censored, surviving));
            atRisk -= terminated + censored;
        }
        List<Checkpoint> at = new ArrayList<>();
        for (int checkpoint : CHECKPOINTS) {
            at.add(at(checkpoint, steps, relationships.size()));
        }
        return new Survival(steps, at);
    }

    /** The share after the last step up to that day; at risk on it are all but those gone before it. */
    private static Checkpoint at(int day, List<Step> steps, long everyone) {
        long atRisk = everyone;
        double surviving = 1.0;
        for (Step step : steps) {
            if (step.day() > day) {
                break;
            }
            surviving = step.surviving();
            if (step.day() < day) {
                atRisk = step.atRisk() - step.terminated() - step.censored();
            } else {
                atRisk = step.atRisk();
            }
        }
        return new Checkpoint(day, atRisk, atRisk == 0 ? null : surviving);
    }
}
