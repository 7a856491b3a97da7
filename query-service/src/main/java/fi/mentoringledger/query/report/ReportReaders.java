package fi.mentoringledger.query.report;

import java.util.Set;

import fi.mentoringledger.query.web.ForbiddenException;
import fi.mentoringledger.security.Caller;

/** Who reads reports, and of which programmes: one rule for every report. */
public final class ReportReaders {

    private ReportReaders() {
    }

    /**
     * Reports are the organisers' (and admins'): an organiser's count only their programmes (null:
     * every programme, for an admin). A mentor or mentee gets none, as the figures of one or two
     * relationships would show the other party's evaluation rating.
     */
    public static Set<String> visibleProgrammes(Caller caller) {
        if (caller.isAdmin()) {
            return null;
        }
        if (caller.isOrganiser()) {
            return caller.programmes();
        }
        throw new ForbiddenException("reports are for organisers and admins");
    }
}
