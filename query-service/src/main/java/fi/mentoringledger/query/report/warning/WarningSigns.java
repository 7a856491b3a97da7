package fi.mentoringledger.query.report.warning;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.query.report.CorrectedHistory;
import fi.mentoringledger.query.report.RecordedHistories;
import fi.mentoringledger.query.report.ReportFilter;
import fi.mentoringledger.query.report.Timeline;

/**
 * The needs-attention signals back-tested on the relationships' own histories: for each signal
 * and threshold, which relationships the live rule would have listed, and whether those later
 * dropped out. Histories are read as corrected ({@link CorrectedHistory}), so a withdrawn meeting
 * leaves a gap and a reopened termination is no termination.
 */
@Component
public class WarningSigns {

    /** A flag at least this many days before the end gave the organiser time to act. */
    static final int EARLY_DAYS = 14;

    private final RecordedHistories histories;
    private final Clock clock;

    WarningSigns(RecordedHistories histories, Clock clock) {
        this.histories = histories;
        this.clock = clock;
    }

    public WarningSignsReport report(ReportFilter filter) {
        List<Timeline> timelines = new ArrayList<>();
        histories.forEach(filter, history -> {
            Timeline timeline = Timeline.of(CorrectedHistory.of(history));
            if (timeline != null && startedWithin(filter, timeline.startedOn())) {
                timelines.add(timeline);
            }
        });
        return figures(timelines, LocalDate.now(clock));
    }

    /** The start date filter applies to the start as corrected, as in the outcome report. */
    private static boolean startedWithin(ReportFilter filter, LocalDate startedOn) {
        return (filter.startedFrom() == null || !startedOn.isBefore(filter.startedFrom()))
                && (filter.startedTo() == null || !startedOn.isAfter(filter.startedTo()));
    }

    static WarningSignsReport figures(Collection<Timeline> timelines, LocalDate today) {
        int relationships = timelines.size();
        int terminated = (int) timelines.stream().filter(t -> t.stage() == Stage.TERMINATED).count();
        Double baseRate = ratio(terminated, relationships);
        List<Map<Signal, LocalDate[]>> flags = timelines.stream().map(t -> FlagDays.of(t, today)).toList();
        List<Timeline> ordered = List.copyOf(timelines);
        List<WarningSignsReport.SignalFigures> signals = new ArrayList<>();
        for (Signal signal : Signal.values()) {
            List<WarningSignsReport.ThresholdFigures> thresholds = new ArrayList<>();
            for (int i = 0; i < signal.thresholds().size(); i++) {
                int flagged = 0;
                int thenTerminated = 0;
                int thenCompleted = 0;
                int early = 0;
                List<Long> leads = new ArrayList<>();
                for (int r = 0; r < ordered.size(); r++) {
                    LocalDate flagDay = flags.get(r).get(signal)[i];
                    if (flagDay == null) {
                        continue;
                    }
                    Timeline timeline = ordered.get(r);
                    flagged++;
                    if (timeline.stage() == Stage.CLOSED) {
                        thenCompleted++;
                    } else if (timeline.stage() == Stage.TERMINATED) {
                        thenTerminated++;
                        long lead = timeline.endedOn().toEpochDay() - flagDay.toEpochDay();
                        leads.add(lead);
                        early += lead >= EARLY_DAYS ? 1 : 0;
                    }
                }
                Double precision = ratio(thenTerminated, flagged);
                thresholds.add(new WarningSignsReport.ThresholdFigures(signal.thresholds().get(i), flagged,
                        thenTerminated, thenCompleted, precision,
                        precision == null || baseRate == null || baseRate == 0 ? null : precision / baseRate,
                        thenTerminated, terminated - thenTerminated, ratio(thenTerminated, terminated), early,
                        median(leads)));
            }
            signals.add(new WarningSignsReport.SignalFigures(signal, suggested(thresholds), List.copyOf(thresholds)));
        }
        return new WarningSignsReport(relationships, terminated, baseRate, EARLY_DAYS, List.copyOf(signals));
    }

    /** The threshold that caught the most drop-outs early; of equals the larger, which raises fewer alarms. */
    static Integer suggested(List<WarningSignsReport.ThresholdFigures> thresholds) {
        WarningSignsReport.ThresholdFigures best = null;
        for (WarningSignsReport.ThresholdFigures threshold : thresholds) {
            if (threshold.caughtEarly() > 0 && (best == null || threshold.caughtEarly() > best.caughtEarly()
                    || threshold.caughtEarly() == best.caughtEarly() && threshold.days() > best.days())) {
                best = threshold;
            }
        }
        return best == null ? null : best.days();
    }

    /** DOMAIN.md: of an even count, the mean of the two middle values; null of none. */
    static Double median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle).doubleValue()
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    private static Double ratio(int numerator, int denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
