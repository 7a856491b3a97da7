package fi.mentoringledger.query.report;

import java.time.LocalDate;

/**
 * Which relationships a report counts: those of one programme (or all), started within an
 * inclusive range of dates (the intake); null means no limit.
 */
public record ReportFilter(String programmeId, LocalDate startedFrom, LocalDate startedTo) {

    public static ReportFilter all() {
        return new ReportFilter(null, null, null);
    }
}
