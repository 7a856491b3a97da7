package fi.mentoringledger.command.relationship;

import static fi.mentoringledger.command.relationship.RelationshipTest.ACTION_DAY;
import static fi.mentoringledger.command.relationship.RelationshipTest.ADMIN;
import static fi.mentoringledger.command.relationship.RelationshipTest.CLOSED_EVENT;
import static fi.mentoringledger.command.relationship.RelationshipTest.FIRST_MEETING;
import static fi.mentoringledger.command.relationship.RelationshipTest.ID;
import static fi.mentoringledger.command.relationship.RelationshipTest.MENTEE;
import static fi.mentoringledger.command.relationship.RelationshipTest.MENTEE_ERASED;
import static fi.mentoringledger.command.relationship.RelationshipTest.MENTOR;
import static fi.mentoringledger.command.relationship.RelationshipTest.ORGANISER;
import static fi.mentoringledger.command.relationship.RelationshipTest.OTHER_ORGANISER;
import static fi.mentoringledger.command.relationship.RelationshipTest.PAUSED_EVENT;
import static fi.mentoringledger.command.relationship.RelationshipTest.SIGNED;
import static fi.mentoringledger.command.relationship.RelationshipTest.STARTED_EVENT;
import static fi.mentoringledger.command.relationship.RelationshipTest.STARTED_ON;
import static fi.mentoringledger.command.relationship.RelationshipTest.TERMINATED_EVENT;
import static fi.mentoringledger.command.relationship.RelationshipTest.THE_MENTEE;
import static fi.mentoringledger.command.relationship.RelationshipTest.aboutField;
import static fi.mentoringledger.command.relationship.RelationshipTest.as;
import static fi.mentoringledger.command.relationship.RelationshipTest.refused;
import static fi.mentoringledger.command.relationship.RelationshipTest.refusedIn;
import static fi.mentoringledger.command.relationship.RelationshipTest.violating;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import fi.mentoringledger.api.relationship.CorrectDate;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.GoalsMet;
import fi.mentoringledger.api.relationship.Initiator;
import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MeetingWithdrawn;
import fi.mentoringledger.api.relationship.MetadataKeys;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.PauseRelationship;
import fi.mentoringledger.api.relationship.RecordMeeting;
import fi.mentoringledger.api.relationship.RelationshipReopened;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.ReopenRelationship;
import fi.mentoringledger.api.relationship.ResumeRelationship;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.SubmitEvaluation;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.api.relationship.WithdrawEvaluation;
import fi.mentoringledger.api.relationship.WithdrawMeeting;
import fi.mentoringledger.command.relationship.Refusal.Kind;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Role;

/**
 * DOMAIN.md, "Corrections: never rewrite, always record": the four corrections, in every stage
 * that matters and for every role, each recording one event that names what it corrects.
 */
class CorrectionsTest {

    static final Caller THE_MENTOR = new Caller("aino", Set.of(Role.MENTOR), MENTOR.id(), Set.of());
    static final String REASON = "logged on the wrong relationship";

    /** A second meeting after the agreement, recorded by the mentee. */
    static final MeetingRecorded SECOND_MEETING = new MeetingRecorded(ID, "meeting-2", LocalDate.of(2025, 4, 1), 45,
            null, List.of(), MeetingFormat.REMOTE);
    static final MeetingRecorded MEETING_BEFORE_AGREEING = new MeetingRecorded(ID, "meeting-0",
            LocalDate.of(2025, 3, 5), 30, null, List.of(), MeetingFormat.IN_PERSON);
    static final EvaluationSubmitted MENTEES_EVALUATION = new EvaluationSubmitted(ID, Party.MENTEE, 4, GoalsMet.PARTLY,
            null, LocalDate.of(2025, 9, 5));

