package fi.mentoringledger.query.report.retention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.query.report.OutcomeCsv;

/**
 * The retention report as CSV (RFC 4180, CRLF line ends) in long form, one figure a row, so that a
 * spreadsheet's pivot table can lay it out any way:
 * <pre>
 * key, figure, stage, day, month, value
 * </pre>
 * {@code figure} is the path of the JSON field ({@code survival.steps.surviving},
 * {@code timeToAgreement.median}, …); {@code stage}, {@code day} and {@code month} say which entry of
 * a list or map the row is (the open stage of {@code timeInStage}, the day of a survival step or
 * checkpoint, the month of {@code terminationsByMonth}) and are empty for the others. {@code key} is
 * empty for an ungrouped report and for relationships outside any programme; a null figure is an
 * empty {@code value}; numbers are plain decimals, never in exponent form, not rounded.
 */
final class RetentionCsv {

    static final List<String> HEADER = List.of("key", "figure", "stage", "day", "month", "value");
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema SCHEMA = schema();

    private RetentionCsv() {
    }

    static String of(RetentionReport report) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (RetentionReport.Group group : report.groups()) {
            Rows of = new Rows(group.key() == null ? "" : OutcomeCsv.text(group.key()), rows);
            of.add("relationships", null, null, null, group.relationships());
            for (Survival.Step step : group.survival().steps()) {
                of.add("survival.steps.atRisk", null, step.day(), null, step.atRisk());
                of.add("survival.steps.terminated", null, step.day(), null, step.terminated());
                of.add("survival.steps.censored", null, step.day(), null, step.censored());
                of.add("survival.steps.surviving", null, step.day(), null, step.surviving());
            }
            for (Survival.Checkpoint checkpoint : group.survival().at()) {
                of.add("survival.at.atRisk", null, checkpoint.day(), null, checkpoint.atRisk());
                of.add("survival.at.surviving", null, checkpoint.day(), null, checkpoint.surviving());
            }
            of.milestone("timeToAgreement", group.timeToAgreement());
            of.milestone("timeToFirstMeeting", group.timeToFirstMeeting());
            group.timeInStage().forEach((stage, quartiles) -> {
                of.add("timeInStage.count", stage, null, null, quartiles.count());
                of.add("timeInStage.p25", stage, null, null, quartiles.p25());
                of.add("timeInStage.median", stage, null, null, quartiles.median());
                of.add("timeInStage.p75", stage, null, null, quartiles.p75());
            });
            for (RetentionReport.MonthCount month : group.terminationsByMonth()) {
                of.add("terminationsByMonth.terminations", null, null, month.month(), month.terminations());
            }
        }
        try {
            return CSV.writer(SCHEMA).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report could not be written as CSV", e);
        }
    }

    private static CsvSchema schema() {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        HEADER.forEach(schema::addColumn);
        return schema.build();
    }

    private record Rows(String key, List<Map<String, String>> rows) {

        void milestone(String name, RetentionReport.Milestone milestone) {
            add(name + ".count", null, null, null, milestone.count());
            add(name + ".notReached", null, null, null, milestone.notReached());
            add(name + ".p25", null, null, null, milestone.p25());
            add(name + ".median", null, null, null, milestone.median());
            add(name + ".p75", null, null, null, milestone.p75());
        }

        void add(String figure, Stage stage, Integer day, Integer month, Number value) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("key", key);
            row.put("figure", figure);
            row.put("stage", stage == null ? "" : stage.name());
            row.put("day", day == null ? "" : day.toString());
            row.put("month", month == null ? "" : month.toString());
            row.put("value", value == null ? "" : value instanceof Double share ? OutcomeCsv.number(share)
                    : value.toString());
            rows.add(row);
        }
    }
}
