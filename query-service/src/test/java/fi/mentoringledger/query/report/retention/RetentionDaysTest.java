package fi.mentoringledger.query.report.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.report.GroupBy;
import fi.mentoringledger.query.report.Recorded;
import fi.mentoringledger.query.report.ReportFilter;
import fi.mentoringledger.query.support.Journey;

/**
 * Each relationship's days as retention reads them from its history: the first agreement and
 * meeting, the time in each stage, the month of a termination; with corrections and late entries.
 */
class RetentionDaysTest {

    private static final LocalDate START = LocalDate.of(2025, 3, 3);
    private static final LocalDate TODAY = START.plusDays(60);

    /**
     * Started, agreed on day 3, first meeting on day 10, paused on day 20, resumed on 35, paused
     * again on 50 and still paused: 3 days started, 7 agreed, 10 + 15 in progress, and 15 paused
     * (the pause running since day 50 is not over, so it does not count).
     */
    @Test
    void theTimeInAStageAddsUpItsSpellsThatEnded() {
        Journey journey = new Journey("stages", "p", START).agree(day(3), 1).meet(day(10)).meet(day(12))
                .pause(day(20)).resume(day(35)).pause(day(50));

        RelationshipDays days = RetentionHistories.daysOf(journey, TODAY);

        assertThat(days.daysInStage()).isEqualTo(Map.of(Stage.STARTED, 3, Stage.AGREED, 7, Stage.IN_PROGRESS, 25,
                Stage.PAUSED, 15));
        assertThat(days.daysToAgreement()).isEqualTo(3);
        assertThat(days.daysToFirstMeeting()).isEqualTo(10);
        assertThat(days.observedDays()).isEqualTo(60);
        assertThat(days.terminatedAfter()).isNull();
    }

    /** A spell ended by a termination counts up to it; a stage still running counts for nobody yet. */
    @Test
    void aTerminationEndsTheSpellItInterruptsAndAStageNeverLeftHasNoTime() {
        Journey pausedThenTerminated = new Journey("paused", "p", START).agree(day(0), 1).pause(day(4))
                .terminate(TerminationReason.LACK_OF_TIME, day(31));
        Journey justStarted = new Journey("just-started", "p", day(50));

        RelationshipDays paused = RetentionHistories.daysOf(pausedThenTerminated, TODAY);
        RelationshipDays started = RetentionHistories.daysOf(justStarted, TODAY);

        assertThat(paused.daysInStage()).isEqualTo(Map.of(Stage.STARTED, 0, Stage.AGREED, 4, Stage.PAUSED, 27));
        assertThat(paused.terminatedAfter()).isEqualTo(31);
        assertThat(paused.daysToFirstMeeting()).isNull();
        assertThat(started.daysInStage()).isEmpty();
        assertThat(started.daysToAgreement()).isNull();
        assertThat(started.observedDays()).isEqualTo(10);

        RetentionReport.Group group = RetentionReports.group(null, List.of(paused, started));
        assertThat(group.timeInStage().get(Stage.PAUSED)).isEqualTo(new Quartiles(1, 27.0, 27.0, 27.0));
        assertThat(group.timeInStage().get(Stage.STARTED)).isEqualTo(new Quartiles(1, 0.0, 0.0, 0.0));
        assertThat(group.timeInStage().get(Stage.IN_PROGRESS)).isEqualTo(new Quartiles(0, null, null, null));
        assertThat(group.timeToAgreement()).isEqualTo(new RetentionReport.Milestone(1, 1, 0.0, 0.0, 0.0));
    }

