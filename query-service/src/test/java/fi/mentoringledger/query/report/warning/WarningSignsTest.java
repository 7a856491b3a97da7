package fi.mentoringledger.query.report.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.report.CorrectedHistory;
import fi.mentoringledger.query.report.Recorded;
import fi.mentoringledger.query.report.Timeline;
import fi.mentoringledger.query.report.warning.WarningSignsReport.ThresholdFigures;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.RecordedJourneys;

/**
 * The back-test of the needs-attention signals, from journeys whose dates the test sets: each
 * signal's flag day at its boundary (the day the live rule would list the relationship, and the day
 * before it would not), flags on or after the end that warn of nothing, corrections, and every
 * figure of a small programme worked out by hand below.
 */
class WarningSignsTest {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final LocalDate START = LocalDate.of(2025, 3, 3);
    private static final LocalDate TODAY = day(400);

    @Test
    void noRecentMeetingFlagsTheFirstDayMoreThanNDaysAfterTheLaterOfTheAgreementAndTheLastMeeting() {
        Journey metLast = new Journey("met", "p", START).agree(day(1), 1).meet(day(5))
                .terminate(TerminationReason.LOST_CONTACT, day(100));
        Journey metBeforeAgreeing = new Journey("early-meeting", "p", START).meet(day(1)).agree(day(3), 1)
                .terminate(TerminationReason.LOST_CONTACT, day(100));

        assertThat(flagDay(metLast, Signal.NO_RECENT_MEETING, 14)).as("day 19 is 14 days after: not more").isEqualTo(day(20));
        assertThat(flagDay(metLast, Signal.NO_RECENT_MEETING, 21)).isEqualTo(day(27));
        assertThat(flagDay(metLast, Signal.NO_RECENT_MEETING, 90)).isEqualTo(day(96));
        assertThat(flagDay(metBeforeAgreeing, Signal.NO_RECENT_MEETING, 14)).as("from the agreement").isEqualTo(day(18));
    }

    @Test
    void aFlagOnTheDayItEndedOrLaterWarnsOfNothing() {
        Journey endedOnTheFlagDay = new Journey("on", "p", START).agree(day(1), 1).meet(day(5))
                .terminate(TerminationReason.MISMATCH, day(20));
        Journey endedTheDayAfter = new Journey("after", "p", START).agree(day(1), 1).meet(day(5))
                .terminate(TerminationReason.MISMATCH, day(21));

        assertThat(flagDay(endedOnTheFlagDay, Signal.NO_RECENT_MEETING, 14)).isNull();
        assertThat(flagDay(endedTheDayAfter, Signal.NO_RECENT_MEETING, 14)).isEqualTo(day(20));
    }

    @Test
    void pausedLongFlagsTheDayAfterNDaysOfPauseWhileThatPauseLasts() {
        Journey resumedOnTheFlagDay = new Journey("resumed", "p", START).agree(day(1), 1).meet(day(2))
                .pause(day(10)).resume(day(25)).meet(day(26)).close(day(60));
        Journey resumedTheDayAfter = new Journey("later", "p", START).agree(day(1), 1).meet(day(2))
                .pause(day(10)).resume(day(26)).meet(day(27)).close(day(60));
        Journey pausedTwice = new Journey("twice", "p", START).agree(day(1), 1).meet(day(2))
                .pause(day(10)).resume(day(20)).meet(day(21)).pause(day(30))
                .terminate(TerminationReason.LACK_OF_TIME, day(80));

        assertThat(flagDay(resumedOnTheFlagDay, Signal.PAUSED_LONG, 14)).isNull();
        assertThat(flagDay(resumedTheDayAfter, Signal.PAUSED_LONG, 14)).isEqualTo(day(25));
        assertThat(flagDay(pausedTwice, Signal.PAUSED_LONG, 14)).as("the second pause counts from its own day")
                .isEqualTo(day(45));
        assertThat(flagDay(pausedTwice, Signal.PAUSED_LONG, 45)).isEqualTo(day(76));
        assertThat(flagDay(pausedTwice, Signal.PAUSED_LONG, 60)).as("day 91 is after the end").isNull();
        assertThat(flagDay(pausedTwice, Signal.NO_RECENT_MEETING, 21)).as("the second pause's days are no days without a meeting").isNull();
    }

