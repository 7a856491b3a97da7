package fi.mentoringledger.command.relationship;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.AmendAgreement;
import fi.mentoringledger.api.relationship.CloseRelationship;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.ErasePersonalData;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.MarkGoalAchieved;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.PauseRelationship;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RaiseConcern;
import fi.mentoringledger.api.relationship.RecordMeeting;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.ResolveConcern;
import fi.mentoringledger.api.relationship.ResumeRelationship;
import fi.mentoringledger.api.relationship.SignAgreement;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.StartRelationship;
import fi.mentoringledger.api.relationship.SubmitEvaluation;
import fi.mentoringledger.api.relationship.TerminateRelationship;
import fi.mentoringledger.command.infra.CommandMetadata;
import fi.mentoringledger.security.Caller;

/**
 * One mentoring relationship. It decides every change of its stage: a command is checked in this
 * order — who asks ({@link RelationshipAccess}), a retry of something already recorded (answered,
 * nothing recorded), the client's expected version, the lifecycle table ({@link LifecycleAction}), the finer rules, the dates —
 * and only then is its one event applied. State changes only in the event sourcing handlers.
 */
@Aggregate
class Relationship {

    @AggregateIdentifier
    private RelationshipId relationshipId;
    private long version;
    private RelationshipStarted start;
    private Stage stage;
    private Stage pausedFrom;
    private final Set<String> goalIds = new HashSet<>();
    private final Map<String, GoalAchieved> achievedGoals = new HashMap<>();
    private final Map<String, MeetingRecorded> meetings = new HashMap<>();
    private final Map<String, ConcernRaised> concerns = new HashMap<>();
    private final Map<String, ConcernResolved> resolvedConcerns = new HashMap<>();
    private final Map<Party, EvaluationSubmitted> evaluations = new EnumMap<>(Party.class);
    private final Set<Party> erasedParties = EnumSet.noneOf(Party.class);

    Relationship() {
        // for Axon: an aggregate is rebuilt from its events, or created by the start command
    }

