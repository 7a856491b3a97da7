package fi.mentoringledger.query.report.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.report.GroupBy;
import fi.mentoringledger.query.report.ReportFilter;
import fi.mentoringledger.query.support.Journey;

/** The CSV in long form: one figure a row, the entry of a list or map in its own column. */
class RetentionCsvTest {

    private static final LocalDate START = LocalDate.of(2025, 3, 3);
    private static final LocalDate TODAY = START.plusDays(100);

    @Test
    void eachFigureIsOneRowNamedByItsJsonPath() {
        List<RelationshipDays> days = List.of(
                RetentionHistories.daysOf(new Journey("t", "=cmd", START).agree(START.plusDays(2), 1)
                        .terminate(TerminationReason.OTHER, START.plusDays(40)), TODAY),
                RetentionHistories.daysOf(new Journey("o", "=cmd", START), TODAY));
        RetentionReport report = new RetentionReport(TODAY,
                RetentionReports.groups(days, ReportFilter.all(), GroupBy.PROGRAMME));

        String csv = RetentionCsv.of(report);

        assertThat(csv).endsWith("\r\n");
        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("key,figure,stage,day,month,value");
        assertThat(lines).contains(
                "'=cmd,relationships,,,,2",
                "'=cmd,survival.steps.atRisk,,40,,2",
                "'=cmd,survival.steps.terminated,,40,,1",
                "'=cmd,survival.steps.surviving,,40,,0.5",
                "'=cmd,survival.steps.censored,,100,,1",
                "'=cmd,survival.at.atRisk,,90,,1",
                "'=cmd,survival.at.surviving,,90,,0.5",
                "'=cmd,survival.at.surviving,,180,,",
                "'=cmd,timeToAgreement.count,,,,1",
                "'=cmd,timeToAgreement.notReached,,,,1",
                "'=cmd,timeToAgreement.median,,,,2",
                "'=cmd,timeToFirstMeeting.median,,,,",
                "'=cmd,timeInStage.median,AGREED,,,38",
                "'=cmd,timeInStage.count,IN_PROGRESS,,,0",
                "'=cmd,terminationsByMonth.terminations,,,2,1",
                "'=cmd,terminationsByMonth.terminations,,,1,0");
        long stageRows = lines.stream().filter(line -> line.contains(",timeInStage.")).count();
        assertThat(stageRows).isEqualTo(4L * 4);
        assertThat(lines.stream().filter(line -> line.contains(",timeInStage.")).map(line -> line.split(",")[2])
                .distinct()).containsExactly(Stage.STARTED.name(), Stage.AGREED.name(), Stage.IN_PROGRESS.name(),
                        Stage.PAUSED.name());
    }

    @Test
    void anUngroupedReportHasAnEmptyKey() {
        String csv = RetentionCsv.of(new RetentionReport(TODAY, RetentionReports.groups(List.of(), ReportFilter.all(), null)));

        assertThat(csv).startsWith("key,figure,stage,day,month,value\r\n,relationships,,,,0\r\n");
    }
}
