package fi.mentoringledger.query.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * The columns of {@code outcome_counter} and what one row of {@code outcome_fact} adds to each,
 * said twice side by side: in Java, for the projection, which adds a relationship's new row and
 * takes away its old one; and in SQL, for a report, which adds the facts of partly covered months
 * in the same shape. {@code OutcomeCountersTest} holds the two to the same figures.
 */
final class OutcomeCounters {

    /** A counter column and its value for one fact row: as SQL over that row's columns, and in Java. */
    record Column(String name, String ofFact, ToLongFunction<OutcomeFact> of) {
    }

    static final List<Column> COLUMNS = columns();

    private OutcomeCounters() {
    }

    static String column(String prefix, Enum<?> value) {
        return prefix + value.name().toLowerCase(Locale.ROOT);
    }

    private static List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("relationships", "1", fact -> 1));
        for (Stage stage : Stage.values()) {
            columns.add(new Column(column("stage_", stage), when("stage = '" + stage.name() + "'"),
                    fact -> one(fact.stage() == stage)));
        }
        for (TerminationReason reason : TerminationReason.values()) {
            columns.add(new Column(column("reason_", reason), when("termination_reason = '" + reason.name() + "'"),
                    fact -> one(fact.terminationReason() == reason)));
        }
        for (Stage stage : Arrays.stream(Stage.values()).filter(Stage::isOpen).toList()) {
            columns.add(new Column(column("terminated_in_", stage), when("terminated_in_stage = '" + stage.name() + "'"),
                    fact -> one(fact.terminatedInStage() == stage)));
        }
        columns.add(new Column("reached_agreed", when("reached_agreed"), fact -> one(fact.reachedAgreed())));
        columns.add(new Column("reached_in_progress", when("reached_in_progress"),
                fact -> one(fact.reachedInProgress())));
        columns.add(new Column("reached_closed", when("reached_closed"), fact -> one(fact.reachedClosed())));
        columns.add(new Column("ended_meetings",
                "CASE WHEN stage IN ('CLOSED', 'TERMINATED') THEN meeting_count ELSE 0 END",
                fact -> fact.ended() ? fact.meetingCount() : 0));
        columns.add(new Column("rating_sum", "rating_sum", OutcomeFact::ratingSum));
        columns.add(new Column("rating_count", "rating_count", OutcomeFact::ratingCount));
        return List.copyOf(columns);
    }

    private static String when(String condition) {
        return "CASE WHEN " + condition + " THEN 1 ELSE 0 END";
    }

    private static long one(boolean counted) {
        return counted ? 1 : 0;
    }
}
