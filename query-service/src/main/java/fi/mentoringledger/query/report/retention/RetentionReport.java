package fi.mentoringledger.query.report.retention;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import fi.mentoringledger.api.relationship.Stage;

/**
 * How long relationships stay, per intake: the definitions are in the README ("Retention"). Nothing
 * is rounded; a figure with nothing to count is null.
 *
 * @param today  the day the report was computed on, in the programmes' time zone: relationships still
 *               open are observed up to it
 * @param groups one per key found, sorted, relationships outside any programme last; without a
 *               grouping one group whose key is null
 */
public record RetentionReport(LocalDate today, List<Group> groups) {

    /**
     * @param key         the programme id (null outside any programme), {@code 2025-03} or {@code 2025-Q1}
     * @param timeInStage each open stage, in lifecycle order
     */
    public record Group(String key, long relationships, Survival survival, Milestone timeToAgreement,
            Milestone timeToFirstMeeting, Map<Stage, Quartiles> timeInStage, List<MonthCount> terminationsByMonth) {
    }

    /**
     * Days from the start to a first time (the agreement, the first meeting) over the relationships
     * that reached it; {@code notReached} counts those that have not (yet).
     */
    public record Milestone(long count, long notReached, Double p25, Double median, Double p75) {

        static Milestone of(List<Integer> days, long relationships) {
            Quartiles quartiles = Quartiles.of(days);
            return new Milestone(days.size(), relationships - days.size(), quartiles.p25(), quartiles.median(),
                    quartiles.p75());
        }
    }

    /** Terminations in a month of the relationship (from 1). */
    public record MonthCount(int month, long terminations) {
    }
}
