package fi.mentoringledger.query.summary;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The "needs attention" list: open relationships an organiser should check in with, and why.
 *
 * @param agreementDays null when pairs are not listed for a late agreement
 */
public record Attention(List<Item> items, int inactiveDays, int pausedDays, Integer agreementDays) {

    /** Why a relationship is on the list; one relationship may have several reasons. */
    public enum Reason {
        /** A concern is raised and not resolved. */
        OPEN_CONCERN,
        /** Paused for more than {@code pausedDays} days. */
        PAUSED_LONG,
        /** Agreed or in progress, without a meeting for more than {@code inactiveDays} days. */
        NO_RECENT_MEETING,
        /** Started more than {@code agreementDays} days ago and not agreed yet. */
        NO_AGREEMENT
    }

    /** A summary (without goals) and the reasons it needs attention. */
    public record Item(@JsonUnwrapped Summary summary, List<Reason> reasons) {
    }
}
