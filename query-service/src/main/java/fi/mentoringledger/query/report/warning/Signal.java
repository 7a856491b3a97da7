package fi.mentoringledger.query.report.warning;

import java.util.List;

/**
 * A needs-attention signal, with the thresholds the back-test tries for it (issue 15: from two weeks
 * to three months; an open concern from the day it is raised).
 */
public enum Signal {
    /** Agreed or in progress, and more than N days since the later of the agreement and the last meeting. */
    NO_RECENT_MEETING(List.of(14, 21, 30, 45, 60, 90)),
    /** Paused for more than N days. */
    PAUSED_LONG(List.of(14, 30, 45, 60, 90)),
    /** A concern addressed to the organiser, open for N days (0: from the day it is raised). */
    OPEN_CONCERN(List.of(0, 7, 14, 30)),
    /** Still not agreed more than N days after the start. */
    NO_AGREEMENT(List.of(7, 14, 30, 60));

    private final List<Integer> thresholds;

    Signal(List<Integer> thresholds) {
        this.thresholds = thresholds;
    }

    /** In ascending order. */
    public List<Integer> thresholds() {
        return thresholds;
    }
}
