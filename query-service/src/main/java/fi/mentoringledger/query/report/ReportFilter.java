package fi.mentoringledger.query.report;

import java.time.LocalDate;
import java.util.Set;

import fi.mentoringledger.query.web.ForbiddenException;
import fi.mentoringledger.security.Caller;

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

    /**
     * The programmes whose reports the caller may read: reports are the organisers' (and admins'),
     * and an organiser's count only their programmes. A mentor or mentee gets none, as the figures of
     * one or two relationships would show the other party's evaluation rating.
     *
     * @return null for an admin (every programme)
     */
    public static Set<String> programmesReadableBy(Caller caller) {
        if (caller.isAdmin()) {
            return null;
        }
        if (caller.isOrganiser()) {
            return caller.programmes();
        }
        throw new ForbiddenException("reports are for organisers and admins");
    }
}
