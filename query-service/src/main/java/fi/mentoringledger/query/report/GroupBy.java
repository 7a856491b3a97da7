package fi.mentoringledger.query.report;

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
}