    private FixtureConfiguration<Relationship> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Relationship.class);
        fixture.registerInjectableResource((ErasedPeople) person -> false);
    }

    /** The events as recorded: the start by the organiser (no person id), the rest by the mentee. */
    private static List<Object> recordedByTheMentee(Object... events) {
        List<Object> messages = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            MetaData metaData = i == 0 ? MetaData.emptyInstance()
                    : MetaData.with(MetadataKeys.ACTOR_PERSON_ID, MENTEE.id());
            messages.add(new GenericDomainEventMessage<>("Relationship", ID.value(), i, events[i], metaData));
        }
        return messages;
    }

    private static RelationshipStatus status(Stage stage, long version) {
        return new RelationshipStatus(ID, stage, version);
    }

    @Nested
    class WithdrawingAMeeting {

        @Test
        void theOnlyMeetingAfterTheAgreementTakesTheRelationshipBackToAgreed() {
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING)
                    .when(new WithdrawMeeting(ID, FIRST_MEETING.meetingId(), REASON, 2L), as(ADMIN))
                    .expectEvents(new MeetingWithdrawn(ID, FIRST_MEETING.meetingId(), REASON, true))
                    .expectResultMessagePayload(status(Stage.AGREED, 3));
        }

        @Test
        void aMeetingBesideAnotherAfterTheAgreementOrOneBeforeItLeavesTheStage() {
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, SECOND_MEETING)
                    .when(new WithdrawMeeting(ID, FIRST_MEETING.meetingId(), REASON, null), as(ADMIN))
                    .expectEvents(new MeetingWithdrawn(ID, FIRST_MEETING.meetingId(), REASON, false))
                    .expectResultMessagePayload(status(Stage.IN_PROGRESS, 4));
            fixture.given(STARTED_EVENT, MEETING_BEFORE_AGREEING, SIGNED, FIRST_MEETING)
                    .when(new WithdrawMeeting(ID, MEETING_BEFORE_AGREEING.meetingId(), REASON, null), as(ADMIN))
                    .expectEvents(new MeetingWithdrawn(ID, MEETING_BEFORE_AGREEING.meetingId(), REASON, false))
                    .expectResultMessagePayload(status(Stage.IN_PROGRESS, 4));
        }

        @Test
        void pausedAfterItsOnlyMeetingAResumeReturnsToAgreed() {
            MeetingWithdrawn withdrawn = new MeetingWithdrawn(ID, FIRST_MEETING.meetingId(), REASON, true);
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, PAUSED_EVENT)
                    .when(new WithdrawMeeting(ID, FIRST_MEETING.meetingId(), REASON, null), as(ADMIN))
                    .expectEvents(withdrawn)
                    .expectResultMessagePayload(status(Stage.PAUSED, 4));
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, PAUSED_EVENT, withdrawn)
                    .when(new ResumeRelationship(ID, ACTION_DAY, null), as(ADMIN))
                    .expectResultMessagePayload(status(Stage.AGREED, 5));
        }

        @Test
        void aRelationshipThatEndedInProgressOnItsOnlyMeetingIsReopenedFirst() {
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, CLOSED_EVENT)
                    .when(new WithdrawMeeting(ID, FIRST_MEETING.meetingId(), REASON, null), as(ORGANISER))
                    .expectNoEvents()
                    .expectException(violating("meeting-holds-the-end"));
            // Ended before it was in progress: the meeting before the agreement held nothing.
            fixture.given(STARTED_EVENT, MEETING_BEFORE_AGREEING, TERMINATED_EVENT)
                    .when(new WithdrawMeeting(ID, MEETING_BEFORE_AGREEING.meetingId(), REASON, null), as(ORGANISER))
                    .expectEvents(new MeetingWithdrawn(ID, MEETING_BEFORE_AGREEING.meetingId(), REASON, false))
                    .expectResultMessagePayload(status(Stage.TERMINATED, 3));
        }

        @Test
        void anUnknownMeetingIsNotFoundAndWithdrawingAgainIsARetryOrAConflict() {
            MeetingWithdrawn withdrawn = new MeetingWithdrawn(ID, FIRST_MEETING.meetingId(), REASON, true);
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING)
                    .when(new WithdrawMeeting(ID, "meeting-9", REASON, null), as(ADMIN))
                    .expectNoEvents()
                    .expectException(refused(Kind.UNKNOWN));
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, withdrawn)
                    .when(new WithdrawMeeting(ID, FIRST_MEETING.meetingId(), REASON, 2L), as(ADMIN))
                    .expectNoEvents()
                    .expectResultMessagePayload(status(Stage.AGREED, 3));
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, withdrawn)
                    .when(new WithdrawMeeting(ID, FIRST_MEETING.meetingId(), "another reason", null), as(ADMIN))
                    .expectNoEvents()
                    .expectException(violating("conflicting-retry"));
        }

        @Test
        void aParticipantWithdrawsOnlyTheirOwnMeetingAndOnlyWhileItIsOpen() {
            fixture.given(recordedByTheMentee(STARTED_EVENT, SIGNED, FIRST_MEETING))
                    .when(new WithdrawMeeting(ID, FIRST_MEETING.meetingId(), REASON, null), as(THE_MENTEE))
                    .expectEvents(new MeetingWithdrawn(ID, FIRST_MEETING.meetingId(), REASON, true));
            fixture.given(recordedByTheMentee(STARTED_EVENT, SIGNED, FIRST_MEETING))
                    .when(new WithdrawMeeting(ID, FIRST_MEETING.meetingId(), REASON, null), as(THE_MENTOR))
                    .expectNoEvents()
                    .expectException(refused(Kind.FORBIDDEN));
            fixture.given(recordedByTheMentee(STARTED_EVENT, SIGNED, FIRST_MEETING, SECOND_MEETING, CLOSED_EVENT))
                    .when(new WithdrawMeeting(ID, SECOND_MEETING.meetingId(), REASON, null), as(THE_MENTEE))
                    .expectNoEvents()
                    .expectException(refused(Kind.FORBIDDEN));
            fixture.given(recordedByTheMentee(STARTED_EVENT, SIGNED, FIRST_MEETING, SECOND_MEETING, CLOSED_EVENT))
                    .when(new WithdrawMeeting(ID, SECOND_MEETING.meetingId(), REASON, null), as(ORGANISER))
                    .expectEvents(new MeetingWithdrawn(ID, SECOND_MEETING.meetingId(), REASON, false));
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING)
                    .when(new WithdrawMeeting(ID, FIRST_MEETING.meetingId(), REASON, null), as(OTHER_ORGANISER))
                    .expectNoEvents()
                    .expectException(refused(Kind.HIDDEN));
        }

        @Test
        void aStaleVersionOrAnErasedParticipantRecordsNothing() {
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING)
                    .when(new WithdrawMeeting(ID, FIRST_MEETING.meetingId(), REASON, 1L), as(ADMIN))
                    .expectNoEvents()
                    .expectException(refused(Kind.STALE_VERSION));
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, MENTEE_ERASED)
                    .when(new WithdrawMeeting(ID, FIRST_MEETING.meetingId(), REASON, null), as(ADMIN))
                    .expectNoEvents()
                    .expectException(violating("personal-data-erased"));
        }
    }

    @Nested
    class CorrectingADate {

        @Test
        void aMeetingsDateIsCorrectedNamingTheEntryAndBothDates() {
            LocalDate corrected = LocalDate.of(2025, 3, 18);
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING)
                    .when(new CorrectDate(ID, 2, corrected, REASON, 2L), as(ADMIN))
                    .expectEvents(new DateCorrected(ID, 2, "MeetingRecorded", FIRST_MEETING.heldOn(), corrected, REASON))
                    .expectResultMessagePayload(status(Stage.IN_PROGRESS, 3));
        }

        @Test
        void everyDatedFactCanBeCorrectedInEveryStage() {
            RelationshipTerminated terminated = new RelationshipTerminated(ID, TerminationReason.MISMATCH,
                    Initiator.BOTH, null, LocalDate.of(2025, 6, 1));
            List<Object> history = List.of(STARTED_EVENT, SIGNED, FIRST_MEETING, PAUSED_EVENT, terminated);
            for (int version = 0; version < history.size(); version++) {
                List<Object> given = history.subList(0, Math.max(version + 1, 2));
                Object event = history.get(version);
                LocalDate corrected = version == 0 ? STARTED_ON.minusDays(1) : ((LocalDate) switch (version) {
                    case 1 -> SIGNED.agreedOn();
                    case 2 -> FIRST_MEETING.heldOn();
                    case 3 -> PAUSED_EVENT.pausedOn();
                    default -> terminated.terminatedOn();
                }).plusDays(1);
                LocalDate previous = version == 0 ? STARTED_ON : corrected.minusDays(1);
                fixture.given(given)
                        .when(new CorrectDate(ID, version, corrected, REASON, null), as(ORGANISER))
                        .expectEvents(new DateCorrected(ID, version, event.getClass().getSimpleName(), previous,
                                corrected, REASON));
            }
        }

        @Test
        void theCorrectedDateKeepsTheLifecyclesOrder() {
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING)
                    .when(new CorrectDate(ID, 2, STARTED_ON.minusDays(1), REASON, null), as(ADMIN))
                    .expectNoEvents()
                    .expectException(aboutField("correctedDate"));
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING)
                    .when(new CorrectDate(ID, 0, SIGNED.agreedOn().plusDays(1), REASON, null), as(ADMIN))
                    .expectNoEvents()
                    .expectException(aboutField("correctedDate"));
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, SECOND_MEETING, CLOSED_EVENT)
                    .when(new CorrectDate(ID, 3, CLOSED_EVENT.closedOn().plusDays(1), REASON, null), as(ADMIN))
                    .expectNoEvents()
                    .expectException(aboutField("correctedDate"));
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, SECOND_MEETING, CLOSED_EVENT)
                    .when(new CorrectDate(ID, 4, SECOND_MEETING.heldOn().minusDays(1), REASON, null), as(ADMIN))
                    .expectNoEvents()
                    .expectException(aboutField("correctedDate"));
        }

        @Test
        void aStartMovedEarlierLetsLaterActionsUseTheCorrectedStart() {
            LocalDate earlier = STARTED_ON.minusDays(10);
            DateCorrected startCorrected = new DateCorrected(ID, 0, "RelationshipStarted", STARTED_ON, earlier, REASON);
            fixture.given(STARTED_EVENT, startCorrected)
                    .when(new RecordMeeting(ID, "meeting-early", STARTED_ON.minusDays(5), 30, null, List.of(), null, null),
                            as(ADMIN))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void anEntryWithoutABusinessDateIsUnknownAndTheSameDateAgainRecordsNothing() {
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING)
                    .when(new CorrectDate(ID, 7, ACTION_DAY, REASON, null), as(ADMIN))
                    .expectNoEvents()
                    .expectException(refused(Kind.UNKNOWN));
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING)
                    .when(new CorrectDate(ID, 2, FIRST_MEETING.heldOn(), REASON, null), as(ADMIN))
                    .expectNoEvents()
                    .expectResultMessagePayload(status(Stage.IN_PROGRESS, 2));
            MeetingWithdrawn withdrawn = new MeetingWithdrawn(ID, SECOND_MEETING.meetingId(), REASON, false);
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, SECOND_MEETING, withdrawn)
                    .when(new CorrectDate(ID, 3, SECOND_MEETING.heldOn().plusDays(1), REASON, null), as(ADMIN))
                    .expectNoEvents()
                    .expectException(violating("meeting-withdrawn"));
        }

        @Test
        void aParticipantCorrectsOnlyWhatTheyRecordedAndNeverTheStart() {
            LocalDate corrected = FIRST_MEETING.heldOn().plusDays(1);
            fixture.given(recordedByTheMentee(STARTED_EVENT, SIGNED, FIRST_MEETING))
                    .when(new CorrectDate(ID, 2, corrected, REASON, null), as(THE_MENTEE))
                    .expectEvents(new DateCorrected(ID, 2, "MeetingRecorded", FIRST_MEETING.heldOn(), corrected, REASON));
            fixture.given(recordedByTheMentee(STARTED_EVENT, SIGNED, FIRST_MEETING))
                    .when(new CorrectDate(ID, 2, corrected, REASON, null), as(THE_MENTOR))
                    .expectNoEvents()
                    .expectException(refused(Kind.FORBIDDEN));
            fixture.given(recordedByTheMentee(STARTED_EVENT, SIGNED, FIRST_MEETING))
                    .when(new CorrectDate(ID, 0, STARTED_ON.minusDays(1), REASON, null), as(THE_MENTEE))
                    .expectNoEvents()
                    .expectException(refused(Kind.FORBIDDEN));
        }
    }

    @Nested
    class Reopening {

        @Test
        void aClosedRelationshipReopensInProgressAndMayBeEndedAgain() {
            RelationshipReopened reopened = new RelationshipReopened(ID, Stage.IN_PROGRESS, REASON);
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, CLOSED_EVENT)
                    .when(new ReopenRelationship(ID, REASON, 3L), as(ORGANISER))
                    .expectEvents(reopened)
                    .expectResultMessagePayload(status(Stage.IN_PROGRESS, 4));
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, CLOSED_EVENT, reopened)
                    .when(new PauseRelationship(ID, "should have been a pause", ACTION_DAY, null), as(ADMIN))
                    .expectResultMessagePayload(status(Stage.PAUSED, 5));
        }

        @Test
        void aTerminatedRelationshipReopensInTheStageItWasEndedFromAPausedOneStillResumesWhereItWas() {
            fixture.given(STARTED_EVENT, TERMINATED_EVENT)
                    .when(new ReopenRelationship(ID, REASON, null), as(ADMIN))
                    .expectEvents(new RelationshipReopened(ID, Stage.STARTED, REASON));
            RelationshipTerminated whilePaused = new RelationshipTerminated(ID, TerminationReason.LOST_CONTACT,
                    Initiator.ORGANISER, null, LocalDate.of(2025, 7, 1));
            RelationshipReopened reopened = new RelationshipReopened(ID, Stage.PAUSED, REASON);
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, PAUSED_EVENT, whilePaused)
                    .when(new ReopenRelationship(ID, REASON, null), as(ADMIN))
                    .expectEvents(reopened);
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, PAUSED_EVENT, whilePaused, reopened)
                    .when(new ResumeRelationship(ID, ACTION_DAY, null), as(ADMIN))
                    .expectResultMessagePayload(status(Stage.IN_PROGRESS, 6));
        }

        @Test
        void anOpenRelationshipIsNotReopenedAndParticipantsNeverReopen() {
            fixture.given(STARTED_EVENT, SIGNED)
                    .when(new ReopenRelationship(ID, REASON, null), as(ADMIN))
                    .expectNoEvents()
                    .expectException(refusedIn(Stage.AGREED));
            fixture.given(recordedByTheMentee(STARTED_EVENT, SIGNED, FIRST_MEETING, CLOSED_EVENT))
                    .when(new ReopenRelationship(ID, REASON, null), as(THE_MENTEE))
                    .expectNoEvents()
                    .expectException(refused(Kind.FORBIDDEN));
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, CLOSED_EVENT)
                    .when(new ReopenRelationship(ID, REASON, 2L), as(ADMIN))
                    .expectNoEvents()
                    .expectException(refused(Kind.STALE_VERSION));
        }
    }

    @Nested
    class WithdrawingAnEvaluation {

        @Test
        void theEvaluationNoLongerCountsAndThatPartyMayEvaluateAgain() {
            EvaluationWithdrawn withdrawn = new EvaluationWithdrawn(ID, Party.MENTEE, REASON);
            fixture.given(STARTED_EVENT, TERMINATED_EVENT, MENTEES_EVALUATION)
                    .when(new WithdrawEvaluation(ID, Party.MENTEE, REASON, 2L), as(ORGANISER))
                    .expectEvents(withdrawn)
                    .expectResultMessagePayload(status(Stage.TERMINATED, 3));
            fixture.given(STARTED_EVENT, TERMINATED_EVENT, MENTEES_EVALUATION, withdrawn)
                    .when(new SubmitEvaluation(ID, Party.MENTEE, 2, GoalsMet.NOT, null, ACTION_DAY, null), as(ADMIN))
                    .expectEvents(new EvaluationSubmitted(ID, Party.MENTEE, 2, GoalsMet.NOT, null, ACTION_DAY));
        }

        @Test
        void noEvaluationIsUnknownAndWithdrawingAgainIsARetry() {
            EvaluationWithdrawn withdrawn = new EvaluationWithdrawn(ID, Party.MENTEE, REASON);
            fixture.given(STARTED_EVENT, TERMINATED_EVENT, MENTEES_EVALUATION)
                    .when(new WithdrawEvaluation(ID, Party.MENTOR, REASON, null), as(ADMIN))
                    .expectNoEvents()
                    .expectException(refused(Kind.UNKNOWN));
            fixture.given(STARTED_EVENT, TERMINATED_EVENT, MENTEES_EVALUATION, withdrawn)
                    .when(new WithdrawEvaluation(ID, Party.MENTEE, REASON, 2L), as(ADMIN))
                    .expectNoEvents()
                    .expectResultMessagePayload(status(Stage.TERMINATED, 3));
        }

        @Test
        void theParticipantWhoSubmittedItCannotWithdrawItOnceItEnded() {
            fixture.given(recordedByTheMentee(STARTED_EVENT, TERMINATED_EVENT, MENTEES_EVALUATION))
                    .when(new WithdrawEvaluation(ID, Party.MENTEE, REASON, null), as(THE_MENTEE))
                    .expectNoEvents()
                    .expectException(refused(Kind.FORBIDDEN));
        }

        @Test
        void onceReopenedTheRelationshipHasNoEvaluationToWithdrawUntilItEndsAgain() {
            fixture.given(STARTED_EVENT, TERMINATED_EVENT, MENTEES_EVALUATION,
                            new RelationshipReopened(ID, Stage.STARTED, REASON))
                    .when(new WithdrawEvaluation(ID, Party.MENTEE, REASON, null), as(ADMIN))
                    .expectNoEvents()
                    .expectException(refusedIn(Stage.STARTED));
        }
    }
}