    @Test
    void anOpenConcernFlagsNDaysAfterItWasRaisedWhileUnresolvedAndThePairsOwnNeverCount() {
        Journey resolvedOnTheSeventhDay = new Journey("resolved", "p", START).agree(day(1), 1).meet(day(2))
                .raiseConcernForOrganiser("c1", day(10)).resolveConcern("c1", day(17)).close(day(50));
        Journey resolvedOnTheEighth = new Journey("later", "p", START).agree(day(1), 1).meet(day(2))
                .raiseConcernForOrganiser("c1", day(10)).resolveConcern("c1", day(18)).close(day(50));
        Journey keptToThemselves = new Journey("private", "p", START).agree(day(1), 1).meet(day(2))
                .raiseConcern("c1", day(10)).terminate(TerminationReason.MISMATCH, day(80));

        assertThat(flagDay(resolvedOnTheSeventhDay, Signal.OPEN_CONCERN, 0)).isEqualTo(day(10));
        assertThat(flagDay(resolvedOnTheSeventhDay, Signal.OPEN_CONCERN, 7)).isNull();
        assertThat(flagDay(resolvedOnTheEighth, Signal.OPEN_CONCERN, 7)).isEqualTo(day(17));
        assertThat(flagDay(resolvedOnTheEighth, Signal.OPEN_CONCERN, 14)).isNull();
        for (int days : Signal.OPEN_CONCERN.thresholds()) {
            assertThat(flagDay(keptToThemselves, Signal.OPEN_CONCERN, days)).isNull();
        }
    }

    @Test
    void noAgreementFlagsTheDayAfterNDaysIfStillOnlyStarted() {
        Journey agreedOnTheEighthDay = new Journey("eighth", "p", START).agree(day(8), 1).meet(day(9)).close(day(50));
        Journey agreedOnTheNinth = new Journey("ninth", "p", START).agree(day(9), 1).meet(day(10)).close(day(50));
        Journey neverAgreed = new Journey("never", "p", START).terminate(TerminationReason.CHANGE_OF_GOALS, day(40));

        assertThat(flagDay(agreedOnTheEighthDay, Signal.NO_AGREEMENT, 7)).isNull();
        assertThat(flagDay(agreedOnTheNinth, Signal.NO_AGREEMENT, 7)).isEqualTo(day(8));
        assertThat(flagDay(neverAgreed, Signal.NO_AGREEMENT, 30)).isEqualTo(day(31));
        assertThat(flagDay(neverAgreed, Signal.NO_AGREEMENT, 60)).isNull();
    }

    @Test
    void aRelationshipStillOpenIsFlaggedUpToTodayAndNeverAfter() {
        Journey open = new Journey("open", "p", TODAY.minusDays(20)).agree(TODAY.minusDays(20), 1);

        assertThat(flagDay(open, Signal.NO_RECENT_MEETING, 14)).isEqualTo(TODAY.minusDays(5));
        assertThat(flagDay(open, Signal.NO_RECENT_MEETING, 21)).as("that would be in two days").isNull();
        ThresholdFigures figures = figures(WarningSigns.figures(List.of(timeline(open)), TODAY), Signal.NO_RECENT_MEETING, 14);
        assertThat(figures.flagged()).isEqualTo(1);
        assertThat(figures.flaggedThenTerminated()).isZero();
        assertThat(figures.flaggedThenCompleted()).isZero();
        assertThat(figures.precision()).isEqualTo(0.0);
        assertThat(figures.lift()).as("no drop-out: no base rate to compare with").isNull();
        assertThat(figures.recall()).isNull();
        assertThat(figures.medianLeadDays()).isNull();
    }

    @Test
    void aWithdrawnMeetingLeavesTheGapItHidAndACorrectedDateCounts() {
        Journey withdrawn = new Journey("withdrawn", "p", START).agree(day(1), 1).meet(day(10)).meet(day(20))
                .meet(day(30)).withdrawMeeting("withdrawn-meeting-2").terminate(TerminationReason.OTHER, day(60));
        Journey redated = new Journey("redated", "p", START).agree(day(1), 1).meet(day(10)).meet(day(20))
                .meet(day(30)).correctDate(3, day(12)).terminate(TerminationReason.OTHER, day(60));

        assertThat(flagDay(withdrawn, Signal.NO_RECENT_MEETING, 14)).isEqualTo(day(25));
        assertThat(flagDay(redated, Signal.NO_RECENT_MEETING, 14)).as("12 to 30 is 18 days").isEqualTo(day(27));
        assertThat(flagDay(redated, Signal.NO_RECENT_MEETING, 21)).as("30 to 60 is 30 days").isEqualTo(day(52));
    }

    @Test
    void aReopenedTerminationIsNoTermination() {
        Journey reopened = new Journey("reopened", "p", START).agree(day(1), 1).meet(day(2))
                .terminate(TerminationReason.MISMATCH, day(40)).reopen().close(day(60));

        WarningSignsReport report = WarningSigns.figures(List.of(timeline(reopened)), TODAY);
        assertThat(report.terminated()).isZero();
        ThresholdFigures figures = figures(report, Signal.NO_RECENT_MEETING, 14);
        assertThat(figures.flagged()).as("flagged on day 17, ended on 60").isEqualTo(1);
        assertThat(figures.flaggedThenCompleted()).isEqualTo(1);
        assertThat(figures.caught()).isZero();
    }

