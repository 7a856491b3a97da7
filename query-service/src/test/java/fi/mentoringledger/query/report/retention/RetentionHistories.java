package fi.mentoringledger.query.report.retention;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import fi.mentoringledger.api.relationship.BusinessDate;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.query.report.Recorded;
import fi.mentoringledger.query.support.Journey;

/** A test journey's events as the event store would hand them to the report, with recording times. */
final class RetentionHistories {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private RetentionHistories() {
    }

    /**
     * Each event recorded at noon of the day it happened; an event whose day lies before one already
     * recorded (a late entry), and a correction, which has no day of its own, at noon of the day
     * after the event before it.
     */
    static List<Recorded> recordedOnTheirDays(Journey journey) {
        List<Recorded> history = new ArrayList<>();
        LocalDate day = null;
        for (int i = 0; i < journey.events.size(); i++) {
            RelationshipEvent event = (RelationshipEvent) journey.events.get(i);
            LocalDate happened = BusinessDate.of(event);
            day = happened != null && (day == null || !happened.isBefore(day)) ? happened : day.plusDays(1);
            history.add(new Recorded(event, i, day.atTime(12, 0).atZone(HELSINKI).toInstant()));
        }
        return history;
    }

    static RelationshipDays daysOf(Journey journey, LocalDate today) {
        return RetentionReports.daysOf(recordedOnTheirDays(journey), today);
    }
}
