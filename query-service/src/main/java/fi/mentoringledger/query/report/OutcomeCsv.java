package fi.mentoringledger.query.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * </pre>
 * {@code key} is empty for an ungrouped report and for relationships outside any programme; a
 * null figure is an empty field; numbers are plain decimals, never in exponent form, not rounded.
 */
final class OutcomeCsv {

    static final List<String> HEADER = header();

    private OutcomeCsv() {
    }

    static String of(OutcomeReport report) {
        return render(List.of(new OutcomeReport.Group(null, report)));
    }

    static String of(OutcomeReport.Grouped grouped) {
        return render(grouped.groups());
    }

    private static String render(List<OutcomeReport.Group> groups) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        for (OutcomeReport.Group group : groups) {
            line(csv, row(group));
        }
        return csv.toString();
    }

    private static List<String> header() {
        List<String> columns = new ArrayList<>(List.of("key", "relationships"));
        for (Stage stage : Stage.values()) {
            columns.add("byStage." + stage.name());
        }
        columns.addAll(List.of("ended", "completed", "droppedOut", "completionRate", "dropOutRate"));
        for (TerminationReason reason : TerminationReason.values()) {
            columns.add("terminationsByReason." + reason.name());
        }
        for (Stage stage : OutcomeReports.OPEN_STAGES) {
            columns.add("terminationsByStage." + stage.name());
        }
        for (Stage stage : OutcomeReports.FUNNEL) {
            columns.add("funnel." + stage.name());
        }
        columns.addAll(List.of("medianDaysToClose", "averageMeetingsPerEnded", "averageEvaluationRating"));
        return List.copyOf(columns);
    }

    private static List<String> row(OutcomeReport.Group group) {
        OutcomeReport r = group.figures();
        List<String> fields = new ArrayList<>();
        fields.add(group.key() == null ? "" : text(group.key()));
        fields.add(Long.toString(r.relationships()));
        values(fields, r.byStage(), Stage.values());
        fields.add(Long.toString(r.ended()));
        fields.add(Long.toString(r.completed()));
        fields.add(Long.toString(r.droppedOut()));
        fields.add(number(r.completionRate()));
        fields.add(number(r.dropOutRate()));
        values(fields, r.terminationsByReason(), TerminationReason.values());
        values(fields, r.terminationsByStage(), OutcomeReports.OPEN_STAGES.toArray(Stage[]::new));
        values(fields, r.funnel(), OutcomeReports.FUNNEL.toArray(Stage[]::new));
        fields.add(number(r.medianDaysToClose()));
        fields.add(number(r.averageMeetingsPerEnded()));
        fields.add(number(r.averageEvaluationRating()));
        return fields;
    }

    private static void values(List<String> fields, Map<String, Long> counts, Enum<?>[] keys) {
        for (Enum<?> key : keys) {
            fields.add(Long.toString(counts.getOrDefault(key.name(), 0L)));
        }
    }

    static String number(Double value) {
        return value == null ? "" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quoted(fields.get(i)));
        }
        csv.append("\r\n");
    }

    /**
     * Text that a spreadsheet would take for a formula (= + - @, or a tab or carriage return before
     * one) is written with a leading apostrophe, the spreadsheets' own mark of "this is text".
     * Programme ids are checked when recorded now, but older events may hold anything.
     */
    static String text(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String quoted(String field) {
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
