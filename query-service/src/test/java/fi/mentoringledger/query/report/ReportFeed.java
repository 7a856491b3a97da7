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
        feed(java.util.List.of(journeys));
    }

    /** Each journey's events with their sequence numbers (a corrected date names an event by it). */
    void feed(Iterable<Journey> journeys) {
        db.inTransaction(() -> journeys.forEach(journey -> dispatch(journey, 0, journey.events.size())));
    }

    /**
     * The journey's events [from, to), in the caller's transaction. Events the reports do not count
     * have no handler there, and are passed over as by the processor.
     */
    void dispatch(Journey journey, int from, int to) {
        for (int sequence = from; sequence < to; sequence++) {
            projector.apply(journey.events.get(sequence), sequence);
        }
    }
}
