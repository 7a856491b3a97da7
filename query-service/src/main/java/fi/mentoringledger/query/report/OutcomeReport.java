package fi.mentoringledger.query.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * The figures of DOMAIN.md "Reports, defined" over the relationships a filter selects. Counts are
 * never null; a rate, median or average is null when it has nothing to count. Nothing is rounded.
 * The maps list every key (every stage, reason, open stage), with 0 where there is none.
 * {@code terminationsByCategory} is there only when a {@link ReasonScheme} was asked for.
 */
public record OutcomeReport(
        long relationships,
        Map<Stage, Long> byStage,
        long ended,
        long completed,
        long droppedOut,
        Double completionRate,
        Double dropOutRate,
        Map<TerminationReason, Long> terminationsByReason,
        Map<Stage, Long> terminationsByStage,
        Map<Stage, Long> funnel,
        Double medianDaysToClose,
        Double averageMeetingsPerEnded,
        Double averageEvaluationRating,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> terminationsByCategory) {

    /** A report without re-coded reasons. */
    public OutcomeReport(long relationships, Map<Stage, Long> byStage, long ended, long completed, long droppedOut,
            Double completionRate, Double dropOutRate, Map<TerminationReason, Long> terminationsByReason,
            Map<Stage, Long> terminationsByStage, Map<Stage, Long> funnel, Double medianDaysToClose,
            Double averageMeetingsPerEnded, Double averageEvaluationRating) {
        this(relationships, byStage, ended, completed, droppedOut, completionRate, dropOutRate, terminationsByReason,
                terminationsByStage, funnel, medianDaysToClose, averageMeetingsPerEnded, averageEvaluationRating, null);
    }

    /** The report with its terminations also counted by the scheme's categories. */
    public OutcomeReport recodedBy(ReasonScheme scheme) {
        return new OutcomeReport(relationships, byStage, ended, completed, droppedOut, completionRate, dropOutRate,
                terminationsByReason, terminationsByStage, funnel, medianDaysToClose, averageMeetingsPerEnded,
                averageEvaluationRating, scheme.recode(terminationsByReason));
    }

    /** The report per programme, start month or start quarter. */
    public record Grouped(List<Group> groups) {

        public Grouped recodedBy(ReasonScheme scheme) {
            return new Grouped(groups.stream()
                    .map(group -> new Group(group.key(), group.figures().recodedBy(scheme))).toList());
        }
    }

    /**
     * One group: {@code key} is the programme id (null outside any programme), {@code 2025-03} or
     * {@code 2025-Q1}; the figures follow it as fields of the same object.
     */
    public record Group(String key, @JsonUnwrapped OutcomeReport figures) {
    }
}
