package fi.mentoringledger.query.report;

import java.time.LocalDate;

/**
 * How a report is split into groups; {@code parameter} is the value of {@code groupBy}. Each key
 * is SQL over a programme and a start month (the first day of it), which the counters and the
 * facts both give: a grouping finer than a month could not be summed from counters.
 */
public enum GroupBy {
    PROGRAMME("programme", "programme_id"),
    START_MONTH("startMonth", "to_char(start_month, 'YYYY-MM')"),
    START_QUARTER("startQuarter", "to_char(start_month, 'YYYY') || '-Q' || to_char(start_month, 'Q')");

    private final String parameter;
    private final String sql;

    GroupBy(String parameter, String sql) {
        this.parameter = parameter;
        this.sql = sql;
    }

    public String parameter() {
        return parameter;
    }

    String keySql() {
        return sql;
    }

    /** The key of a relationship of this programme started on this day (null: none), as {@link #keySql} gives it. */
    public String keyOf(String programmeId, LocalDate startedOn) {
        if (this != PROGRAMME && startedOn == null) {
            return null;
        }
        return switch (this) {
            case PROGRAMME -> programmeId;
            case START_MONTH -> String.format("%04d-%02d", startedOn.getYear(), startedOn.getMonthValue());
            case START_QUARTER -> startedOn.getYear() + "-Q" + ((startedOn.getMonthValue() - 1) / 3 + 1);
        };
    }
}
