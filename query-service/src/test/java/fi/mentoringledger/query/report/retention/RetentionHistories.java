package fi.mentoringledger.query.report.retention;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import fi.mentoringledger.query.report.Recorded;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.RecordedJourneys;

/** A test journey's events as the event store would hand them to the report, with recording times. */
final class RetentionHistories {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private RetentionHistories() {
    }

    /** The journey's events, each recorded at noon of its day in Helsinki (RecordedJourneys). */
    static List<Recorded> recordedOnTheirDays(Journey journey) {
        return RecordedJourneys.onTheirDays(journey, HELSINKI);
    }

    static RelationshipDays daysOf(Journey journey, LocalDate today) {
        return RetentionReports.daysOf(recordedOnTheirDays(journey), today);
    }
}
