package fi.mentoringledger.command.relationship;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.AmendAgreement;
import fi.mentoringledger.api.relationship.CloseRelationship;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.ErasePersonalData;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GroundRules;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.Lifecycle;
import fi.mentoringledger.api.relationship.LifecycleAction;
import fi.mentoringledger.api.relationship.MarkGoalAchieved;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MetadataKeys;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.PauseRelationship;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RaiseConcern;
import fi.mentoringledger.api.relationship.RecordMeeting;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipCommand;
import fi.mentoringledger.api.relationship.RelationshipEvent;
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
import fi.mentoringledger.security.Caller;

/**
 * One mentoring relationship. It decides every change of its stage: a command is checked in this
 * order — who asks ({@link RelationshipAccess}, in {@link #requireAccess}; for a start, then whether
 * it names an erased person), a retry of something already recorded (answered, nothing recorded),
 * the client's expected version, the lifecycle table ({@link LifecycleAction}), the finer rules, the
 * dates — and only then is its one event applied. State changes only in the event sourcing
 * handlers, and the stage as the shared {@link Lifecycle} says. A refusal is a {@link Refusal}.
 */
@Aggregate(cache = "aggregateCache")
class Relationship {

    /** Command names are the commands' class names. */
    private static final String EVERY_COMMAND_BUT_THE_START =
            "(?!fi\\.mentoringledger\\.api\\.relationship\\.StartRelationship$).*";

    @AggregateIdentifier
    private RelationshipId relationshipId;
    private long version;
    private RelationshipStarted start;
    private Lifecycle lifecycle = Lifecycle.NOT_STARTED;
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
     * Who may do what is decided before every handler, except the start's: a start may create the
     * relationship, so there is none yet to ask, and its handler decides who may start.
     */
    @CommandHandlerInterceptor(commandNamePattern = EVERY_COMMAND_BUT_THE_START)
    void requireAccess(RelationshipCommand command, @MetaDataValue(MetadataKeys.CALLER) Caller caller) {
        RelationshipAccess.require(caller, start, command);
    }

