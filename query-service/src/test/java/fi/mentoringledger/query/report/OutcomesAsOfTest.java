package fi.mentoringledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.report.OutcomesAsOf.Moment;

import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.RecordedJourneys;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.ReadModelDatabase;

/**
 * The report as it stood at a past moment, from the events: as of a day by business dates, as
 * known on a day by recording times, and both. Each figure is checked against what the test knows
 * of its own journeys and recording times, late entries and corrections included; and today's
 * moment gives the report the projection gives now.
 */
class OutcomesAsOfTest {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final LocalDate START = LocalDate.of(2025, 3, 3);

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.emptiedBeforeEach();

    @Test
    void todaysMomentGivesTheReportTheProjectionGivesNowForEveryFilterAndGrouping() {
        List<Journey> journeys = new ArrayList<>(Population.generate(31, 120, "now-"));
        journeys.add(new Journey("corrected-1", "womento", START).agree(day(1), 1).meet(day(2)).meet(day(3))
                .withdrawMeeting("corrected-1-meeting-1").close(day(40)).correctDate(5, day(45))
                .evaluate(Party.MENTOR, 2, day(46)).withdrawEvaluation(Party.MENTOR)
                .evaluate(Party.MENTOR, 4, day(47)));
        journeys.add(new Journey("corrected-2", "auroras", START).agree(day(1), 1).meet(day(2))
                .terminate(TerminationReason.MISMATCH, day(9)).reopen().close(day(30)).correctDate(0, day(-40)));
        new ReportFeed(db, new OutcomeProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc()))).feed(journeys);
        OutcomeReports now = new OutcomeReports(db.jdbc());
        List<OutcomeFact> facts = journeys.stream()
                .map(journey -> OutcomesAsOf.factAt(recordedOnTheirDays(journey), new Moment(LocalDate.now(), LocalDate.now()),
                        HELSINKI))
                .toList();

        for (ReportFilter filter : List.of(ReportFilter.all(), new ReportFilter("womento", null, null),
                new ReportFilter(null, LocalDate.of(2024, 3, 15), LocalDate.of(2024, 9, 30)),
                new ReportFilter(null, null, null, Set.of("auroras", "womento")),
                new ReportFilter(null, null, null, Set.of()))) {
            assertThat(OutcomesAsOf.figures(facts, filter, null).get(0).figures()).as(filter.toString())
                    .isEqualTo(now.report(filter));
            for (GroupBy groupBy : GroupBy.values()) {
                assertThat(OutcomesAsOf.figures(facts, filter, groupBy)).as(filter + " by " + groupBy)
                        .isEqualTo(now.grouped(filter, groupBy).groups());
            }
        }
    }

    @Test
    void asOfADayARelationshipCountsAtTheStageItHadThenAndNotBeforeItStarted() {
        Journey closed = new Journey("closed", "p", START).agree(day(2), 1).meet(day(5)).close(day(60))
                .evaluate(Party.MENTEE, 5, day(61));
        Journey later = new Journey("later", "p", day(30));

        assertThat(stageAsOf(closed, day(1))).isEqualTo(Stage.STARTED);
        assertThat(stageAsOf(closed, day(4))).isEqualTo(Stage.AGREED);
        assertThat(stageAsOf(closed, day(59))).isEqualTo(Stage.IN_PROGRESS);
        assertThat(stageAsOf(closed, day(60))).isEqualTo(Stage.CLOSED);
        assertThat(factAsOf(later, day(29))).isNull();

        OutcomeReport asOfDay59 = report(new Moment(day(59), null), closed, later);
        assertThat(asOfDay59.relationships()).isEqualTo(2);
        assertThat(asOfDay59.ended()).isZero();
        assertThat(asOfDay59.averageEvaluationRating()).isNull();
        OutcomeReport asOfDay61 = report(new Moment(day(61), null), closed, later);
        assertThat(asOfDay61.completed()).isEqualTo(1);
        assertThat(asOfDay61.medianDaysToClose()).isEqualTo(60.0);
        assertThat(asOfDay61.averageEvaluationRating()).isEqualTo(5.0);
    }

    /**
     * A close recorded a week after the day it happened: as of that day it counts (as we know it
     * now), but known on a day before it was recorded it does not (what the ledger said then).
     */
    @Test
    void aLateEntryCountsAsOfItsDayButNotAsKnownBeforeItWasRecorded() {
        Journey journey = new Journey("late", "p", START).agree(day(1), 1).meet(day(2)).close(day(20));
        List<Recorded> history = recordedOnTheirDays(journey);
        Recorded close = history.get(3);
        history.set(3, new Recorded(close.event(), close.sequence(), endOf(day(27)).minusSeconds(1)));

        assertThat(stage(history, new Moment(day(21), null))).isEqualTo(Stage.CLOSED);
        assertThat(stage(history, new Moment(day(21), day(26)))).isEqualTo(Stage.IN_PROGRESS);
        assertThat(stage(history, new Moment(null, day(26)))).isEqualTo(Stage.IN_PROGRESS);
        assertThat(stage(history, new Moment(null, day(27)))).as("recorded before the end of that day")
                .isEqualTo(Stage.CLOSED);
    }

    /** Known on a day in the programmes' time zone: the day ends at midnight in Helsinki, not in UTC. */
    @Test
    void aDayEndsAtMidnightInTheProgrammesTimeZone() {
        Journey journey = new Journey("midnight", "p", START).agree(day(1), 1);
        List<Recorded> history = recordedOnTheirDays(journey);
        Recorded agreement = history.get(1);
        history.set(1, new Recorded(agreement.event(), 1, endOf(day(1))));

        assertThat(stage(history, new Moment(null, day(1)))).isEqualTo(Stage.STARTED);
        assertThat(stage(history, new Moment(null, day(2)))).isEqualTo(Stage.AGREED);
        assertThat(endOf(day(1))).as("midnight in Helsinki is 22:00 UTC in winter")
                .isEqualTo(Instant.parse("2025-03-04T22:00:00Z"));
    }

    /**
     * A correction counts from when it was recorded: known before it, the mistake stands; known
     * after it, the relationship is as if recorded right the first time, as of any day.
     */
    @Test
    void correctionsCountAsKnownFromTheDayTheyWereRecorded() {
        Journey journey = new Journey("mistakes", "p", START).agree(day(1), 1).meet(day(2)).meet(day(3))
                .close(day(30)).reopen().withdrawMeeting("mistakes-meeting-2").close(day(50)).correctDate(0, day(-10))
                .evaluate(Party.MENTEE, 1, day(51)).withdrawEvaluation(Party.MENTEE);
        Journey rightFirstTime = new Journey("mistakes", "p", day(-10)).agree(day(1), 1).meet(day(2)).close(day(50));
        List<Recorded> history = recordedOnTheirDays(journey);

        OutcomeFact known = OutcomesAsOf.factAt(history, new Moment(null, null), HELSINKI);
        OutcomeFact expected = OutcomesAsOf.factAt(recordedOnTheirDays(rightFirstTime), new Moment(null, null), HELSINKI);
        assertThat(known).usingRecursiveComparison().ignoringFields("closedVersion").isEqualTo(expected);
        assertThat(known.meetingCount()).isEqualTo(1);
        assertThat(known.daysToClose()).isEqualTo(60);
        assertThat(known.ratingCount()).isZero();

        OutcomeFact beforeTheReopening = OutcomesAsOf.factAt(history, new Moment(null, day(30)), HELSINKI);
        assertThat(beforeTheReopening.stage()).isEqualTo(Stage.CLOSED);
        assertThat(beforeTheReopening.meetingCount()).isEqualTo(2);
        assertThat(beforeTheReopening.daysToClose()).isEqualTo(30);

        assertThat(OutcomesAsOf.factAt(history, new Moment(day(40), null), HELSINKI).stage())
                .as("the mistaken close of day 30 never was, as we know it now").isEqualTo(Stage.IN_PROGRESS);
        assertThat(OutcomesAsOf.factAt(history, new Moment(day(-5), null), HELSINKI))
                .as("started on day -10 as corrected").isNotNull();
    }

    private static OutcomeReport report(Moment moment, Journey... journeys) {
        List<OutcomeFact> facts = Arrays.stream(journeys)
                .map(journey -> OutcomesAsOf.factAt(recordedOnTheirDays(journey), moment, HELSINKI))
                .filter(Objects::nonNull).toList();
        return OutcomesAsOf.figures(facts, ReportFilter.all(), null).get(0).figures();
    }

    private static Stage stageAsOf(Journey journey, LocalDate day) {
        return factAsOf(journey, day).stage();
    }

    private static OutcomeFact factAsOf(Journey journey, LocalDate day) {
        return OutcomesAsOf.factAt(recordedOnTheirDays(journey), new Moment(day, null), HELSINKI);
    }

    private static Stage stage(List<Recorded> history, Moment moment) {
        return OutcomesAsOf.factAt(history, moment, HELSINKI).stage();
    }

    /** The journey's events, each recorded at noon of its day in Helsinki (RecordedJourneys). */
    private static List<Recorded> recordedOnTheirDays(Journey journey) {
        return RecordedJourneys.onTheirDays(journey, HELSINKI);
    }

    private static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(HELSINKI).toInstant();
    }

    private static LocalDate day(int days) {
        return START.plusDays(days);
    }
}