    /**
     * Month 1 runs from the start up to the same day a month later; from the 31st, a month later is
     * the last day of the shorter month.
     */
    @Test
    void aTerminationFallsInTheMonthOfTheRelationshipCountedFromTheStartDay() {
        LocalDate endOfJanuary = LocalDate.of(2025, 1, 31);
        assertThat(RelationshipDays.monthOfRelationship(endOfJanuary, endOfJanuary)).isEqualTo(1);
        assertThat(RelationshipDays.monthOfRelationship(endOfJanuary, LocalDate.of(2025, 2, 27))).isEqualTo(1);
        assertThat(RelationshipDays.monthOfRelationship(endOfJanuary, LocalDate.of(2025, 2, 28))).isEqualTo(2);
        assertThat(RelationshipDays.monthOfRelationship(endOfJanuary, LocalDate.of(2025, 3, 30))).isEqualTo(2);
        assertThat(RelationshipDays.monthOfRelationship(endOfJanuary, LocalDate.of(2025, 3, 31))).isEqualTo(3);
        assertThat(RelationshipDays.monthOfRelationship(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 29)))
                .as("a leap year's February").isEqualTo(2);
        LocalDate midMarch = LocalDate.of(2025, 3, 15);
        assertThat(RelationshipDays.monthOfRelationship(midMarch, LocalDate.of(2025, 4, 14))).isEqualTo(1);
        assertThat(RelationshipDays.monthOfRelationship(midMarch, LocalDate.of(2025, 4, 15))).isEqualTo(2);
        assertThat(RelationshipDays.monthOfRelationship(midMarch, LocalDate.of(2026, 3, 15))).isEqualTo(13);

