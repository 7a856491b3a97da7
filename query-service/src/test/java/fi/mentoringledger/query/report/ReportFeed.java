package fi.mentoringledger.query.report;

import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.ReadModelDatabase;

/** Calls the report projection's handlers with a journey's events, as its processor would. */
final class ReportFeed {

    private final ReadModelDatabase db;
    private final OutcomeProjection projection;

    ReportFeed(ReadModelDatabase db, OutcomeProjection projection) {
        this.db = db;
        this.projection = projection;
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

    /** Events the reports do not count have no handler here, as in the projection. */
    void dispatch(Object event) {
        if (event instanceof RelationshipStarted e) {
            projection.on(e);
        } else if (event instanceof AgreementSigned e) {
            projection.on(e);
        } else if (event instanceof MeetingRecorded e) {
            projection.on(e);
        } else if (event instanceof RelationshipPaused e) {
            projection.on(e);
        } else if (event instanceof RelationshipResumed e) {
            projection.on(e);
        } else if (event instanceof RelationshipClosed e) {
            projection.on(e);
        } else if (event instanceof RelationshipTerminated e) {
            projection.on(e);
        } else if (event instanceof EvaluationSubmitted e) {
            projection.on(e);
        }
    }
}
