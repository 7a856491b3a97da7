package fi.mentoringledger.query.summary;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Component;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.Lifecycle;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MeetingWithdrawn;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipReopened;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.eventstore.personaldata.ReadModelSealing;
import fi.mentoringledger.query.processing.BatchRows;
import fi.mentoringledger.query.processing.BatchedProjection;
import fi.mentoringledger.query.processing.ProjectionGenerations;

/**
 * Where every pair stands: one row per relationship (stage, dates, counters) and its goals; and
 * how many relationships each programme has in each stage ({@code relationship_count}, the list's
 * total), moved when a batch writes the rows it changed.
 * <p>
 * The handlers change typed rows in memory ({@link BatchRows}): a batch reads each relationship's
 * rows once and writes them once, in JDBC batches, just before its transaction commits. Counters
 * are incremented, not recomputed, so each event must be applied exactly once: the processor's
 * token is stored in the same transaction as these rows, which guarantees that, and a row that
 * cannot be written fails the whole batch, which is then applied event by event so that only the
 * event at fault is parked. The stage moves only as the shared {@link Lifecycle} says.
 * <p>
 * Corrections (DOMAIN.md, "Corrections") leave the row as if the mistake had never been recorded.
 * For that it keeps what they name: each meeting (a withdrawal names its id, a corrected date the
 * version of the event it corrects), and which event the pause, the end and each goal's achievement
 * it shows came from, so that a corrected date of an earlier pause or end leaves them be.
 */
@Component
@ProcessingGroup(SummaryProjection.PROCESSOR)
class SummaryProjection implements BatchedProjection {

    static final String PROCESSOR = "relationship-summary";

    /** Where a sealed value sits, which its envelope is bound to ({@link ReadModelSealing}). */
    static final String MENTOR_NAME = "relationship_summary.mentor_name";
    static final String MENTEE_NAME = "relationship_summary.mentee_name";

    private final ProjectionGenerations generations;
    private final ReadModelSealing sealing;
    private final BatchRows rows = new BatchRows(PROCESSOR, this::readTheBatchsRows);
    private final SummaryTables.Summaries summaries;
    private final SummaryTables.GoalTable goals;
    private final SummaryTables.ConcernTable concerns;
    private final SummaryTables.MeetingTable meetings;

    SummaryProjection(NamedParameterJdbcOperations jdbc, ProjectionGenerations generations, ReadModelSealing sealing) {
        this.generations = generations;
        this.sealing = sealing;
        this.summaries = new SummaryTables.Summaries(jdbc);
        this.goals = new SummaryTables.GoalTable(jdbc);
        this.concerns = new SummaryTables.ConcernTable(jdbc);
        this.meetings = new SummaryTables.MeetingTable(jdbc);
    }

    static String goalDescription(String goalId) {
        return "relationship_goal.description." + goalId;
    }

    @Override
    public String processorName() {
        return PROCESSOR;
    }

    @Override
    public List<String> tables() {
        return List.of("relationship_summary", "relationship_goal", "relationship_concern", "relationship_meeting",
                "relationship_count");
    }

    @Override
    public BatchRows rows() {
        return rows;
    }

