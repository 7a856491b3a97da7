package fi.mentoringledger.query.support;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import fi.mentoringledger.api.relationship.BusinessDate;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.query.report.Recorded;

/** A journey's events as the event store would hold them, with times of recording the tests know. */
public final class RecordedJourneys {

    private RecordedJourneys() {
    }

    /**
     * Each event recorded at noon (in the zone) of the day it happened; an event whose day lies
     * before one already recorded (a late entry), and a correction, which has no day of its own, at
     * noon of the day after the event before it.
     */
    public static List<Recorded> onTheirDays(Journey journey, ZoneId zone) {
        List<Recorded> history = new ArrayList<>();
        LocalDate day = null;
        for (int i = 0; i < journey.events.size(); i++) {
            RelationshipEvent event = (RelationshipEvent) journey.events.get(i);
            LocalDate happened = BusinessDate.of(event);
            day = happened != null && (day == null || !happened.isBefore(day)) ? happened : day.plusDays(1);
            history.add(new Recorded(event, i, day.atTime(12, 0).atZone(zone).toInstant()));
        }
        return history;
    }
}