    /**
     * Five relationships, each met on day 2 after agreeing on day 1: A terminated on day 40, B on day
     * 30, C met again on day 20 and closed on day 100, D met every ten days and terminated on day 61,
     * E is still in progress. Their no-meeting flags, by hand: A on days 17, 24, 33 (48 is after its
     * end); B on 17 and 24; C on 17 (the gap to day 20), then 42, 51, 66, 81 (111 is after its end); D
     * never; E on 17, 24, 33, 48, 63, 93.
     */
    @Test
    void everyFigureOfASmallProgramme() {
        List<Timeline> timelines = List.of(
                timeline(new Journey("a", "p", START).agree(day(1), 1).meet(day(2)).terminate(TerminationReason.MISMATCH, day(40))),
                timeline(new Journey("b", "p", START).agree(day(1), 1).meet(day(2)).terminate(TerminationReason.MISMATCH, day(30))),
                timeline(new Journey("c", "p", START).agree(day(1), 1).meet(day(2)).meet(day(20)).close(day(100))),
                timeline(new Journey("d", "p", START).agree(day(1), 1).meet(day(2)).meet(day(12)).meet(day(22))
                        .meet(day(32)).meet(day(42)).meet(day(52)).terminate(TerminationReason.LACK_OF_TIME, day(61))),
                timeline(new Journey("e", "p", START).agree(day(1), 1).meet(day(2))));

        WarningSignsReport report = WarningSigns.figures(timelines, TODAY);

        assertThat(report.relationships()).isEqualTo(5);
        assertThat(report.terminated()).isEqualTo(3);
        assertThat(report.baseRate()).isEqualTo(0.6);
        // days, flagged, then terminated, then completed, precision, lift, caught, missed, recall, early, median lead
        assertThat(report.signals().get(0).thresholds()).containsExactly(
                new ThresholdFigures(14, 4, 2, 1, 0.5, 0.5 / 0.6, 2, 1, 2 / 3.0, 1, 18.0),
                new ThresholdFigures(21, 4, 2, 1, 0.5, 0.5 / 0.6, 2, 1, 2 / 3.0, 1, 11.0),
                new ThresholdFigures(30, 3, 1, 1, 1 / 3.0, 1 / 3.0 / 0.6, 1, 2, 1 / 3.0, 0, 7.0),
                new ThresholdFigures(45, 2, 0, 1, 0.0, 0.0, 0, 3, 0.0, 0, null),
                new ThresholdFigures(60, 2, 0, 1, 0.0, 0.0, 0, 3, 0.0, 0, null),
                new ThresholdFigures(90, 1, 0, 0, 0.0, 0.0, 0, 3, 0.0, 0, null));
        assertThat(report.signals().get(0).signal()).isEqualTo(Signal.NO_RECENT_MEETING);
        assertThat(report.signals().get(0).suggested()).as("14 and 21 each caught one early: the larger")
                .isEqualTo(21);
        assertThat(report.signals().get(1).suggested()).as("nothing paused").isNull();
        assertThat(report.signals().get(1).thresholds().get(0).precision()).isNull();
        assertThat(report.signals().get(1).thresholds().get(0).missed()).isEqualTo(3);
    }

    @Test
    void theSuggestedThresholdCatchesMostDropOutsEarlyTheLargerOfEquals() {
        assertThat(WarningSigns.suggested(List.of(early(14, 3), early(21, 5), early(30, 5), early(45, 4)))).isEqualTo(30);
        assertThat(WarningSigns.suggested(List.of(early(14, 2), early(21, 1)))).isEqualTo(14);
        assertThat(WarningSigns.suggested(List.of(early(14, 0), early(21, 0)))).isNull();
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(WarningSigns.median(List.of(20L, 5L, 5L, 9L))).isEqualTo(7.0);
        assertThat(WarningSigns.median(List.of(9L, 9L, 3L))).isEqualTo(9.0);
        assertThat(WarningSigns.median(List.of(4L, 4L))).isEqualTo(4.0);
        assertThat(WarningSigns.median(List.of())).isNull();
    }

    private static ThresholdFigures early(int days, int caughtEarly) {
        return new ThresholdFigures(days, 10, 5, 0, 0.5, 1.0, 5, 0, 1.0, caughtEarly, 20.0);
    }

    private static ThresholdFigures figures(WarningSignsReport report, Signal signal, int days) {
        return report.signals().stream().filter(s -> s.signal() == signal).findFirst().orElseThrow()
                .thresholds().stream().filter(t -> t.days() == days).findFirst().orElseThrow();
    }

    private static LocalDate flagDay(Journey journey, Signal signal, int days) {
        Map<Signal, LocalDate[]> flags = FlagDays.of(timeline(journey), TODAY);
        return flags.get(signal)[signal.thresholds().indexOf(days)];
    }

    private static Timeline timeline(Journey journey) {
        return Timeline.of(CorrectedHistory.of(recordedOnTheirDays(journey)));
    }

    /** The journey's events, each recorded at noon of its day in Helsinki (RecordedJourneys). */
    private static List<Recorded> recordedOnTheirDays(Journey journey) {
        return RecordedJourneys.onTheirDays(journey, HELSINKI);
    }

    private static LocalDate day(int days) {
        return START.plusDays(days);
    }
}