    /** A batch reads the rows of the relationships it holds in one query rather than one query each. */
    private void readTheBatchsRows(List<? extends EventMessage<?>> events) {
        Set<String> relationshipIds = new HashSet<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domainEvent) {
                relationshipIds.add(domainEvent.getAggregateIdentifier());
            }
        }
        rows.hold(summaries, summaries.loadAll(relationshipIds));
    }

    @ResetHandler
    void rebuildBesideTheCurrentGeneration() {
        generations.beginRebuild(this);
    }

    /**
     * A name is required to start, so a participant without one was erased: the event is read after
     * the person's key is gone (in a replay, or live when the erasure came first). The row says so
     * from the start rather than only once {@link PersonalDataErased} is projected. Names are kept
     * sealed with their person's key.
     */
    @EventHandler
    void on(RelationshipStarted event, @SequenceNumber long sequence) {
        Person mentor = event.mentor();
        Person mentee = event.mentee();
        String id = id(event.relationshipId());
        sealing.knowThePair(id, Stream.of(mentor, mentee).filter(Objects::nonNull).map(Person::id)
                .filter(Objects::nonNull).toList());
        SummaryRow started = new SummaryRow(id, event.programmeId(), participant(mentor, id, MENTOR_NAME),
                participant(mentee, id, MENTEE_NAME), event.language(), Lifecycle.NOT_STARTED.after(event), sequence,
                event.startedOn(), null, null, null, null, null, null, null, 0, null, 0, 0);
        rows.put(summaries, id, started);
    }

    private SummaryRow.Participant participant(Person person, String relationshipId, String column) {
        if (person == null) {
            return new SummaryRow.Participant(null, null, false);
        }
        String sealedName = sealing.sealPersons(person.id(), person.name(), relationshipId, column);
        return new SummaryRow.Participant(person.id(), sealedName, sealedName == null);
    }

    @EventHandler
    void on(AgreementSigned event, @SequenceNumber long sequence) {
        put(moved(event, sequence).agreedOn(event.agreedOn()));
        replaceGoals(event.relationshipId(), event.agreement());
    }

    @EventHandler
    void on(AgreementAmended event, @SequenceNumber long sequence) {
        put(moved(event, sequence));
        replaceGoals(event.relationshipId(), event.agreement());
    }

    /**
     * The first meeting after agreeing puts the relationship IN_PROGRESS (there is no event of its
     * own). The meeting is kept for the corrections that may name it.
     */
    @EventHandler
    void on(MeetingRecorded event, @SequenceNumber long sequence) {
        SummaryRow before = row(event.relationshipId());
        SummaryRow after = before.after(event, sequence);
        boolean nowInProgress = after.lifecycle().stage() == Stage.IN_PROGRESS
                && before.lifecycle().stage() != Stage.IN_PROGRESS;
        put(after.met(event.heldOn(), nowInProgress ? event.heldOn() : before.inProgressOn()));
        SummaryTables.MeetingRow meeting = new SummaryTables.MeetingRow(before.relationshipId(), event.meetingId(),
                sequence, event.heldOn(), before.lifecycle().stage() != Stage.STARTED, false);
        rows.put(meetings, meeting.key(), meeting);
    }

    @EventHandler
    void on(GoalAchieved event, @SequenceNumber long sequence) {
        put(moved(event, sequence));
        String id = id(event.relationshipId());
        SummaryTables.Goals current = goals(id);
        SummaryTables.GoalRow goal = current.byId().get(event.goalId());
        if (goal != null) {
            Map<String, SummaryTables.GoalRow> changed = new LinkedHashMap<>(current.byId());
            changed.put(goal.goalId(), new SummaryTables.GoalRow(goal.goalId(), goal.position(),
                    goal.sealedDescription(), goal.inAgreement(), true, event.achievedOn(), sequence));
            rows.put(goals, id, new SummaryTables.Goals(id, changed));
        }
    }

    /** Every open concern counts for the pair; one addressed to the organiser also for everyone else. */
    @EventHandler
    void on(ConcernRaised event, @SequenceNumber long sequence) {
        String id = id(event.relationshipId());
        rows.put(concerns, new SummaryTables.ConcernKey(id, event.concernId()),
                new SummaryTables.ConcernRow(id, event.concernId(), event.organiserContacted(), false));
        put(moved(event, sequence).concerns(+1, event.organiserContacted()));
    }

    /**
     * A concern raised before this projection knew the kinds (migration V5) has no row: it was
     * counted for organisers too, and leaves both counts.
     */
    @EventHandler
    void on(ConcernResolved event, @SequenceNumber long sequence) {
        String id = id(event.relationshipId());
        SummaryTables.ConcernKey key = new SummaryTables.ConcernKey(id, event.concernId());
        Optional<SummaryTables.ConcernRow> open = rows.find(concerns, key).filter(concern -> !concern.resolved());
        open.ifPresent(concern -> rows.put(concerns, key, new SummaryTables.ConcernRow(id, concern.concernId(),
                concern.organiserContacted(), true)));
        boolean organiserContacted = open.map(SummaryTables.ConcernRow::organiserContacted).orElse(true);
        put(moved(event, sequence).concerns(-1, organiserContacted));
    }

    @EventHandler
    void on(RelationshipPaused event, @SequenceNumber long sequence) {
        put(moved(event, sequence).paused(event.pausedOn(), sequence));
    }

    @EventHandler
    void on(RelationshipResumed event, @SequenceNumber long sequence) {
        put(moved(event, sequence).paused(null, null));
    }

    @EventHandler
    void on(RelationshipClosed event, @SequenceNumber long sequence) {
        SummaryRow row = moved(event, sequence);
        put(row.ended(event.closedOn(), row.terminationReason(), sequence));
    }

    @EventHandler
    void on(RelationshipTerminated event, @SequenceNumber long sequence) {
        put(moved(event, sequence).ended(event.terminatedOn(),
                event.reason() == null ? "OTHER" : event.reason().name(), sequence));
    }

    @EventHandler
    void on(EvaluationSubmitted event, @SequenceNumber long sequence) {
        put(moved(event, sequence));
    }

    /**
     * The participant's name is gone for good, and so is the pair's text (the goals' descriptions);
     * the relationship's stage and figures stay.
     */
    @EventHandler
    void on(PersonalDataErased event, @SequenceNumber long sequence) {
        put(moved(event, sequence).erased(event.party() == Party.MENTEE ? Party.MENTEE : Party.MENTOR));
        String id = id(event.relationshipId());
        Map<String, SummaryTables.GoalRow> withoutText = new LinkedHashMap<>();
        goals(id).byId().forEach((goalId, goal) -> withoutText.put(goalId, new SummaryTables.GoalRow(goalId,
                goal.position(), null, goal.inAgreement(), goal.achieved(), goal.achievedOn(),
                goal.achievedVersion())));
        rows.put(goals, id, new SummaryTables.Goals(id, withoutText));
    }

    /**
     * A meeting recorded by mistake no longer counts: the count, the last meeting and the day it went
     * in progress are what the meetings that still count give. The stage is the shared
     * {@link Lifecycle}'s (back to AGREED when it was the meeting that put it in progress).
     */
    @EventHandler
    void on(MeetingWithdrawn event, @SequenceNumber long sequence) {
        SummaryRow row = moved(event, sequence);
        List<SummaryTables.MeetingRow> recorded = meetingsOf(row.relationshipId());
        recorded.stream().filter(meeting -> meeting.meetingId().equals(event.meetingId())).findFirst()
                .ifPresent(meeting -> rows.put(meetings, meeting.key(), new SummaryTables.MeetingRow(
                        meeting.relationshipId(), meeting.meetingId(), meeting.version(), meeting.heldOn(),
                        meeting.afterAgreement(), true)));
        put(counted(row));
    }

    /**
     * The corrected date counts from now on where the row shows the event's date: the start, the
     * agreement, a meeting (the last one and the day it went in progress follow), a goal's
     * achievement, the pause or the end the row shows now. The other dates (an amendment, a resume,
     * an earlier pause or end) are not in the summary.
     */
    @EventHandler
    void on(DateCorrected event, @SequenceNumber long sequence) {
        SummaryRow row = moved(event, sequence);
        LocalDate date = event.correctedDate();
        long version = event.correctedVersion();
        String id = row.relationshipId();
        switch (event.correctedEvent()) {
            case "RelationshipStarted" -> row = row.startedOn(date);
            case "AgreementSigned" -> row = row.agreedOn(date);
            case "RelationshipPaused" -> row = Long.valueOf(version).equals(row.pausedVersion())
                    ? row.paused(date, version) : row;
            case "RelationshipClosed", "RelationshipTerminated" -> row = Long.valueOf(version).equals(row.endedVersion())
                    ? row.ended(date, row.terminationReason(), version) : row;
            case "MeetingRecorded" -> {
                meetingsOf(id).stream().filter(meeting -> meeting.version() == version).findFirst()
                        .ifPresent(meeting -> rows.put(meetings, meeting.key(), new SummaryTables.MeetingRow(
                                meeting.relationshipId(), meeting.meetingId(), meeting.version(), date,
                                meeting.afterAgreement(), meeting.withdrawn())));
                row = counted(row);
            }
            case "GoalAchieved" -> correctAchievement(id, version, date);
            default -> {
                // the summary shows no other date
            }
        }
        put(row);
    }

    /** Ended by mistake: open again in the stage it was ended from, with no end and no termination reason. */
    @EventHandler
    void on(RelationshipReopened event, @SequenceNumber long sequence) {
        put(moved(event, sequence).ended(null, null, null));
    }

    /** The summary shows no evaluation: only the version moves. */
    @EventHandler
    void on(EvaluationWithdrawn event, @SequenceNumber long sequence) {
        put(moved(event, sequence));
    }

    /** Every meeting of the relationship, stored or of this batch, as it is now. */
    private List<SummaryTables.MeetingRow> meetingsOf(String relationshipId) {
        rows.hold(meetings, meetings.loadAll(relationshipId));
        return rows.held(meetings, meeting -> meeting.relationshipId().equals(relationshipId));
    }

    /**
     * The row with its meetings counted from the meetings that count: how many, the last one, and
     * the day the first one after the agreement put it in progress (none: it is not in progress).
     */
    private SummaryRow counted(SummaryRow row) {
        List<SummaryTables.MeetingRow> counting = meetingsOf(row.relationshipId()).stream()
                .filter(SummaryTables.MeetingRow::counts).toList();
        LocalDate last = counting.stream().map(SummaryTables.MeetingRow::heldOn).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        LocalDate inProgressOn = counting.stream().filter(SummaryTables.MeetingRow::afterAgreement)
                .min(Comparator.comparingLong(SummaryTables.MeetingRow::version))
                .map(SummaryTables.MeetingRow::heldOn).orElse(null);
        return row.meetings(counting.size(), last, inProgressOn);
    }

    private void correctAchievement(String relationshipId, long version, LocalDate date) {
        SummaryTables.Goals current = goals(relationshipId);
        Map<String, SummaryTables.GoalRow> changed = new LinkedHashMap<>(current.byId());
        current.byId().values().stream().filter(goal -> Long.valueOf(version).equals(goal.achievedVersion()))
                .findFirst().ifPresent(goal -> changed.put(goal.goalId(), new SummaryTables.GoalRow(goal.goalId(),
                        goal.position(), goal.sealedDescription(), goal.inAgreement(), goal.achieved(), date,
                        goal.achievedVersion())));
        rows.put(goals, relationshipId, new SummaryTables.Goals(relationshipId, changed));
    }

    /** The relationship's row after the event (stage and version); the row must exist. */
    private SummaryRow moved(RelationshipEvent event, long sequence) {
        return row(event.relationshipId()).after(event, sequence);
    }

    private SummaryRow row(RelationshipId relationshipId) {
        return rows.find(summaries, id(relationshipId)).orElseThrow(() ->
                new IllegalStateException("relationship " + relationshipId + " is not in the summary projection"));
    }

    private void put(SummaryRow row) {
        rows.put(summaries, row.relationshipId(), row);
    }

    private SummaryTables.Goals goals(String relationshipId) {
        return rows.find(goals, relationshipId).orElseThrow();
    }

    /** Goals keep their achieved state by id; a goal the agreement no longer lists is hidden, not forgotten. */
    private void replaceGoals(RelationshipId relationshipId, Agreement agreement) {
        String id = id(relationshipId);
        Map<String, SummaryTables.GoalRow> replaced = new LinkedHashMap<>();
        goals(id).byId().forEach((goalId, goal) -> replaced.put(goalId, new SummaryTables.GoalRow(goalId,
                goal.position(), goal.sealedDescription(), false, goal.achieved(), goal.achievedOn(),
                goal.achievedVersion())));
        List<Goal> agreed = agreement == null ? List.of() : agreement.goals();
        for (int i = 0; i < agreed.size(); i++) {
            Goal goal = agreed.get(i);
            String goalId = goal.goalId() != null ? goal.goalId() : "#" + (i + 1);
            SummaryTables.GoalRow before = replaced.get(goalId);
            replaced.put(goalId, new SummaryTables.GoalRow(goalId, i,
                    sealing.sealThePairs(goal.description(), id, goalDescription(goalId)), true,
                    before != null && before.achieved(), before == null ? null : before.achievedOn(),
                    before == null ? null : before.achievedVersion()));
        }
        rows.put(goals, id, new SummaryTables.Goals(id, replaced));
    }

    private static String id(RelationshipId relationshipId) {
        return relationshipId.value();
    }
}
