package fi.mentoringledger.query.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import fi.mentoringledger.api.relationship.BusinessDate;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MeetingWithdrawn;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipReopened;
import fi.mentoringledger.api.relationship.RelationshipTerminated;

/**
 * A relationship's history as its corrections say it was (DOMAIN.md, "Corrections"): which events
 * no longer count (a withdrawn meeting or evaluation, an end taken back by a reopening, and the
 * corrections themselves, whose word is applied here instead) and the corrected date of an event.
 * Reports of the past read histories through it, so each knows the same corrections the same way.
 */
public final class CorrectedHistory {

    /** An event that counts, with the day it happened as corrected. */
    public record Dated(RelationshipEvent event, long sequence, LocalDate happenedOn) {
    }

    private final Set<Long> removed = new HashSet<>();
    private final Map<Long, LocalDate> dates = new HashMap<>();
    private final List<Dated> counting = new ArrayList<>();

    private CorrectedHistory() {
    }

    /** The history of these events, in the order they were recorded (those known at some moment). */
    public static CorrectedHistory of(List<Recorded> known) {
        CorrectedHistory history = new CorrectedHistory();
        for (int i = 0; i < known.size(); i++) {
            Recorded recorded = known.get(i);
            RelationshipEvent event = recorded.event();
            List<Recorded> before = known.subList(0, i);
            if (event instanceof MeetingWithdrawn withdrawn) {
                history.removeLast(before, e -> e instanceof MeetingRecorded meeting
                        && meeting.meetingId().equals(withdrawn.meetingId()));
            } else if (event instanceof EvaluationWithdrawn withdrawn) {
                history.removeLast(before, e -> e instanceof EvaluationSubmitted evaluation
                        && evaluation.by() == withdrawn.by());
            } else if (event instanceof RelationshipReopened) {
                history.removeLast(before, e -> e instanceof RelationshipClosed || e instanceof RelationshipTerminated);
            } else if (event instanceof DateCorrected date) {
                history.dates.put(date.correctedVersion(), date.correctedDate());
            } else {
                continue;
            }
            history.removed.add(recorded.sequence());
        }
        for (Recorded recorded : known) {
            if (!history.removed.contains(recorded.sequence())) {
                history.counting.add(new Dated(recorded.event(), recorded.sequence(),
                        history.dates.getOrDefault(recorded.sequence(), BusinessDate.of(recorded.event()))));
            }
        }
        return history;
    }

    /** The events that count, in the order they were recorded. */
    public List<Dated> counting() {
        return counting;
    }

    /** The date a correction gave the event with this sequence number; null if none did. */
    public LocalDate correctedDate(long sequence) {
        return dates.get(sequence);
    }

    private void removeLast(List<Recorded> before, Predicate<RelationshipEvent> which) {
        for (int i = before.size() - 1; i >= 0; i--) {
            if (!removed.contains(before.get(i).sequence()) && which.test(before.get(i).event())) {
                removed.add(before.get(i).sequence());
                return;
            }
        }
    }
}