    /**
     * Created on demand rather than by a constructor so that a client retrying a start with its
     * own relationship id reaches the existing relationship and gets the same answer.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    RelationshipStatus handle(StartRelationship command, @MetaDataValue(CommandMetadata.CALLER) Caller caller) {
        RelationshipStarted started = new RelationshipStarted(command.relationshipId(), command.programmeId(),
                command.mentor(), command.mentee(), command.language(), command.startedOn());
        if (start != null && !RelationshipAccess.maySee(caller, start)) {
            // The id is taken: the same answer as for another start with other content, and no more.
            throw new RuleViolationException("conflicting-retry", stage, "relationship " + command.relationshipId()
                    + " already exists with different content");
        }
        RelationshipAccess.requireMayStart(caller, command.programmeId());
        if (start == null) {
            apply(started);
        } else if (!start.equals(started)) {
            throw new RuleViolationException("conflicting-retry", stage, "relationship " + relationshipId
                    + " already exists with different content");
        }
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(SignAgreement command, @MetaDataValue(CommandMetadata.CALLER) Caller caller) {
        RelationshipAccess.require(caller, start, command);
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.AGREE);
        requireNotBeforeStart("agreedOn", command.agreedOn());
        requireNotBeforeStart("plannedEndOn", command.agreement().plannedEndOn());
        apply(new AgreementSigned(relationshipId, command.agreement(), command.agreedOn()));
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(AmendAgreement command, @MetaDataValue(CommandMetadata.CALLER) Caller caller) {
        RelationshipAccess.require(caller, start, command);
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.AMEND_AGREEMENT);
        requireNotBeforeStart("amendedOn", command.amendedOn());
        requireNotBeforeStart("plannedEndOn", command.agreement().plannedEndOn());
        apply(new AgreementAmended(relationshipId, command.agreement(), command.amendedOn()));
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(RecordMeeting command, @MetaDataValue(CommandMetadata.CALLER) Caller caller) {
        RelationshipAccess.require(caller, start, command);
        MeetingRecorded meeting = new MeetingRecorded(relationshipId, command.meetingId(), command.heldOn(),
                command.durationMinutes(), command.privateNotes(), command.tasks(), command.format());
        if (isRetry(meetings.get(command.meetingId()), meeting, "meeting " + command.meetingId())) {
            return status();
        }
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.RECORD_MEETING);
        requireNoPrivateTextAfterErasure("privateNotes", command.privateNotes());
        requireNotBeforeStart("heldOn", command.heldOn());
        apply(meeting);
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(MarkGoalAchieved command, @MetaDataValue(CommandMetadata.CALLER) Caller caller) {
        RelationshipAccess.require(caller, start, command);
        GoalAchieved achieved = new GoalAchieved(relationshipId, command.goalId(), command.achievedOn());
        GoalAchieved earlier = achievedGoals.get(command.goalId());
        if (earlier != null && earlier.equals(achieved)) {
            return status();
        }
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.MARK_GOAL_ACHIEVED);
        if (!goalIds.contains(command.goalId())) {
            throw new UnknownPartException("goal", command.goalId(), relationshipId);
        }
        if (earlier != null) {
            throw new RuleViolationException("goal-already-achieved", stage, "goal " + command.goalId()
                    + " of relationship " + relationshipId + " was already achieved on " + earlier.achievedOn()
                    + "; each goal is achieved once");
        }
        requireNotBeforeStart("achievedOn", command.achievedOn());
        apply(achieved);
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(RaiseConcern command, @MetaDataValue(CommandMetadata.CALLER) Caller caller) {
        RelationshipAccess.require(caller, start, command);
        ConcernRaised concern = new ConcernRaised(relationshipId, command.concernId(), command.raisedBy(),
                command.description(), command.organiserContacted(), command.raisedOn());
        if (isRetry(concerns.get(command.concernId()), concern, "concern " + command.concernId())) {
            return status();
        }
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.RAISE_CONCERN);
        requireNoPrivateTextAfterErasure("description", command.description());
        requireNotBeforeStart("raisedOn", command.raisedOn());
        apply(concern);
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(ResolveConcern command, @MetaDataValue(CommandMetadata.CALLER) Caller caller) {
        RelationshipAccess.require(caller, start, command);
        ConcernResolved resolved = new ConcernResolved(relationshipId, command.concernId(), command.resolution(),
                command.resolvedOn());
        ConcernResolved earlier = resolvedConcerns.get(command.concernId());
        if (earlier != null && sameFacts(earlier, resolved)) {
            return status();
        }
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.RESOLVE_CONCERN);
        requireNoPrivateTextAfterErasure("resolution", command.resolution());
        if (!concerns.containsKey(command.concernId())) {
            throw new UnknownPartException("concern", command.concernId(), relationshipId);
        }
        if (earlier != null) {
            throw new RuleViolationException("concern-already-resolved", stage, "concern " + command.concernId()
                    + " of relationship " + relationshipId + " was already resolved on " + earlier.resolvedOn());
        }
        requireNotBeforeStart("resolvedOn", command.resolvedOn());
        apply(resolved);
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(PauseRelationship command, @MetaDataValue(CommandMetadata.CALLER) Caller caller) {
        RelationshipAccess.require(caller, start, command);
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.PAUSE);
        requireNotBeforeStart("pausedOn", command.pausedOn());
        apply(new RelationshipPaused(relationshipId, command.reason(), command.pausedOn()));
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(ResumeRelationship command, @MetaDataValue(CommandMetadata.CALLER) Caller caller) {
        RelationshipAccess.require(caller, start, command);
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.RESUME);
        requireNotBeforeStart("resumedOn", command.resumedOn());
        apply(new RelationshipResumed(relationshipId, command.resumedOn()));
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(CloseRelationship command, @MetaDataValue(CommandMetadata.CALLER) Caller caller) {
        RelationshipAccess.require(caller, start, command);
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.CLOSE);
        requireNotBeforeStart("closedOn", command.closedOn());
        apply(new RelationshipClosed(relationshipId, command.closedOn(), command.summary(), command.continueContact()));
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(TerminateRelationship command, @MetaDataValue(CommandMetadata.CALLER) Caller caller) {
        RelationshipAccess.require(caller, start, command);
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.TERMINATE);
        requireNotBeforeStart("terminatedOn", command.terminatedOn());
        apply(new RelationshipTerminated(relationshipId, command.reason(), command.initiatedBy(), command.note(),
                command.terminatedOn()));
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(SubmitEvaluation command, @MetaDataValue(CommandMetadata.CALLER) Caller caller) {
        RelationshipAccess.require(caller, start, command);
        EvaluationSubmitted evaluation = new EvaluationSubmitted(relationshipId, command.by(), command.rating(),
                command.goalsMet(), command.comments(), command.submittedOn());
        EvaluationSubmitted earlier = evaluations.get(command.by());
        if (earlier != null && sameFacts(earlier, evaluation)) {
            return status();
        }
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.SUBMIT_EVALUATION);
        requireNoPrivateTextAfterErasure("comments", command.comments());
        if (earlier != null) {
            throw new RuleViolationException("evaluation-already-submitted", stage, "the " + command.by()
                    + " of relationship " + relationshipId + " already submitted an evaluation; each party evaluates once");
        }
        requireNotBeforeStart("submittedOn", command.submittedOn());
        apply(evaluation);
        return status();
    }

    /**
     * Not a lifecycle action: accepted in every stage, the final ones too, and recorded once per
     * participant (erasing again answers as a retry does).
     */
    @CommandHandler
    RelationshipStatus handle(ErasePersonalData command, @MetaDataValue(CommandMetadata.CALLER) Caller caller) {
        RelationshipAccess.require(caller, start, command);
        Party party = command.personId().equals(start.mentor().id()) ? Party.MENTOR
                : command.personId().equals(start.mentee().id()) ? Party.MENTEE : null;
        if (party == null) {
            throw new UnknownPartException("participant", command.personId(), relationshipId);
        }
        if (!erasedParties.contains(party)) {
            apply(new PersonalDataErased(relationshipId, command.personId(), party, command.erasedOn()));
        }
        return status();
    }

