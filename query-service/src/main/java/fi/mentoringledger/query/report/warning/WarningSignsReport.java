package fi.mentoringledger.query.report.warning;

import java.util.List;

/**
 * How well each needs-attention signal, at each threshold, would have foretold the drop-outs of
 * the selected relationships (README, "Warning signs, back-tested").
 *
 * @param relationships the relationships selected
 * @param terminated    of them, those that ended early (as corrected: a reopened one did not)
 * @param baseRate      terminated / relationships; null of none
 * @param earlyDays     how many days before the end a flag counts as early
 */
public record WarningSignsReport(int relationships, int terminated, Double baseRate, int earlyDays,
        List<SignalFigures> signals) {

    /**
     * @param suggested the threshold that caught the most drop-outs early, the larger of equals;
     *                  null when none caught any early
     */
    public record SignalFigures(Signal signal, Integer suggested, List<ThresholdFigures> thresholds) {
    }

    /**
     * One signal at one threshold. {@code caught} is {@code flaggedThenTerminated}; rates are null
     * when their denominator is 0.
     */
    public record ThresholdFigures(int days, int flagged, int flaggedThenTerminated, int flaggedThenCompleted,
            Double precision, Double lift, int caught, int missed, Double recall, int caughtEarly,
            Double medianLeadDays) {
    }
}
