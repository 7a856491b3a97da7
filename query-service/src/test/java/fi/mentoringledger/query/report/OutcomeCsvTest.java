package fi.mentoringledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;

import org.junit.jupiter.api.Test;

/** The CSV form of a report: header, one row per group, plain numbers, empty for null. */
class OutcomeCsvTest {

    private static final String HEADER = "key,relationships,"
            + "byStage.STARTED,byStage.AGREED,byStage.IN_PROGRESS,byStage.PAUSED,byStage.CLOSED,byStage.TERMINATED,"
            + "ended,completed,droppedOut,completionRate,dropOutRate,"
            + "terminationsByReason.LACK_OF_TIME,terminationsByReason.MISMATCH,terminationsByReason.LOST_CONTACT,"
            + "terminationsByReason.RELOCATION,terminationsByReason.HEALTH_OR_FAMILY,"
            + "terminationsByReason.CHANGE_OF_GOALS,terminationsByReason.ORGANISER_DECISION,"
            + "terminationsByReason.OTHER,"
            + "terminationsByStage.STARTED,terminationsByStage.AGREED,terminationsByStage.IN_PROGRESS,"
            + "terminationsByStage.PAUSED,"
            + "funnel.AGREED,funnel.IN_PROGRESS,funnel.CLOSED,"
            + "medianDaysToClose,averageMeetingsPerEnded,averageEvaluationRating";

    @Test
    void anUngroupedReportIsAHeaderAndOneRowWithAnEmptyKey() {
        String csv = OutcomeCsv.of(report(3, 1.0 / 3.0, 45.0, 1.0E-4));

        assertThat(csv).isEqualTo(HEADER + "\r\n"
                + ",3,1,0,0,0,1,1,2,1,1,0.3333333333333333,0.5,0,0,0,0,0,0,0,1,0,0,0,1,1,1,1,45,,0.0001\r\n");
    }

    @Test
    void aGroupedReportHasOneRowPerGroupAndQuotesKeysThatNeedIt() {
        OutcomeReport.Grouped grouped = new OutcomeReport.Grouped(List.of(
                new OutcomeReport.Group("womento", report(1, null, null, 2.5)),
                new OutcomeReport.Group("a,\"b\"", report(2, null, null, null)),
                new OutcomeReport.Group(null, report(4, null, null, null))));

        List<String> lines = List.of(OutcomeCsv.of(grouped).split("\r\n"));

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(HEADER);
        assertThat(lines.get(1)).startsWith("womento,1,");
        assertThat(lines.get(2)).startsWith("\"a,\"\"b\"\"\",2,");
        assertThat(lines.get(3)).startsWith(",4,");
        assertThat(lines).allSatisfy(line -> assertThat(line.split(",", -1).length)
                .isEqualTo(lines.get(0).split(",").length + (line.startsWith("\"a") ? 1 : 0)));
    }

    @Test
    void aRecodedReportEndsWithItsCategoriesInTheSchemesOrder() {
        ReasonScheme scheme = new ReasonScheme("funder", List.of(
                new ReasonScheme.Category("Time, health", List.of(TerminationReason.LACK_OF_TIME,
                        TerminationReason.HEALTH_OR_FAMILY, TerminationReason.RELOCATION)),
                new ReasonScheme.Category("Everything else", List.of(TerminationReason.MISMATCH,
                        TerminationReason.CHANGE_OF_GOALS, TerminationReason.LOST_CONTACT,
                        TerminationReason.ORGANISER_DECISION, TerminationReason.OTHER))));

        String csv = OutcomeCsv.of(report(3, 1.0 / 3.0, 45.0, 1.0E-4).recodedBy(scheme), scheme);

        assertThat(csv).isEqualTo(HEADER + ",\"terminationsByCategory.Time, health\",terminationsByCategory.Everything else\r\n"
                + ",3,1,0,0,0,1,1,2,1,1,0.3333333333333333,0.5,0,0,0,0,0,0,0,1,0,0,0,1,1,1,1,45,,0.0001,0,1\r\n");
        assertThat(OutcomeCsv.of(new OutcomeReport.Grouped(List.of()), scheme))
                .as("a report of no group still names every column").startsWith(HEADER + ",");
    }

    @Test
    void aKeyASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        OutcomeReport.Grouped grouped = new OutcomeReport.Grouped(List.of(
                new OutcomeReport.Group("=HYPERLINK(\"http://x\",\"y\")", report(1, null, null, null)),
                new OutcomeReport.Group("+1", report(1, null, null, null)),
                new OutcomeReport.Group("-2", report(1, null, null, null)),
                new OutcomeReport.Group("@SUM(A1)", report(1, null, null, null)),
                new OutcomeReport.Group("\t=1", report(1, null, null, null)),
                new OutcomeReport.Group("womento-2025", report(1, null, null, null))));

        List<String> lines = List.of(OutcomeCsv.of(grouped).split("\r\n"));

        assertThat(lines.get(1)).startsWith("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1,");
        assertThat(lines.get(2)).startsWith("'+1,1,");
        assertThat(lines.get(3)).startsWith("'-2,1,");
        assertThat(lines.get(4)).startsWith("'@SUM(A1),1,");
        assertThat(lines.get(5)).startsWith("'\t=1,1,");
        assertThat(lines.get(6)).startsWith("womento-2025,1,");
    }

    @Test
    void numbersArePlainDecimalsNeverExponents() {
        assertThat(OutcomeCsv.number(1.0E-7)).isEqualTo("0.0000001");
        assertThat(OutcomeCsv.number(12345678.0)).isEqualTo("12345678");
        assertThat(OutcomeCsv.number(0.25)).isEqualTo("0.25");
        assertThat(OutcomeCsv.number(null)).isEmpty();
    }

    private static OutcomeReport report(long relationships, Double completionRate, Double median, Double rating) {
        return new OutcomeReport(relationships,
                counts(Stage.class, "STARTED", 1, "AGREED", 0, "IN_PROGRESS", 0, "PAUSED", 0, "CLOSED", 1, "TERMINATED", 1),
                2, 1, 1, completionRate, 0.5,
                counts(TerminationReason.class, "LACK_OF_TIME", 0, "MISMATCH", 0, "LOST_CONTACT", 0, "RELOCATION", 0, "HEALTH_OR_FAMILY", 0,
                        "CHANGE_OF_GOALS", 0, "ORGANISER_DECISION", 0, "OTHER", 1),
                counts(Stage.class, "STARTED", 0, "AGREED", 0, "IN_PROGRESS", 0, "PAUSED", 1),
                counts(Stage.class, "AGREED", 1, "IN_PROGRESS", 1, "CLOSED", 1),
                median, null, rating);
    }

    private static <E extends Enum<E>> Map<E, Long> counts(Class<E> type, Object... keysAndCounts) {
        Map<E, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndCounts.length; i += 2) {
            map.put(Enum.valueOf(type, (String) keysAndCounts[i]), ((Integer) keysAndCounts[i + 1]).longValue());
        }
        return map;
    }
}
