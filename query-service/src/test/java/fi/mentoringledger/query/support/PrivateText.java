package fi.mentoringledger.query.support;

import java.util.Optional;

import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MeetingWithdrawn;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipReopened;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;

/**
 * The field of an event that holds the pair's private text, and what it says: a meeting's notes, a
 * concern's description and its resolution (private unless the concern was addressed to the
 * organiser, which the caller checks), an evaluation's comments. Written down here for the tests,
 * not read from the code under test; one method per event type, so that a new event type must say
 * whether it has one.
 *
 * @param field the field's name in the event and in the API's answers
 * @param text  null when the pair wrote nothing
 */
public record PrivateText(String field, String text) {

    /** The event's private text, empty for the events without one. */
    public static Optional<PrivateText> of(Object event) {
        return ((RelationshipEvent) event).accept(Fields.INSTANCE);
    }

    private enum Fields implements RelationshipEvent.Visitor<Optional<PrivateText>> {
        INSTANCE;

        @Override
        public Optional<PrivateText> visit(MeetingRecorded e) {
            return Optional.of(new PrivateText("privateNotes", e.privateNotes()));
        }

        @Override
        public Optional<PrivateText> visit(ConcernRaised e) {
            return Optional.of(new PrivateText("description", e.description()));
        }

        @Override
        public Optional<PrivateText> visit(ConcernResolved e) {
            return Optional.of(new PrivateText("resolution", e.resolution()));
        }

        @Override
        public Optional<PrivateText> visit(EvaluationSubmitted e) {
            return Optional.of(new PrivateText("comments", e.comments()));
        }

        @Override
        public Optional<PrivateText> visit(RelationshipStarted e) {
            return Optional.empty();
        }

        @Override
        public Optional<PrivateText> visit(AgreementSigned e) {
            return Optional.empty();
        }

        @Override
        public Optional<PrivateText> visit(AgreementAmended e) {
            return Optional.empty();
        }

        @Override
        public Optional<PrivateText> visit(GoalAchieved e) {
            return Optional.empty();
        }

        @Override
        public Optional<PrivateText> visit(RelationshipPaused e) {
            return Optional.empty();
        }

        @Override
        public Optional<PrivateText> visit(RelationshipResumed e) {
            return Optional.empty();
        }

        @Override
        public Optional<PrivateText> visit(RelationshipClosed e) {
            return Optional.empty();
        }

        @Override
        public Optional<PrivateText> visit(RelationshipTerminated e) {
            return Optional.empty();
        }

        @Override
        public Optional<PrivateText> visit(PersonalDataErased e) {
            return Optional.empty();
        }

        /** A correction's reason is personal data, not the pair's private text. */
        @Override
        public Optional<PrivateText> visit(MeetingWithdrawn e) {
            return Optional.empty();
        }

        /** A correction's reason is personal data, not the pair's private text. */
        @Override
        public Optional<PrivateText> visit(DateCorrected e) {
            return Optional.empty();
        }

        /** A correction's reason is personal data, not the pair's private text. */
        @Override
        public Optional<PrivateText> visit(RelationshipReopened e) {
            return Optional.empty();
        }

        /** A correction's reason is personal data, not the pair's private text. */
        @Override
        public Optional<PrivateText> visit(EvaluationWithdrawn e) {
            return Optional.empty();
        }
    }
}
