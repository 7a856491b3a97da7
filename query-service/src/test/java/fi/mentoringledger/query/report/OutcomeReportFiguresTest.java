package fi.mentoringledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.ExpectedReport;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.ReadModelDatabase;

/**
 * Every figure of DOMAIN.md "Reports, defined", each against a value worked out in the test:
 * by hand for small populations (including the null cases and medians of even counts), and by the
 * test's own counting ({@link ExpectedReport}) for a generated population, filters and groupings.
 */
class OutcomeReportFiguresTest {

    private static final LocalDate D = LocalDate.of(2025, 1, 1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.emptiedBeforeEach();
    private static ReportFeed feed;
    private static OutcomeReports reports;

    @BeforeAll
    static void projections() {
        feed = new ReportFeed(db, new OutcomeProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc())));
        reports = new OutcomeReports(db.jdbc());
    }

    @Test
    void anEmptySelectionCountsZerosAndHasNoRatesMedianOrAverages() {
        OutcomeReport report = reports.report(ReportFilter.all());

        assertThat(report.relationships()).isZero();
        assertThat(names(report.byStage())).containsOnlyKeys("STARTED", "AGREED", "IN_PROGRESS", "PAUSED", "CLOSED",
                "TERMINATED").allSatisfy((stage, n) -> assertThat(n).isZero());
        assertThat(report.ended()).isZero();
        assertThat(report.completed()).isZero();
        assertThat(report.droppedOut()).isZero();
        assertThat(report.completionRate()).isNull();
        assertThat(report.dropOutRate()).isNull();
        assertThat(names(report.terminationsByReason())).hasSize(8).allSatisfy((reason, n) -> assertThat(n).isZero());
        assertThat(names(report.terminationsByStage())).containsOnlyKeys("STARTED", "AGREED", "IN_PROGRESS", "PAUSED");
        assertThat(names(report.funnel())).containsExactlyEntriesOf(ordered("AGREED", 0, "IN_PROGRESS", 0, "CLOSED", 0));
        assertThat(report.medianDaysToClose()).isNull();
        assertThat(report.averageMeetingsPerEnded()).isNull();
        assertThat(report.averageEvaluationRating()).isNull();
    }

    @Test
    void relationshipsAreCountedByTheirCurrentStage() {
        feed.feed(started("s"), agreed("a"), inProgress("i"), inProgress("p").pause(D.plusDays(9)),
                closed("c1", 10), closed("c2", 20), started("t").terminate(TerminationReason.OTHER, D.plusDays(3)));

        OutcomeReport report = reports.report(ReportFilter.all());

        assertThat(report.relationships()).isEqualTo(7);
        assertThat(names(report.byStage())).containsExactlyEntriesOf(ordered("STARTED", 1, "AGREED", 1, "IN_PROGRESS", 1,
                "PAUSED", 1, "CLOSED", 2, "TERMINATED", 1));
    }

    @Test
    void endedIsClosedPlusTerminatedAndTheRatesAreTheirShares() {
        feed.feed(closed("c1", 10), closed("c2", 10), closed("c3", 10),
                agreed("t").terminate(TerminationReason.LACK_OF_TIME, D.plusDays(5)), started("open"));

        OutcomeReport report = reports.report(ReportFilter.all());

        assertThat(report.ended()).isEqualTo(4);
        assertThat(report.completed()).isEqualTo(3);
        assertThat(report.droppedOut()).isEqualTo(1);
        assertThat(report.completionRate()).isEqualTo(0.75);
        assertThat(report.dropOutRate()).isEqualTo(0.25);
    }

    @Test
    void ratesAreNotRounded() {
        feed.feed(closed("c", 10), started("t1").terminate(TerminationReason.OTHER, D.plusDays(1)),
                started("t2").terminate(TerminationReason.OTHER, D.plusDays(1)));

        OutcomeReport report = reports.report(ReportFilter.all());

        assertThat(report.completionRate()).isEqualTo(1.0 / 3.0);
        assertThat(report.dropOutRate()).isEqualTo(2.0 / 3.0);
    }

    @Test
    void ratesAreNullWhileNothingHasEnded() {
        feed.feed(started("s"), inProgress("i"));

        OutcomeReport report = reports.report(ReportFilter.all());

        assertThat(report.ended()).isZero();
        assertThat(report.completionRate()).isNull();
        assertThat(report.dropOutRate()).isNull();
        assertThat(report.averageMeetingsPerEnded()).isNull();
    }

    @Test
    void terminationsAreCountedByReasonAndByTheStageTheyEndedIn() {
        feed.feed(started("s").terminate(TerminationReason.LOST_CONTACT, D.plusDays(2)),
                agreed("a").terminate(TerminationReason.LOST_CONTACT, D.plusDays(2)),
                inProgress("i").terminate(TerminationReason.RELOCATION, D.plusDays(20)),
                inProgress("p").pause(D.plusDays(20)).terminate(TerminationReason.HEALTH_OR_FAMILY, D.plusDays(30)),
                agreed("pa").pause(D.plusDays(20)).terminate(TerminationReason.LOST_CONTACT, D.plusDays(30)),
                closed("c", 40));

        OutcomeReport report = reports.report(ReportFilter.all());

        assertThat(names(report.terminationsByReason())).containsExactlyEntriesOf(ordered("LACK_OF_TIME", 0, "MISMATCH", 0,
                "LOST_CONTACT", 3, "RELOCATION", 1, "HEALTH_OR_FAMILY", 1, "CHANGE_OF_GOALS", 0,
                "ORGANISER_DECISION", 0, "OTHER", 0));
        assertThat(names(report.terminationsByStage())).containsExactlyEntriesOf(ordered("STARTED", 1, "AGREED", 1,
                "IN_PROGRESS", 1, "PAUSED", 2));
    }

    @Test
    void theFunnelCountsStagesEverReachedNotCurrentOnes() {
        feed.feed(started("s"),
                agreed("a"),
                agreed("a-terminated").terminate(TerminationReason.OTHER, D.plusDays(9)),
                agreed("a-paused").pause(D.plusDays(9)),
                inProgress("i-paused").pause(D.plusDays(30)),
                inProgress("i-terminated").terminate(TerminationReason.OTHER, D.plusDays(30)),
                closed("c", 60),
                started("s-met").meet(D.plusDays(4)));

        OutcomeReport report = reports.report(ReportFilter.all());

        assertThat(names(report.funnel())).containsExactlyEntriesOf(ordered("AGREED", 6, "IN_PROGRESS", 3, "CLOSED", 1));
    }

    @Test
    void theMedianOfAnOddCountIsTheMiddleValue() {
        feed.feed(closed("a", 30), closed("b", 100), closed("c", 45));

        assertThat(reports.report(ReportFilter.all()).medianDaysToClose()).isEqualTo(45.0);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        feed.feed(closed("a", 10), closed("b", 40), closed("c", 25), closed("d", 90));

        assertThat(reports.report(ReportFilter.all()).medianDaysToClose()).isEqualTo(32.5);
    }

    @Test
    void theMedianCountsOnlyClosedRelationshipsAndIsNullWithoutThem() {
        feed.feed(inProgress("i").terminate(TerminationReason.OTHER, D.plusDays(300)), started("s"));
        assertThat(reports.report(ReportFilter.all()).medianDaysToClose()).isNull();

        feed.feed(closed("c1", 20), closed("c2", 21));
        assertThat(reports.report(ReportFilter.all()).medianDaysToClose()).isEqualTo(20.5);
    }

    @Test
    void averageMeetingsPerEndedCountsOnlyTheMeetingsOfEndedRelationships() {
        Journey closed = closedWithMeetings("c", 3);
        feed.feed(closed, closedWithMeetings("d", 4),
                inProgress("t").terminate(TerminationReason.OTHER, D.plusDays(40)),
                started("open").meet(D.plusDays(1)).meet(D.plusDays(2)));

        OutcomeReport report = reports.report(ReportFilter.all());

        assertThat(closed.meetings).isEqualTo(3);
        assertThat(report.averageMeetingsPerEnded()).isEqualTo((3 + 4 + 1) / 3.0);
    }

    @Test
    void averageEvaluationRatingIsTheMeanOfAllRatingsAndNullWithoutAny() {
        feed.feed(closed("none", 30));
        assertThat(reports.report(ReportFilter.all()).averageEvaluationRating()).isNull();

        feed.feed(closed("c", 30).evaluate(Party.MENTEE, 5, D.plusDays(31)).evaluate(Party.MENTOR, 4, D.plusDays(31)),
                started("t").terminate(TerminationReason.OTHER, D.plusDays(2)).evaluate(Party.MENTEE, 1, D.plusDays(3)));

        assertThat(reports.report(ReportFilter.all()).averageEvaluationRating()).isEqualTo(10 / 3.0);
    }

    @Test
    void theFilterSelectsAProgrammeAndAnInclusiveRangeOfStartDates() {
        feed.feed(new Journey("before", "womento", LocalDate.of(2025, 2, 28)),
                new Journey("first-day", "womento", LocalDate.of(2025, 3, 1)),
                new Journey("last-day", "womento", LocalDate.of(2025, 3, 31)),
                new Journey("after", "womento", LocalDate.of(2025, 4, 1)),
                new Journey("other", "auroras", LocalDate.of(2025, 3, 15)),
                new Journey("own", null, LocalDate.of(2025, 3, 15)));

        assertThat(reports.report(new ReportFilter("womento", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31)))
                .relationships()).isEqualTo(2);
        assertThat(reports.report(new ReportFilter(null, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31)))
                .relationships()).isEqualTo(4);
        assertThat(reports.report(new ReportFilter("womento", null, null)).relationships()).isEqualTo(4);
        assertThat(reports.report(new ReportFilter(null, LocalDate.of(2025, 3, 31), null)).relationships())
                .isEqualTo(2);
        assertThat(reports.report(new ReportFilter(null, null, LocalDate.of(2025, 2, 28))).relationships())
                .isEqualTo(1);
    }

    @Test
    void groupsAreKeyedByProgrammeWithNullForRelationshipsOutsideAnyProgramme() {
        feed.feed(new Journey("a", "womento", D), new Journey("b", "auroras", D), new Journey("c", null, D),
                new Journey("d", "womento", D));

        List<OutcomeReport.Group> groups = reports.grouped(ReportFilter.all(), GroupBy.PROGRAMME).groups();

        assertThat(groups).extracting(OutcomeReport.Group::key).containsExactly("auroras", "womento", null);
        assertThat(groups).extracting(g -> g.figures().relationships()).containsExactly(1L, 2L, 1L);
    }

    @Test
    void groupsAreKeyedByStartMonthAndStartQuarter() {
        feed.feed(new Journey("a", "p", LocalDate.of(2024, 12, 31)), new Journey("b", "p", LocalDate.of(2025, 1, 1)),
                new Journey("c", "p", LocalDate.of(2025, 3, 31)), new Journey("d", "p", LocalDate.of(2025, 4, 1)));

        assertThat(reports.grouped(ReportFilter.all(), GroupBy.START_MONTH).groups())
                .extracting(OutcomeReport.Group::key).containsExactly("2024-12", "2025-01", "2025-03", "2025-04");
        List<OutcomeReport.Group> quarters = reports.grouped(ReportFilter.all(), GroupBy.START_QUARTER).groups();
        assertThat(quarters).extracting(OutcomeReport.Group::key).containsExactly("2024-Q4", "2025-Q1", "2025-Q2");
        assertThat(quarters).extracting(g -> g.figures().relationships()).containsExactly(1L, 2L, 1L);
    }

    @Test
    void aGroupedReportOfNothingHasNoGroups() {
        assertThat(reports.grouped(ReportFilter.all(), GroupBy.PROGRAMME).groups()).isEmpty();
    }

    @Test
    void everyFigureOfAGeneratedPopulationMatchesTheTestsOwnCounting() {
        List<Journey> population = Population.generate(7, 400, "gen-");
        feed.feed(population);

        for (ReportFilter filter : List.of(ReportFilter.all(), new ReportFilter("womento", null, null),
                new ReportFilter(null, LocalDate.of(2024, 4, 1), LocalDate.of(2024, 9, 30)),
                new ReportFilter("auroras", LocalDate.of(2024, 6, 1), null))) {
            List<Journey> selection = ExpectedReport.select(population, filter.programmeId(), filter.startedFrom(),
                    filter.startedTo());
            assertSame(ExpectedReport.figures(selection), JSON.valueToTree(reports.report(filter)));
            for (GroupBy groupBy : GroupBy.values()) {
                assertSame(ExpectedReport.grouped(selection, groupBy.parameter()),
                        JSON.valueToTree(reports.grouped(filter, groupBy)));
            }
        }
    }

    private static void assertSame(JsonNode expected, JsonNode actual) {
        assertThat(ExpectedReport.sameFigures(expected, actual)).as("expected %s%nbut was  %s", expected, actual)
                .isTrue();
    }

    private static Map<String, Long> ordered(Object... keysAndCounts) {
        Map<String, Long> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndCounts.length; i += 2) {
            map.put((String) keysAndCounts[i], ((Integer) keysAndCounts[i + 1]).longValue());
        }
        return map;
    }

    private static Journey started(String id) {
        return new Journey(id, "p", D);
    }

    private static Journey agreed(String id) {
        return started(id).agree(D.plusDays(1), 1);
    }

    private static Journey inProgress(String id) {
        return agreed(id).meet(D.plusDays(2));
    }

    private static Journey closed(String id, int daysAfterStart) {
        return inProgress(id).close(D.plusDays(daysAfterStart));
    }

    private static Journey closedWithMeetings(String id, int meetings) {
        Journey journey = agreed(id);
        for (int i = 0; i < meetings; i++) {
            journey.meet(D.plusDays(2 + i));
        }
        return journey.close(D.plusDays(60));
    }

    /** A report's map with its enum keys by name, in the report's order. */
    private static Map<String, Long> names(Map<? extends Enum<?>, Long> counts) {
        Map<String, Long> names = new java.util.LinkedHashMap<>();
        counts.forEach((key, count) -> names.put(key.name(), count));
        return names;
    }
}