    private RelationshipStatus status() {
        return new RelationshipStatus(relationshipId, stage, version);
    }

    /** A known client-supplied id: the same facts are a retry, other facts a conflict. */
    private boolean isRetry(Object recorded, Object requested, String what) {
        if (recorded == null) {
            return false;
        }
        if (sameFacts(recorded, requested)) {
            return true;
        }
        throw new RuleViolationException("conflicting-retry", stage, what + " of relationship " + relationshipId
                + " was already recorded with different content");
    }

    /**
     * Whether a retry repeats what was recorded, compared without the pair's private text: were the
     * text compared, whoever may act but not read it (an admin) could confirm a guess of it by
     * whether a retry answers 200 or 409. A retry with other private text records nothing.
     */
    private static boolean sameFacts(Object recorded, Object requested) {
        return withoutPrivateText(recorded).equals(withoutPrivateText(requested));
    }

    private static Object withoutPrivateText(Object event) {
        if (event instanceof MeetingRecorded m) {
            return new MeetingRecorded(m.relationshipId(), m.meetingId(), m.heldOn(), m.durationMinutes(), null,
                    m.tasks(), m.format());
        }
        if (event instanceof ConcernRaised c) {
            return new ConcernRaised(c.relationshipId(), c.concernId(), c.raisedBy(), null, c.organiserContacted(),
                    c.raisedOn());
        }
        if (event instanceof ConcernResolved r) {
            return new ConcernResolved(r.relationshipId(), r.concernId(), null, r.resolvedOn());
        }
        if (event instanceof EvaluationSubmitted e) {
            return new EvaluationSubmitted(e.relationshipId(), e.by(), e.rating(), e.goalsMet(), null, e.submittedOn());
        }
        return event;
    }

    private void expectVersion(Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != version) {
            throw new StaleVersionException(expectedVersion, version);
        }
    }

    private void requireAllowed(LifecycleAction action) {
        if (!action.isAllowedIn(stage)) {
            throw new ActionNotAllowedException(relationshipId, stage, action);
        }
    }

    /**
     * The pair's private text is sealed with both participants' keys; once either was erased it
     * could never be read again, so it is refused rather than silently lost.
     */
    private void requireNoPrivateTextAfterErasure(String field, String text) {
        if (text != null && !text.isBlank() && !erasedParties.isEmpty()) {
            throw new RuleViolationException("personal-data-erased", stage, "the personal data of the "
                    + erasedParties.iterator().next().name().toLowerCase(Locale.ROOT) + " of relationship "
                    + relationshipId + " was erased; " + field + " (private text of the pair) can no longer be recorded");
        }
    }

    private void requireNotBeforeStart(String field, LocalDate date) {
        if (date != null && date.isBefore(start.startedOn())) {
            throw new InvalidBusinessDateException(field, "must not be before the relationship started on "
                    + start.startedOn() + ", was " + date);
        }
    }

    @EventSourcingHandler
    void on(RelationshipStarted event) {
        relationshipId = event.relationshipId();
        start = event;
        stage = Stage.STARTED;
        version = 0;
    }

    @EventSourcingHandler
    void on(AgreementSigned event, @SequenceNumber long sequenceNumber) {
        replaceGoals(event.agreement().goals());
        stage = Stage.AGREED;
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(AgreementAmended event, @SequenceNumber long sequenceNumber) {
        replaceGoals(event.agreement().goals());
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(MeetingRecorded event, @SequenceNumber long sequenceNumber) {
        meetings.put(event.meetingId(), event);
        if (stage == Stage.AGREED) {
            stage = Stage.IN_PROGRESS;
        }
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(GoalAchieved event, @SequenceNumber long sequenceNumber) {
        achievedGoals.put(event.goalId(), event);
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(ConcernRaised event, @SequenceNumber long sequenceNumber) {
        concerns.put(event.concernId(), event);
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(ConcernResolved event, @SequenceNumber long sequenceNumber) {
        resolvedConcerns.put(event.concernId(), event);
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(RelationshipPaused event, @SequenceNumber long sequenceNumber) {
        pausedFrom = stage;
        stage = Stage.PAUSED;
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(RelationshipResumed event, @SequenceNumber long sequenceNumber) {
        stage = Objects.requireNonNull(pausedFrom, "a resumed relationship was paused from some stage");
        pausedFrom = null;
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(RelationshipClosed event, @SequenceNumber long sequenceNumber) {
        stage = Stage.CLOSED;
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(RelationshipTerminated event, @SequenceNumber long sequenceNumber) {
        stage = Stage.TERMINATED;
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(EvaluationSubmitted event, @SequenceNumber long sequenceNumber) {
        evaluations.put(event.by(), event);
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(PersonalDataErased event, @SequenceNumber long sequenceNumber) {
        erasedParties.add(event.party());
        version = sequenceNumber;
    }

    private void replaceGoals(Iterable<Goal> goals) {
        goalIds.clear();
        goals.forEach(goal -> goalIds.add(goal.goalId()));
    }
}