    /**
     * Created on demand rather than by a constructor so that a client retrying a start with its
     * own relationship id reaches the existing relationship and gets the same answer.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    RelationshipStatus handle(StartRelationship command, @MetaDataValue(MetadataKeys.CALLER) Caller caller,
            ErasedPeople erasedPeople) {
        RelationshipAccess.requireMayStart(caller, command.programmeId());
        // Only now: whether a person was erased is not every user's to learn.
        for (Person person : List.of(command.mentor(), command.mentee())) {
            if (erasedPeople.isErased(person.id())) {
                throw Refusal.personErased(person.id());
            }
        }
        RelationshipStarted started = new RelationshipStarted(command.relationshipId(), command.programmeId(),
                command.mentor(), command.mentee(), command.language(), command.startedOn());
        if (start != null && !RelationshipAccess.maySee(caller, start)) {
            // The id is taken: the same answer as for another start with other content, and no more.
            throw Refusal.rule("conflicting-retry", stage(), "relationship " + command.relationshipId()
                    + " already exists with different content");
        }
        if (start == null) {
            apply(started);
        } else if (!start.equals(started)) {
            throw Refusal.rule("conflicting-retry", stage(), "relationship " + relationshipId
                    + " already exists with different content");
        }
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(SignAgreement command) {
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.AGREE);
        requireNotBeforeStart("agreedOn", command.agreedOn());
        requireNotBeforeStart("plannedEndOn", command.agreement().plannedEndOn());
        requireNoTextAfterErasure("agreement", textOf(command.agreement()));
        apply(new AgreementSigned(relationshipId, command.agreement(), command.agreedOn()));
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(AmendAgreement command) {
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.AMEND_AGREEMENT);
        requireNotBeforeStart("amendedOn", command.amendedOn());
        requireNotBeforeStart("plannedEndOn", command.agreement().plannedEndOn());
        requireNoTextAfterErasure("agreement", textOf(command.agreement()));
        apply(new AgreementAmended(relationshipId, command.agreement(), command.amendedOn()));
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(RecordMeeting command) {
        MeetingRecorded meeting = new MeetingRecorded(relationshipId, command.meetingId(), command.heldOn(),
                command.durationMinutes(), command.privateNotes(), command.tasks(), command.format());
        if (isRetry(meetings.get(command.meetingId()), meeting, Relationship::withoutPrivateText,
                "meeting " + command.meetingId())) {
            return status();
        }
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.RECORD_MEETING);
        requireNoTextAfterErasure("privateNotes", command.privateNotes());
        requireNoTextAfterErasure("tasks", String.join("", command.tasks() == null ? List.of() : command.tasks()));
        requireNotBeforeStart("heldOn", command.heldOn());
        apply(meeting);
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(MarkGoalAchieved command) {
        GoalAchieved achieved = new GoalAchieved(relationshipId, command.goalId(), command.achievedOn());
        GoalAchieved earlier = achievedGoals.get(command.goalId());
        if (earlier != null && earlier.equals(achieved)) {
            return status();
        }
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.MARK_GOAL_ACHIEVED);
        if (!goalIds.contains(command.goalId())) {
            throw Refusal.unknownPart("goal", command.goalId(), relationshipId);
        }
        if (earlier != null) {
            throw Refusal.rule("goal-already-achieved", stage(), "goal " + command.goalId()
                    + " of relationship " + relationshipId + " was already achieved on " + earlier.achievedOn()
                    + "; each goal is achieved once");
        }
        requireNotBeforeStart("achievedOn", command.achievedOn());
        apply(achieved);
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(RaiseConcern command) {
        ConcernRaised concern = new ConcernRaised(relationshipId, command.concernId(), command.raisedBy(),
                command.description(), command.organiserContacted(), command.raisedOn());
        if (isRetry(concerns.get(command.concernId()), concern, Relationship::withoutPrivateText,
                "concern " + command.concernId())) {
            return status();
        }
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.RAISE_CONCERN);
        requireNoTextAfterErasure("description", command.description());
        requireNotBeforeStart("raisedOn", command.raisedOn());
        apply(concern);
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(ResolveConcern command) {
        ConcernResolved resolved = new ConcernResolved(relationshipId, command.concernId(), command.resolution(),
                command.resolvedOn());
        ConcernResolved earlier = resolvedConcerns.get(command.concernId());
        if (earlier != null && sameFacts(earlier, resolved, Relationship::withoutPrivateText)) {
            return status();
        }
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.RESOLVE_CONCERN);
        requireNoTextAfterErasure("resolution", command.resolution());
        if (!concerns.containsKey(command.concernId())) {
            throw Refusal.unknownPart("concern", command.concernId(), relationshipId);
        }
        if (earlier != null) {
            throw Refusal.rule("concern-already-resolved", stage(), "concern " + command.concernId()
                    + " of relationship " + relationshipId + " was already resolved on " + earlier.resolvedOn());
        }
        requireNotBeforeStart("resolvedOn", command.resolvedOn());
        apply(resolved);
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(PauseRelationship command) {
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.PAUSE);
        requireNotBeforeStart("pausedOn", command.pausedOn());
        requireNoTextAfterErasure("reason", command.reason());
        apply(new RelationshipPaused(relationshipId, command.reason(), command.pausedOn()));
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(ResumeRelationship command) {
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.RESUME);
        requireNotBeforeStart("resumedOn", command.resumedOn());
        apply(new RelationshipResumed(relationshipId, command.resumedOn()));
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(CloseRelationship command) {
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.CLOSE);
        requireNotBeforeStart("closedOn", command.closedOn());
        requireNoTextAfterErasure("summary", command.summary());
        apply(new RelationshipClosed(relationshipId, command.closedOn(), command.summary(), command.continueContact()));
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(TerminateRelationship command) {
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.TERMINATE);
        requireNotBeforeStart("terminatedOn", command.terminatedOn());
        requireNoTextAfterErasure("note", command.note());
        apply(new RelationshipTerminated(relationshipId, command.reason(), command.initiatedBy(), command.note(),
                command.terminatedOn()));
        return status();
    }

    @CommandHandler
    RelationshipStatus handle(SubmitEvaluation command) {
        EvaluationSubmitted evaluation = new EvaluationSubmitted(relationshipId, command.by(), command.rating(),
                command.goalsMet(), command.comments(), command.submittedOn());
        EvaluationSubmitted earlier = evaluations.get(command.by());
        if (earlier != null && sameFacts(earlier, evaluation, Relationship::withoutPrivateText)) {
            return status();
        }
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.SUBMIT_EVALUATION);
        requireNoTextAfterErasure("comments", command.comments());
        if (earlier != null) {
            throw Refusal.rule("evaluation-already-submitted", stage(), "the " + command.by()
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
    RelationshipStatus handle(ErasePersonalData command) {
        Party party = command.personId().equals(start.mentor().id()) ? Party.MENTOR
                : command.personId().equals(start.mentee().id()) ? Party.MENTEE : null;
        if (party == null) {
            throw Refusal.unknownPart("participant", command.personId(), relationshipId);
        }
        if (!erasedParties.contains(party)) {
            apply(new PersonalDataErased(relationshipId, command.personId(), party, command.erasedOn()));
        }
        return status();
    }

    private Stage stage() {
        return lifecycle.stage();
    }

    private RelationshipStatus status() {
        return new RelationshipStatus(relationshipId, stage(), version);
    }

    /** A known client-supplied id: the same facts are a retry, other facts a conflict. */
    private <E extends RelationshipEvent> boolean isRetry(E recorded, E requested, UnaryOperator<E> facts,
            String what) {
        if (recorded == null) {
            return false;
        }
        if (sameFacts(recorded, requested, facts)) {
            return true;
        }
        throw Refusal.rule("conflicting-retry", stage(), what + " of relationship " + relationshipId
                + " was already recorded with different content");
    }