        List<RelationshipDays> terminated = List.of(
                terminated("t1", endOfJanuary, LocalDate.of(2025, 2, 27)),
                terminated("t2", endOfJanuary, LocalDate.of(2025, 2, 28)),
                terminated("t3", endOfJanuary, LocalDate.of(2025, 4, 30)),
                terminated("t4", midMarch, LocalDate.of(2025, 4, 14)));
        assertThat(RetentionReports.group(null, terminated).terminationsByMonth()).containsExactly(
                new RetentionReport.MonthCount(1, 2), new RetentionReport.MonthCount(2, 1),
                new RetentionReport.MonthCount(3, 0), new RetentionReport.MonthCount(4, 1));
        assertThat(RetentionReports.group(null, List.of()).terminationsByMonth()).isEmpty();
    }

    /** A meeting withdrawn as recorded by mistake is not the first meeting: the next one is. */
    @Test
    void aWithdrawnMeetingMovesTheFirstMeeting() {
        Journey journey = new Journey("withdrawn", "p", START).meet(day(2)).agree(day(5), 1).meet(day(8))
                .withdrawMeeting("withdrawn-meeting-1");

        RelationshipDays days = RetentionHistories.daysOf(journey, TODAY);

        assertThat(days.daysToFirstMeeting()).isEqualTo(8);
        assertThat(RetentionHistories.daysOf(new Journey("kept", "p", START).meet(day(2)).agree(day(5), 1)
                .meet(day(8)), TODAY).daysToFirstMeeting()).as("before the withdrawal").isEqualTo(2);
    }

    /**
     * A corrected start date moves every time counted from the start, the intake the relationship
     * belongs to (here into February), and whether a filter selects it.
     */
    @Test
    void aCorrectedStartDateCountsFromTheCorrectedDay() {
        Journey journey = new Journey("moved", "p", START).agree(day(10), 1).meet(day(12))
                .correctDate(0, LocalDate.of(2025, 2, 26));

        RelationshipDays days = RetentionHistories.daysOf(journey, TODAY);

        assertThat(days.startedOn()).isEqualTo(LocalDate.of(2025, 2, 26));
        assertThat(days.daysToAgreement()).isEqualTo(15);
        assertThat(days.daysToFirstMeeting()).isEqualTo(17);
        assertThat(days.daysInStage().get(Stage.STARTED)).isEqualTo(15);
        assertThat(days.observedDays()).isEqualTo(65);
        assertThat(RetentionReports.groups(List.of(days), ReportFilter.all(), GroupBy.START_MONTH))
                .extracting(RetentionReport.Group::key).containsExactly("2025-02");
        assertThat(RetentionReports.groups(List.of(days), new ReportFilter(null, START, null), GroupBy.START_MONTH))
                .isEmpty();
    }

    /** A termination taken back by a reopening never happened: the relationship is open, censored today. */
    @Test
    void aReopenedTerminationNoLongerCounts() {
        Journey journey = new Journey("reopened", "p", START).agree(day(1), 1)
                .terminate(TerminationReason.MISMATCH, day(30)).reopen();

        RelationshipDays days = RetentionHistories.daysOf(journey, TODAY);
        RetentionReport.Group group = RetentionReports.group(null, List.of(days));

        assertThat(days.terminatedAfter()).isNull();
        assertThat(days.terminationMonth()).isNull();
        assertThat(days.daysInStage()).as("agreed since day 1, still").isEqualTo(Map.of(Stage.STARTED, 1));
        assertThat(group.terminationsByMonth()).isEmpty();
        assertThat(group.survival().steps()).singleElement()
                .isEqualTo(new Survival.Step(60, 1, 0, 1, 1.0));
    }

    /**
     * Entries recorded days after they happened count by the day they happened: a meeting of day 4
     * recorded after one of day 9, and a termination of day 20 recorded a week late; a corrected
     * termination date counts from its corrected day.
     */
    @Test
    void lateEntriesAndCorrectedDatesCountByTheDayTheyHappened() {
        Journey late = new Journey("late", "p", START).agree(day(1), 1).meet(day(9)).meet(day(4))
                .terminate(TerminationReason.LOST_CONTACT, day(20));
        List<Recorded> history = new ArrayList<>(RetentionHistories.recordedOnTheirDays(late));
        assertThat(history.get(3).recordedAt()).as("the meeting of day 4 was recorded after the one of day 9")
                .isAfter(history.get(2).recordedAt());
        Recorded termination = history.get(4);
        history.set(4, new Recorded(termination.event(), termination.sequence(),
                termination.recordedAt().plus(Duration.ofDays(7))));

        RelationshipDays days = RetentionReports.daysOf(history, TODAY);

        assertThat(days.daysToFirstMeeting()).isEqualTo(4);
        assertThat(days.terminatedAfter()).isEqualTo(20);
        assertThat(days.terminationMonth()).isEqualTo(1);

        Journey corrected = new Journey("corrected-end", "p", START).agree(day(1), 1)
                .terminate(TerminationReason.LOST_CONTACT, day(20)).correctDate(2, day(40));
        RelationshipDays correctedDays = RetentionHistories.daysOf(corrected, TODAY);
        assertThat(correctedDays.terminatedAfter()).isEqualTo(40);
        assertThat(correctedDays.terminationMonth()).as("3 March + 1 month = 3 April, day 31").isEqualTo(2);
        assertThat(correctedDays.daysInStage().get(Stage.AGREED)).isEqualTo(39);
    }

    /** Groups by the intake, sorted, the relationships outside any programme last; without a grouping one group. */
    @Test
    void groupsAreTheIntakesSortedWithNoProgrammeLast() {
        List<RelationshipDays> all = List.of(
                RetentionHistories.daysOf(new Journey("w", "womento", START), TODAY),
                RetentionHistories.daysOf(new Journey("none", null, START), TODAY),
                RetentionHistories.daysOf(new Journey("a", "auroras", LocalDate.of(2025, 1, 2)), TODAY));

        assertThat(RetentionReports.groups(all, ReportFilter.all(), GroupBy.PROGRAMME))
                .extracting(RetentionReport.Group::key).containsExactly("auroras", "womento", null);
        assertThat(RetentionReports.groups(all, ReportFilter.all(), GroupBy.START_QUARTER))
                .extracting(RetentionReport.Group::key).containsExactly("2025-Q1");
        assertThat(RetentionReports.groups(all, new ReportFilter(null, null, null, Set.of("womento")), null))
                .singleElement().extracting(RetentionReport.Group::relationships).isEqualTo(1L);
        assertThat(RetentionReports.groups(List.of(), ReportFilter.all(), null)).singleElement()
                .satisfies(group -> assertThat(group.key()).isNull());
    }

    private static RelationshipDays terminated(String id, LocalDate start, LocalDate on) {
        return RetentionHistories.daysOf(new Journey(id, "p", start).terminate(TerminationReason.OTHER, on), TODAY);
    }

    private static LocalDate day(int days) {
        return START.plusDays(days);
    }
}
