package fi.mentoringledger.query.report.warning;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.query.report.Timeline;

/**
 * The first day each live needs-attention rule would have listed a relationship, for every signal
 * and threshold, read from its timeline day by day as the list would have been read each evening.
 * Only a day before the relationship ended counts (a flag on the day it ends, or later, warns of
 * nothing), and none after today.
 */
final class FlagDays {

    private FlagDays() {
    }

    /** For each signal, the flag day per threshold (null: it never flagged it in time), thresholds in order. */
    static Map<Signal, LocalDate[]> of(Timeline timeline, LocalDate today) {
        Map<Signal, LocalDate[]> flags = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            flags.put(signal, new LocalDate[signal.thresholds().size()]);
        }
        LocalDate end = timeline.endedOn();
        LocalDate last = end == null || end.isAfter(today) ? today : end.minusDays(1);
        LocalDate agreedOn = timeline.firstEntered(Stage.AGREED);
        List<Timeline.Entered> stages = timeline.stages();
        List<LocalDate> meetings = timeline.meetings();
        int nextStage = 0;
        int nextMeeting = 0;
        Stage stage = null;
        LocalDate stageSince = null;
        LocalDate lastMeeting = null;
        for (LocalDate day = timeline.startedOn(); !day.isAfter(last); day = day.plusDays(1)) {
            while (nextStage < stages.size() && !stages.get(nextStage).on().isAfter(day)) {
                Timeline.Entered entered = stages.get(nextStage++);
                if (entered.stage() != stage) {
                    stageSince = entered.on();
                }
                stage = entered.stage();
            }
            while (nextMeeting < meetings.size() && !meetings.get(nextMeeting).isAfter(day)) {
                lastMeeting = meetings.get(nextMeeting++);
            }
            if ((stage == Stage.AGREED || stage == Stage.IN_PROGRESS) && agreedOn != null) {
                LocalDate contact = lastMeeting != null && lastMeeting.isAfter(agreedOn) ? lastMeeting : agreedOn;
                flagBeyond(flags.get(Signal.NO_RECENT_MEETING), Signal.NO_RECENT_MEETING, days(contact, day), day);
            }
            if (stage == Stage.PAUSED) {
                flagBeyond(flags.get(Signal.PAUSED_LONG), Signal.PAUSED_LONG, days(stageSince, day), day);
            }
            if (stage == Stage.STARTED) {
                flagBeyond(flags.get(Signal.NO_AGREEMENT), Signal.NO_AGREEMENT, days(timeline.startedOn(), day), day);
            }
            long longestOpen = -1;
            for (Timeline.Concern concern : timeline.organiserConcerns()) {
                boolean open = !concern.raisedOn().isAfter(day)
                        && (concern.resolvedOn() == null || concern.resolvedOn().isAfter(day));
                if (open) {
                    longestOpen = Math.max(longestOpen, days(concern.raisedOn(), day));
                }
            }
            if (longestOpen >= 0) {
                // open for N days: N + 1 would be "more than N", the concern counts on the Nth
                flagBeyond(flags.get(Signal.OPEN_CONCERN), Signal.OPEN_CONCERN, longestOpen + 1, day);
            }
        }
        return flags;
    }

    /** Flags, on this day, every threshold not flagged yet that {@code days} exceeds. */
    private static void flagBeyond(LocalDate[] flagged, Signal signal, long days, LocalDate day) {
        List<Integer> thresholds = signal.thresholds();
        for (int i = 0; i < flagged.length; i++) {
            if (flagged[i] == null && days > thresholds.get(i)) {
                flagged[i] = day;
            }
        }
    }

    private static long days(LocalDate from, LocalDate to) {
        return to.toEpochDay() - from.toEpochDay();
    }
}
