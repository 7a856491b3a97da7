package fi.mentoringledger.query.report;

import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Projector;
import fi.mentoringledger.query.support.ReadModelDatabase;

/** Calls the report projection's handlers with a journey's events, as its processor would. */
final class ReportFeed {

    private final ReadModelDatabase db;
    private final Projector projector;

    ReportFeed(ReadModelDatabase db, OutcomeProjection projection) {
        this.db = db;
        this.projector = new Projector(projection);
    }

    void feed(Journey... journeys) {
        db.inTransaction(() -> {
            for (Journey journey : journeys) {
                journey.events.forEach(this::dispatch);
            }
        });
    }

    void feed(Iterable<Journey> journeys) {
        db.inTransaction(() -> journeys.forEach(journey -> journey.events.forEach(this::dispatch)));
    }

    /** Events the reports do not count have no handler there, and are passed over as by the processor. */
    void dispatch(Object event) {
        projector.apply(event, 0);
    }
}
