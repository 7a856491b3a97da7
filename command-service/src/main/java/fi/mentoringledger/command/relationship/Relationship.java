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
import fi.mentoringledger.api.relationship.CorrectDate;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.ErasePersonalData;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.GroundRules;
import fi.mentoringledger.api.relationship.Lifecycle;
import fi.mentoringledger.api.relationship.LifecycleAction;
import fi.mentoringledger.api.relationship.MarkGoalAchieved;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MeetingWithdrawn;
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
import fi.mentoringledger.api.relationship.RelationshipReopened;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.ReopenRelationship;
import fi.mentoringledger.api.relationship.ResolveConcern;
import fi.mentoringledger.api.relationship.ResumeRelationship;
import fi.mentoringledger.api.relationship.SignAgreement;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.StartRelationship;
import fi.mentoringledger.api.relationship.SubmitEvaluation;
import fi.mentoringledger.api.relationship.TerminateRelationship;
import fi.mentoringledger.api.relationship.WithdrawEvaluation;
import fi.mentoringledger.api.relationship.WithdrawMeeting;
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

    // What corrections need (DOMAIN.md, "Corrections"): the dates as corrected, who recorded what,
    // what was withdrawn, and where the relationship was when it ended.
    /** The start date as it stands: a correction may move it (the start event stays, for retries). */
    private LocalDate startedOn;
    /** Every event with a business date, by its version: what it is, its date as corrected, who recorded it. */
    private final Map<Long, Dated> dated = new HashMap<>();
    private final Map<String, Long> meetingVersions = new HashMap<>();
    /** Withdrawn meetings and evaluations, with the reason given: withdrawing again is a retry. */
    private final Map<String, String> withdrawnMeetings = new HashMap<>();
    private final Map<Party, String> withdrawnEvaluations = new EnumMap<>(Party.class);
    private final Map<Party, String> evaluationRecordedBy = new EnumMap<>(Party.class);
    private Long agreedAt;
    private Long endedAt;
    private Stage endedFrom;

    /** An event's business date and who recorded it (their person id; null for staff or older events). */
    private record Dated(String event, LocalDate on, String recordedBy) {

        Dated on(LocalDate corrected) {
            return new Dated(event, corrected, recordedBy);
        }

        boolean is(Class<? extends RelationshipEvent> type) {
            return event.equals(type.getSimpleName());
        }
    }

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

    /**
     * A meeting recorded by mistake no longer counts. When it was the one that put the relationship
     * in progress, and no meeting after the agreement remains, the relationship is back to AGREED
     * (paused: a resume returns there), as if recorded right the first time; one that ended in
     * progress is reopened first, since it could not have ended so without that meeting.
     */
    @CommandHandler
    RelationshipStatus handle(WithdrawMeeting command, @MetaDataValue(MetadataKeys.CALLER) Caller caller) {
        Long meetingVersion = meetingVersions.get(command.meetingId());
        if (meetingVersion == null) {
            throw Refusal.unknownPart("meeting", command.meetingId(), relationshipId);
        }
        requireMayCorrect(caller, dated.get(meetingVersion).recordedBy(), "meeting " + command.meetingId());
        String withdrawnFor = withdrawnMeetings.get(command.meetingId());
        if (withdrawnFor != null) {
            if (withdrawnFor.equals(command.reason())) {
                return status();
            }
            throw Refusal.rule("conflicting-retry", stage(), "meeting " + command.meetingId() + " of relationship "
                    + relationshipId + " was already withdrawn with another reason");
        }
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.WITHDRAW_MEETING);
        requireNoTextAfterErasure("reason", command.reason());
        boolean heldTheStage = agreedAt != null && meetingVersion > agreedAt
                && meetingVersions.entrySet().stream().noneMatch(other -> !other.getKey().equals(command.meetingId())
                        && !withdrawnMeetings.containsKey(other.getKey()) && other.getValue() > agreedAt);
        boolean endedInProgress = stage() == Stage.CLOSED || stage() == Stage.TERMINATED
                && (endedFrom == Stage.IN_PROGRESS || endedFrom == Stage.PAUSED && lifecycle.pausedFrom() == Stage.IN_PROGRESS);
        if (heldTheStage && endedInProgress) {
            throw Refusal.rule("meeting-holds-the-end", stage(), "meeting " + command.meetingId() + " is the only one after "
                    + "the agreement of relationship " + relationshipId + ", which ended in progress: reopen it first");
        }
        boolean inProgress = stage() == Stage.IN_PROGRESS
                || stage() == Stage.PAUSED && lifecycle.pausedFrom() == Stage.IN_PROGRESS;
        apply(new MeetingWithdrawn(relationshipId, command.meetingId(), command.reason(), heldTheStage && inProgress));
        return status();
    }

    /**
     * An event's business date was wrong. The corrected date must keep the lifecycle's order: nothing
     * before the start, no meeting after the end, no end before the last meeting.
     */
    @CommandHandler
    RelationshipStatus handle(CorrectDate command, @MetaDataValue(MetadataKeys.CALLER) Caller caller) {
        Dated fact = dated.get(command.correctedVersion());
        if (fact == null) {
            throw Refusal.unknownPart("dated event at version", String.valueOf(command.correctedVersion()),
                    relationshipId);
        }
        requireMayCorrect(caller, fact.recordedBy(), fact.event() + " at version " + command.correctedVersion());
        if (fact.on().equals(command.correctedDate())) {
            return status();
        }
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.CORRECT_DATE);
        if (fact.is(MeetingRecorded.class) && withdrawnMeetings.containsKey(meetingIdAt(command.correctedVersion()))) {
            throw Refusal.rule("meeting-withdrawn", stage(), "the meeting at version " + command.correctedVersion()
                    + " of relationship " + relationshipId + " was withdrawn; its date no longer counts");
        }
        requireNoTextAfterErasure("reason", command.reason());
        requireInLifecycleOrder(command.correctedVersion(), fact, command.correctedDate());
        apply(new DateCorrected(relationshipId, command.correctedVersion(), fact.event(), fact.on(),
                command.correctedDate(), command.reason()));
        return status();
    }

    /** Ended by mistake: open again in the stage it was ended from. */
    @CommandHandler
    RelationshipStatus handle(ReopenRelationship command, @MetaDataValue(MetadataKeys.CALLER) Caller caller) {
        requireMayCorrect(caller, null, "the end");
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.REOPEN);
        requireNoTextAfterErasure("reason", command.reason());
        apply(new RelationshipReopened(relationshipId, endedFrom, command.reason()));
        return status();
    }

    /** Submitted for the wrong party or relationship: it no longer counts, and that party may evaluate again. */
    @CommandHandler
    RelationshipStatus handle(WithdrawEvaluation command, @MetaDataValue(MetadataKeys.CALLER) Caller caller) {
        if (!evaluations.containsKey(command.by())) {
            String withdrawnFor = withdrawnEvaluations.get(command.by());
            if (withdrawnFor != null && withdrawnFor.equals(command.reason())) {
                return status();
            }
            throw Refusal.unknownPart("evaluation by the", String.valueOf(command.by()), relationshipId);
        }
        requireMayCorrect(caller, evaluationRecordedBy.get(command.by()), "the " + command.by() + "'s evaluation");
        expectVersion(command.expectedVersion());
        requireAllowed(LifecycleAction.WITHDRAW_EVALUATION);
        requireNoTextAfterErasure("reason", command.reason());
        apply(new EvaluationWithdrawn(relationshipId, command.by(), command.reason()));
        return status();
    }

    /**
     * Organisers of the programme and admins correct anything; a mentor or mentee only what they
     * recorded themselves, and only while the relationship is open (DOMAIN.md, "Corrections").
     */
    private void requireMayCorrect(Caller caller, String recordedBy, String what) {
        if (caller.isAdmin() || caller.organises(start.programmeId())) {
            return;
        }
        if (!stage().isOpen()) {
            throw Refusal.forbidden("user " + caller.username() + " may correct relationship " + relationshipId
                    + " only while it is open; its organisers correct it now");
        }
        if (recordedBy == null || !recordedBy.equals(caller.personId())) {
            throw Refusal.forbidden("user " + caller.username() + " may correct only what they recorded themselves, and "
                    + what + " of relationship " + relationshipId + " was recorded by someone else");
        }
    }

    private void requireInLifecycleOrder(long version, Dated fact, LocalDate date) {
        String field = "correctedDate";
        if (version == 0) {
            dated.entrySet().stream()
                    .filter(other -> other.getKey() != 0 && counts(other.getKey(), other.getValue()))
                    .map(other -> other.getValue().on())
                    .filter(other -> other != null && other.isBefore(date))
                    .min(LocalDate::compareTo)
                    .ifPresent(earliest -> {
                        throw Refusal.invalidDate(field, "the start must not be after the relationship's earliest "
                                + "other date, " + earliest + ", was " + date);
                    });
            return;
        }
        if (date.isBefore(startedOn)) {
            throw Refusal.invalidDate(field, "must not be before the relationship started on " + startedOn
                    + ", was " + date);
        }
        LocalDate end = endedAt == null ? null : dated.get(endedAt).on();
        if (fact.is(MeetingRecorded.class) && end != null && date.isAfter(end)) {
            throw Refusal.invalidDate(field, "a meeting must not be after the relationship ended on " + end
                    + ", was " + date);
        }
        if (endedAt != null && version == endedAt) {
            dated.entrySet().stream()
                    .filter(other -> other.getValue().is(MeetingRecorded.class) && counts(other.getKey(), other.getValue()))
                    .map(other -> other.getValue().on())
                    .filter(meeting -> meeting.isAfter(date))
                    .max(LocalDate::compareTo)
                    .ifPresent(last -> {
                        throw Refusal.invalidDate(field, "the end must not be before the last meeting, on " + last
                                + ", was " + date);
                    });
        }
    }

    /** A withdrawn meeting's date no longer counts. */
    private boolean counts(long version, Dated fact) {
        return !fact.is(MeetingRecorded.class) || !withdrawnMeetings.containsKey(meetingIdAt(version));
    }

    private String meetingIdAt(long version) {
        return meetingVersions.entrySet().stream().filter(meeting -> meeting.getValue() == version)
                .map(Map.Entry::getKey).findFirst().orElse(null);
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
        if (date != null && date.isBefore(startedOn)) {
            throw Refusal.invalidDate(field, "must not be before the relationship started on "
                    + startedOn + ", was " + date);
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
        startedOn = event.startedOn();
        dated.put(sequenceNumber, new Dated(RelationshipStarted.class.getSimpleName(), event.startedOn(), null));
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(AgreementSigned event, @SequenceNumber long sequenceNumber, @MetaDataValue(MetadataKeys.ACTOR_PERSON_ID) String recordedBy) {
        replaceGoals(event.agreement().goals());
        agreedAt = sequenceNumber;
        dated(event, event.agreedOn(), sequenceNumber, recordedBy);
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(AgreementAmended event, @SequenceNumber long sequenceNumber, @MetaDataValue(MetadataKeys.ACTOR_PERSON_ID) String recordedBy) {
        replaceGoals(event.agreement().goals());
        dated(event, event.amendedOn(), sequenceNumber, recordedBy);
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(MeetingRecorded event, @SequenceNumber long sequenceNumber, @MetaDataValue(MetadataKeys.ACTOR_PERSON_ID) String recordedBy) {
        meetings.put(event.meetingId(), event);
        meetingVersions.put(event.meetingId(), sequenceNumber);
        dated(event, event.heldOn(), sequenceNumber, recordedBy);
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(GoalAchieved event, @SequenceNumber long sequenceNumber, @MetaDataValue(MetadataKeys.ACTOR_PERSON_ID) String recordedBy) {
        achievedGoals.put(event.goalId(), event);
        dated(event, event.achievedOn(), sequenceNumber, recordedBy);
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
    void on(RelationshipPaused event, @SequenceNumber long sequenceNumber, @MetaDataValue(MetadataKeys.ACTOR_PERSON_ID) String recordedBy) {
        dated(event, event.pausedOn(), sequenceNumber, recordedBy);
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(RelationshipResumed event, @SequenceNumber long sequenceNumber, @MetaDataValue(MetadataKeys.ACTOR_PERSON_ID) String recordedBy) {
        dated(event, event.resumedOn(), sequenceNumber, recordedBy);
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(RelationshipClosed event, @SequenceNumber long sequenceNumber, @MetaDataValue(MetadataKeys.ACTOR_PERSON_ID) String recordedBy) {
        ended(sequenceNumber);
        dated(event, event.closedOn(), sequenceNumber, recordedBy);
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(RelationshipTerminated event, @SequenceNumber long sequenceNumber, @MetaDataValue(MetadataKeys.ACTOR_PERSON_ID) String recordedBy) {
        ended(sequenceNumber);
        dated(event, event.terminatedOn(), sequenceNumber, recordedBy);
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(EvaluationSubmitted event, @SequenceNumber long sequenceNumber, @MetaDataValue(MetadataKeys.ACTOR_PERSON_ID) String recordedBy) {
        evaluations.put(event.by(), event);
        evaluationRecordedBy.put(event.by(), recordedBy);
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(PersonalDataErased event, @SequenceNumber long sequenceNumber) {
        erasedParties.add(event.party());
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(MeetingWithdrawn event, @SequenceNumber long sequenceNumber) {
        withdrawnMeetings.put(event.meetingId(), event.reason());
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(DateCorrected event, @SequenceNumber long sequenceNumber) {
        dated.computeIfPresent(event.correctedVersion(), (version, fact) -> fact.on(event.correctedDate()));
        if (event.correctedVersion() == 0) {
            startedOn = event.correctedDate();
        }
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(RelationshipReopened event, @SequenceNumber long sequenceNumber) {
        endedAt = null;
        recorded(event, sequenceNumber);
    }

    @EventSourcingHandler
    void on(EvaluationWithdrawn event, @SequenceNumber long sequenceNumber) {
        evaluations.remove(event.by());
        evaluationRecordedBy.remove(event.by());
        withdrawnEvaluations.put(event.by(), event.reason());
        recorded(event, sequenceNumber);
    }

    private void dated(RelationshipEvent event, LocalDate on, long sequenceNumber, String recordedBy) {
        dated.put(sequenceNumber, new Dated(event.getClass().getSimpleName(), on, recordedBy));
    }

    /** Where it was when it ended: a reopening returns there. */
    private void ended(long sequenceNumber) {
        endedAt = sequenceNumber;
        endedFrom = stage();
    }

    private void replaceGoals(Iterable<Goal> goals) {
        goalIds.clear();
        goals.forEach(goal -> goalIds.add(goal.goalId()));
    }
}