    /**
     * Whether a retry repeats what was recorded, compared without the pair's private text: were the
     * text compared, whoever may act but not read it (an admin) could confirm a guess of it by
     * whether a retry answers 200 or 409. A retry with other private text records nothing.
     */
    private static <E extends RelationshipEvent> boolean sameFacts(E recorded, E requested, UnaryOperator<E> facts) {
        return facts.apply(recorded).equals(facts.apply(requested));
    }

    private static MeetingRecorded withoutPrivateText(MeetingRecorded m) {
        return new MeetingRecorded(m.relationshipId(), m.meetingId(), m.heldOn(), m.durationMinutes(), null,
                m.tasks(), m.format());
    }

    private static ConcernRaised withoutPrivateText(ConcernRaised c) {
        return new ConcernRaised(c.relationshipId(), c.concernId(), c.raisedBy(), null, c.organiserContacted(),
                c.raisedOn());
    }

    private static ConcernResolved withoutPrivateText(ConcernResolved r) {
        return new ConcernResolved(r.relationshipId(), r.concernId(), null, r.resolvedOn());
    }

    private static EvaluationSubmitted withoutPrivateText(EvaluationSubmitted e) {
        return new EvaluationSubmitted(e.relationshipId(), e.by(), e.rating(), e.goalsMet(), null, e.submittedOn());
    }

    private void expectVersion(Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != version) {
            throw Refusal.staleVersion(expectedVersion, version);
        }
    }

    private void requireAllowed(LifecycleAction action) {
        if (!lifecycle.allows(action)) {
            throw Refusal.notAllowedIn(relationshipId, stage(), action);
        }
    }

    /**
     * The pair's text, private or personal (DOMAIN.md, "Confidentiality"), is sealed with both
     * participants' keys; once either was erased it could never be read again, so it is refused
     * rather than silently lost. The facts of the same command may still be recorded without it.
     */
    private void requireNoTextAfterErasure(String field, String text) {
        if (text != null && !text.isBlank() && !erasedParties.isEmpty()) {
            throw Refusal.rule("personal-data-erased", stage(), "the personal data of the "
                    + erasedParties.iterator().next().name().toLowerCase(Locale.ROOT) + " of relationship "
                    + relationshipId + " was erased; " + field + " (text of the pair) can no longer be recorded");
        }
    }

    /** All the free text of an agreement, run together: only whether there is any matters. */
    private static String textOf(Agreement agreement) {
        StringBuilder text = new StringBuilder();
        for (Goal goal : agreement.goals()) {
            text.append(Objects.toString(goal.description(), ""));
            goal.milestones().forEach(text::append);
        }
        GroundRules rules = agreement.groundRules();
        if (rules != null) {
            text.append(Objects.toString(rules.contactChannel(), "")).append(Objects.toString(rules.meetingFrequency(), ""))
                    .append(Objects.toString(rules.preparation(), ""));
        }
        return text.toString();
    }

    private void requireNotBeforeStart(String field, LocalDate date) {
        if (date != null && date.isBefore(start.startedOn())) {
            throw Refusal.invalidDate(field, "must not be before the relationship started on "
                    + start.startedOn() + ", was " + date);
        }
    }

    /** Every event moves the lifecycle (the stage rules are the shared {@link Lifecycle}'s) and the version. */
    private void recorded(RelationshipEvent event, long sequenceNumber) {
        lifecycle = lifecycle.after(event);
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(RelationshipStarted event, @SequenceNumber long sequenceNumber) {
        relationshipId = event.relationshipId();
        start = event;
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(AgreementSigned event, @SequenceNumber long sequenceNumber) {
        replaceGoals(event.agreement().goals());
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(AgreementAmended event, @SequenceNumber long sequenceNumber) {
        replaceGoals(event.agreement().goals());
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(MeetingRecorded event, @SequenceNumber long sequenceNumber) {
        meetings.put(event.meetingId(), event);
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(GoalAchieved event, @SequenceNumber long sequenceNumber) {
        achievedGoals.put(event.goalId(), event);
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(ConcernRaised event, @SequenceNumber long sequenceNumber) {
        concerns.put(event.concernId(), event);
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(ConcernResolved event, @SequenceNumber long sequenceNumber) {
        resolvedConcerns.put(event.concernId(), event);
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(RelationshipPaused event, @SequenceNumber long sequenceNumber) {
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(RelationshipResumed event, @SequenceNumber long sequenceNumber) {
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(RelationshipClosed event, @SequenceNumber long sequenceNumber) {
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(RelationshipTerminated event, @SequenceNumber long sequenceNumber) {
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(EvaluationSubmitted event, @SequenceNumber long sequenceNumber) {
        evaluations.put(event.by(), event);
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(PersonalDataErased event, @SequenceNumber long sequenceNumber) {
        erasedParties.add(event.party());
        recorded(event, sequenceNumber);
    }

    private void replaceGoals(Iterable<Goal> goals) {
        goalIds.clear();
        goals.forEach(goal -> goalIds.add(goal.goalId()));
    }
}
