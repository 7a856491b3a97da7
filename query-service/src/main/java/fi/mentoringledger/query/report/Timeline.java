package fi.mentoringledger.query.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.Lifecycle;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * One relationship's path through its stages by business dates, as its corrections say it went:
 * what reports of time (how long pairs stay, when they drop out, which signs came first) read.
 *
 * @param stages             each stage it entered, in order, from the day it entered it (the first
 *                           is STARTED on the start day); a later entry never starts before an
 *                           earlier one, so an entry lasts until the next
 * @param meetings           the days of the meetings that count, in order
 * @param organiserConcerns  the concerns addressed to the organiser (the pair's own are theirs alone)
 * @param terminationReason  null unless it ended early
 */
public record Timeline(String relationshipId, String programmeId, LocalDate startedOn, List<Entered> stages,
        List<LocalDate> meetings, List<Concern> organiserConcerns, TerminationReason terminationReason) {

    /** A stage, entered on a day. */
    public record Entered(Stage stage, LocalDate on) {
    }

    /** A concern raised on a day, resolved on another (null: still open). */
    public record Concern(LocalDate raisedOn, LocalDate resolvedOn) {
    }

    /** The timeline of a corrected history; null if it has no start. */
    public static Timeline of(CorrectedHistory history) {
        Lifecycle lifecycle = Lifecycle.NOT_STARTED;
        RelationshipStarted start = null;
        List<Entered> stages = new ArrayList<>();
        List<LocalDate> meetings = new ArrayList<>();
        Map<String, LocalDate> raised = new HashMap<>();
        Map<String, LocalDate> resolved = new HashMap<>();
        TerminationReason reason = null;
        for (CorrectedHistory.Dated dated : history.counting()) {
            LocalDate day = dated.happenedOn();
            RelationshipEvent event = dated.event();
            if (event instanceof RelationshipStarted started) {
                start = started;
            } else if (event instanceof MeetingRecorded) {
                meetings.add(day);
            } else if (event instanceof ConcernRaised concern && concern.organiserContacted()) {
                raised.put(concern.concernId(), day);
            } else if (event instanceof ConcernResolved concern) {
                resolved.put(concern.concernId(), day);
            } else if (event instanceof RelationshipTerminated terminated) {
                reason = terminated.reason();
            }
            Lifecycle next = lifecycle.after(dated.event());
            if (next.stage() != lifecycle.stage()) {
                LocalDate previous = stages.isEmpty() ? day : stages.get(stages.size() - 1).on();
                stages.add(new Entered(next.stage(), day == null || day.isBefore(previous) ? previous : day));
            }
            lifecycle = next;
        }
        if (start == null) {
            return null;
        }
        if (lifecycle.stage() != Stage.TERMINATED) {
            reason = null;
        }
        meetings.sort(null);
        List<Concern> concerns = raised.entrySet().stream()
                .map(concern -> new Concern(concern.getValue(), resolved.get(concern.getKey())))
                .sorted((a, b) -> a.raisedOn().compareTo(b.raisedOn())).toList();
        return new Timeline(start.relationshipId().value(), start.programmeId(), stages.get(0).on(),
                List.copyOf(stages), List.copyOf(meetings), concerns, reason);
    }

    /** The stage it is in now: the last one entered. */
    public Stage stage() {
        return stages.get(stages.size() - 1).stage();
    }

    /** The day it closed or was terminated; null while open. */
    public LocalDate endedOn() {
        return stage().isOpen() ? null : stages.get(stages.size() - 1).on();
    }

    /** The stage it was in on that day (null before the start). */
    public Stage stageOn(LocalDate day) {
        Stage stage = null;
        for (Entered entered : stages) {
            if (entered.on().isAfter(day)) {
                break;
            }
            stage = entered.stage();
        }
        return stage;
    }

    /** The first day it entered the stage; null if it never did. */
    public LocalDate firstEntered(Stage stage) {
        return stages.stream().filter(entered -> entered.stage() == stage).map(Entered::on).findFirst().orElse(null);
    }
}
