package fi.mentoringledger.query.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * The columns of {@code outcome_counter} and what one row of {@code outcome_fact} adds to each:
 * the projection adds a relationship's new row and takes away its old one, and a report adds the
 * facts of partly covered months in the same shape. One list, so the two can never disagree.
 */
final class OutcomeCounters {

    /** A counter column and its value for one fact row, as SQL over that row's columns. */
    record Column(String name, String ofFact) {
    }

    static final List<Column> COLUMNS = columns();

    private OutcomeCounters() {
    }

    static String column(String prefix, Enum<?> value) {
        return prefix + value.name().toLowerCase(Locale.ROOT);
    }

    private static List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("relationships", "1"));
        for (Stage stage : Stage.values()) {
            columns.add(new Column(column("stage_", stage), when("stage = '" + stage.name() + "'")));
        }
        for (TerminationReason reason : TerminationReason.values()) {
            columns.add(new Column(column("reason_", reason), when("termination_reason = '" + reason.name() + "'")));
        }
        for (Stage stage : Arrays.stream(Stage.values()).filter(Stage::isOpen).toList()) {
            columns.add(new Column(column("terminated_in_", stage), when("terminated_in_stage = '" + stage.name() + "'")));
        }
        columns.add(new Column("reached_agreed", when("reached_agreed")));
        columns.add(new Column("reached_in_progress", when("reached_in_progress")));
        columns.add(new Column("reached_closed", when("reached_closed")));
        columns.add(new Column("ended_meetings",
                "CASE WHEN stage IN ('CLOSED', 'TERMINATED') THEN meeting_count ELSE 0 END"));
        columns.add(new Column("rating_sum", "rating_sum"));
        columns.add(new Column("rating_count", "rating_count"));
        return List.copyOf(columns);
    }

    private static String when(String condition) {
        return "CASE WHEN " + condition + " THEN 1 ELSE 0 END";
    }
}
