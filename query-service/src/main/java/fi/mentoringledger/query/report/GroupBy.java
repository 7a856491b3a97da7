package fi.mentoringledger.query.report;

/** How a report is split into groups; {@code parameter} is the value of {@code groupBy}. */
public enum GroupBy {
    PROGRAMME("programme", "programme_id"),
    START_MONTH("startMonth", "to_char(started_on, 'YYYY-MM')"),
    START_QUARTER("startQuarter", "to_char(started_on, 'YYYY') || '-Q' || to_char(started_on, 'Q')");

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
