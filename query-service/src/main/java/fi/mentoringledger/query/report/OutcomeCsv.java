package fi.mentoringledger.query.report;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * A report as CSV (RFC 4180, CRLF line ends): a header row, then one row per group — one row
 * only when the report is not grouped. The columns are the JSON fields with the maps flattened
 * as {@code map.KEY}:
 * <pre>
 * key, relationships, byStage.STARTED … byStage.TERMINATED, ended, completed, droppedOut,
 * completionRate, dropOutRate, terminationsByReason.LACK_OF_TIME … terminationsByReason.OTHER,
 * terminationsByStage.STARTED … terminationsByStage.PAUSED, funnel.AGREED, funnel.IN_PROGRESS,
 * funnel.CLOSED, medianDaysToClose, averageMeetingsPerEnded, averageEvaluationRating
 * [, terminationsByCategory.CATEGORY … when re-coded by a {@link ReasonScheme}]
 * </pre>
 * {@code key} is empty for an ungrouped report and for relationships outside any programme; a
 * null figure is an empty field; numbers are plain decimals, never in exponent form, not rounded.
 * The columns are read from the JSON of the same record the API answers with ({@link OutcomeReport}),
 * so the report's shape lives in one place; Jackson's CSV writer quotes what needs it.
 */
public final class OutcomeCsv {

    /** The report's JSON as the API writes it, nulls included: the CSV's columns are its fields. */
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    static final List<String> HEADER = header(null);
    private static final CsvSchema SCHEMA = schema(HEADER);

    private OutcomeCsv() {
    }

    static String of(OutcomeReport report) {
        return of(report, null);
    }

    static String of(OutcomeReport.Grouped grouped) {
        return of(grouped, null);
    }

    /** With a scheme, the report's terminations by category follow as {@code terminationsByCategory.NAME}. */
    static String of(OutcomeReport report, ReasonScheme scheme) {
        return render(List.of(new OutcomeReport.Group(null, report)), scheme);
    }

    static String of(OutcomeReport.Grouped grouped, ReasonScheme scheme) {
        return render(grouped.groups(), scheme);
    }

    private static String render(List<OutcomeReport.Group> groups, ReasonScheme scheme) {
        try {
            return CSV.writer(scheme == null ? SCHEMA : schema(header(scheme)))
                    .writeValueAsString(groups.stream().map(OutcomeCsv::flatten).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report could not be written as CSV", e);
        }
    }

    /** The columns: the fields of a report of nothing, re-coded by the scheme if there is one. */
    static List<String> header(ReasonScheme scheme) {
        OutcomeReport empty = scheme == null ? empty() : empty().recodedBy(scheme);
        return List.copyOf(flatten(new OutcomeReport.Group(null, empty)).keySet());
    }

    private static CsvSchema schema(List<String> header) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        header.forEach(schema::addColumn);
        return schema.build();
    }

    /** One group as its JSON fields, the maps' entries as {@code map.KEY}, each written as its cell. */
    private static Map<String, String> flatten(OutcomeReport.Group group) {
        Map<String, String> cells = new LinkedHashMap<>();
        flatten("", JSON.valueToTree(group), cells);
        return cells;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> cells) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> flatten(prefix + field.getKey() + ".", field.getValue(), cells));
            return;
        }
        String column = prefix.substring(0, prefix.length() - 1);
        cells.put(column, node.isNull() ? "" : node.isFloatingPointNumber() ? number(node.doubleValue())
                : node.isNumber() ? node.asText() : text(node.asText()));
    }

    /** A report of nothing, whose fields name the columns: every map holds all its keys, as reports do. */
    private static OutcomeReport empty() {
        Map<Stage, Long> byStage = zeros(Arrays.asList(Stage.values()));
        Map<TerminationReason, Long> byReason = new EnumMap<>(TerminationReason.class);
        Arrays.stream(TerminationReason.values()).forEach(reason -> byReason.put(reason, 0L));
        return new OutcomeReport(0, byStage, 0, 0, 0, null, null, byReason, zeros(OutcomeReports.OPEN_STAGES),
                zeros(OutcomeReports.FUNNEL), null, null, null);
    }

    private static Map<Stage, Long> zeros(List<Stage> stages) {
        Map<Stage, Long> zeros = new EnumMap<>(Stage.class);
        stages.forEach(stage -> zeros.put(stage, 0L));
        return zeros;
    }

    public static String number(Double value) {
        return value == null ? "" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * Text that a spreadsheet would take for a formula (= + - @, or a tab or carriage return before
     * one) is written with a leading apostrophe, the spreadsheets' own mark of "this is text".
     * Programme ids are checked when recorded now, but older events may hold anything.
     */
    public static String text(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
