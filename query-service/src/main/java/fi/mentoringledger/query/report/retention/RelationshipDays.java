package fi.mentoringledger.query.report.retention;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.query.report.Timeline;

/**
 * One relationship's times as retention reads them, in days since its start (by corrected business
 * dates, from its {@link Timeline}); a time it has not reached is null.
 *
 * @param observedDays      for one still open, the days from its start to today: how long it has
 *                          been seen not to terminate (never below 0)
 * @param terminatedAfter   days from the start to the termination; null unless it was terminated
 * @param terminationMonth  the month of the relationship the termination fell in, from 1; null
 *                          unless it was terminated
 * @param daysInStage       for each open stage it has left at least once, the days of its spells
 *                          in that stage that ended; a spell still running is not counted
 */
record RelationshipDays(String programmeId, LocalDate startedOn, Stage stage, int observedDays,
        Integer terminatedAfter, Integer terminationMonth, Integer daysToAgreement, Integer daysToFirstMeeting,
        Map<Stage, Integer> daysInStage) {

    static final List<Stage> OPEN_STAGES = List.of(Stage.STARTED, Stage.AGREED, Stage.IN_PROGRESS, Stage.PAUSED);

    static RelationshipDays of(Timeline timeline, LocalDate today) {
        LocalDate start = timeline.startedOn();
        Integer terminatedAfter = null;
        Integer terminationMonth = null;
        if (timeline.stage() == Stage.TERMINATED) {
            terminatedAfter = days(start, timeline.endedOn());
            terminationMonth = monthOfRelationship(start, timeline.endedOn());
        }
        LocalDate agreedOn = timeline.firstEntered(Stage.AGREED);
        Integer toMeeting = timeline.meetings().isEmpty() ? null : days(start, timeline.meetings().get(0));
        Map<Stage, Integer> inStage = new EnumMap<>(Stage.class);
        List<Timeline.Entered> stages = timeline.stages();
        for (int i = 0; i + 1 < stages.size(); i++) {
            Timeline.Entered spell = stages.get(i);
            if (spell.stage().isOpen()) {
                inStage.merge(spell.stage(), days(spell.on(), stages.get(i + 1).on()), Integer::sum);
            }
        }
        return new RelationshipDays(timeline.programmeId(), start, timeline.stage(), Math.max(0, days(start, today)),
                terminatedAfter, terminationMonth, agreedOn == null ? null : days(start, agreedOn), toMeeting,
                inStage);
    }

    /**
     * The month of the relationship a day falls in: month 1 runs from the start day up to the same
     * day a month later (exclusive), month 2 the month after, and so on. A month later is the same
     * day of the month, or the last day of the month when it has no such day ({@link
     * LocalDate#plusMonths}: 31 January + 1 month is the last day of February), always counted from
     * the start so that short months do not shift the later ones.
     */
    static int monthOfRelationship(LocalDate start, LocalDate day) {
        int month = 1;
        while (!day.isBefore(start.plusMonths(month))) {
            month++;
        }
        return month;
    }

    private static int days(LocalDate from, LocalDate to) {
        return (int) ChronoUnit.DAYS.between(from, to);
    }
}
