package fi.mentoringledger.query.report;

import java.time.LocalDate;
import java.util.Set;

/**
 * Which relationships a report counts: those of one programme (or all), started within an
 * inclusive range of dates (the intake); null means no limit. {@code visibleProgrammes} limits
 * the report to the programmes its reader organises (null: every programme, for an admin).
 */
public record ReportFilter(String programmeId, LocalDate startedFrom, LocalDate startedTo,
        Set<String> visibleProgrammes) {

    public ReportFilter(String programmeId, LocalDate startedFrom, LocalDate startedTo) {
        this(programmeId, startedFrom, startedTo, null);
    }

    public static ReportFilter all() {
        return new ReportFilter(null, null, null);
    }
}
