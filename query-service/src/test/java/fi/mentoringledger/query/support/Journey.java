package fi.mentoringledger.query.support;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.BusinessDate;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.GoalsMet;
import fi.mentoringledger.api.relationship.GroundRules;
import fi.mentoringledger.api.relationship.Initiator;
import fi.mentoringledger.api.relationship.MeetingFormat;
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
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.testsupport.journey.JourneySteps;

/**
 * The test's own account of one relationship: the events it went through, in order, and what
 * each read model should therefore say, worked out here step by step from DOMAIN.md's lifecycle
 * (not by the code under test). Steps that the lifecycle does not allow fail the test at once.
 * A test writes its journeys step by step, or has {@link Population} generate them.
 */
public final class Journey implements JourneySteps {

    /** Marks private text, which only the pair may ever read. */
    public static final String PRIVATE = "PRIVATE-TEXT-";
    /** Marks the pair's personal text (goals, tasks, reasons, notes): read by whoever sees the relationship. */
    public static final String PERSONAL = "PERSONAL-TEXT-";

    public final String id;
    public final String programmeId;
    /** As corrected. */
    public LocalDate startedOn;
    public final List<Object> events = new ArrayList<>();

    public Stage stage = Stage.STARTED;
    private Stage pausedFrom;
    public boolean reachedAgreed;
    public boolean reachedInProgress;
    public LocalDate agreedOn;
    public LocalDate inProgressOn;
    public LocalDate pausedOn;
    public LocalDate endedOn;
    public LocalDate closedOn;
    public TerminationReason terminationReason;
    public Stage terminatedIn;
    public int meetings;
    public LocalDate lastMeetingOn;
    /** Open concerns, all of them: what the pair sees. */
    public int openConcerns;
    /** Open concerns the pair addressed to the organiser: what organisers and admins see. */
    public int openConcernsForOrganiser;
    private final Map<String, Boolean> concernAddressedToOrganiser = new LinkedHashMap<>();
    public final List<Integer> ratings = new ArrayList<>();
    /** Person ids of the participants whose personal data was erased, in order. */
    public final List<String> erased = new ArrayList<>();
    /** goal id → achieved on (null while not achieved), in agreement order. */
    public final Map<String, LocalDate> goals = new LinkedHashMap<>();
    public final Map<String, String> goalDescriptions = new LinkedHashMap<>();
    private int counter;
    /** Each meeting by id: what corrections name and what the figures count. */
    private final Map<String, Meeting> recordedMeetings = new LinkedHashMap<>();
    /** Every event with a business date, by its version: its type and its date as corrected. */
    private final Map<Long, Object> dated = new LinkedHashMap<>();
    private final Map<Long, LocalDate> correctedDates = new LinkedHashMap<>();
    private Long pausedAt;
    private Long endedAt;
    private Stage endedFrom;
    private final Map<Party, Integer> evaluations = new LinkedHashMap<>();

    private static final class Meeting {
        final long version;
        LocalDate heldOn;
        final boolean afterAgreement;
        boolean withdrawn;

        Meeting(long version, LocalDate heldOn, boolean afterAgreement) {
            this.version = version;
            this.heldOn = heldOn;
            this.afterAgreement = afterAgreement;
        }
    }

    public Journey(String id, String programmeId, LocalDate startedOn) {
        this.id = id;
        this.programmeId = programmeId;
        this.startedOn = startedOn;
        events.add(new RelationshipStarted(rid(), programmeId, new Person(personId(Party.MENTOR), "Mentor " + id),
                new Person(personId(Party.MENTEE), "Mentee " + id), "fi", startedOn));
        dated();
    }

    /** The last event has a business date that a correction may name. */
    private void dated() {
        dated.put(version(), events.get(events.size() - 1));
    }

    public long version() {
        return events.size() - 1;
    }

    public boolean ended() {
        return stage == Stage.CLOSED || stage == Stage.TERMINATED;
    }

    public long daysToClose() {
        return ChronoUnit.DAYS.between(startedOn, closedOn);
    }

    @Override
    public Journey agree(LocalDate on, int goalCount) {
        require(stage == Stage.STARTED, "agree");
        List<Goal> list = new ArrayList<>();
        for (int i = 1; i <= goalCount; i++) {
            list.add(new Goal(goalId(i), PERSONAL + "goal " + i + " of " + id, List.of(PERSONAL + "first step " + i)));
        }
        events.add(new AgreementSigned(rid(), agreement(list, on.plusMonths(10)), on));
        dated();
        replaceGoals(list);
        stage = Stage.AGREED;
        reachedAgreed = true;
        agreedOn = on;
        return this;
    }

    @Override
    public Journey amend(LocalDate on, int goalCount) {
        require(stage == Stage.AGREED || stage == Stage.IN_PROGRESS || stage == Stage.PAUSED, "amend");
        List<Goal> list = new ArrayList<>();
        for (int i = 1; i <= goalCount; i++) {
            list.add(new Goal(goalId(i), PERSONAL + "goal " + i + " of " + id + " (amended)", List.of()));
        }
        events.add(new AgreementAmended(rid(), agreement(list, on.plusMonths(12)), on));
        dated();
        replaceGoals(list);
        return this;
    }

    @Override
    public Journey meet(LocalDate on) {
        require(stage == Stage.STARTED || stage == Stage.AGREED || stage == Stage.IN_PROGRESS, "meet");
        ++counter;
        MeetingFormat format = MeetingFormat.values()[counter % MeetingFormat.values().length];
        events.add(new MeetingRecorded(rid(), id + "-meeting-" + counter, on, 45 + counter,
                PRIVATE + "notes of meeting " + counter, List.of(PERSONAL + "task " + counter), format));
        dated();
        recordedMeetings.put(id + "-meeting-" + counter, new Meeting(version(), on, stage != Stage.STARTED));
        meetings++;
        lastMeetingOn = lastMeetingOn == null || on.isAfter(lastMeetingOn) ? on : lastMeetingOn;
        if (stage == Stage.AGREED) {
            stage = Stage.IN_PROGRESS;
            reachedInProgress = true;
            inProgressOn = on;
        }
        return this;
    }

    public Journey achieve(String goalId, LocalDate on) {
        require(stage == Stage.AGREED || stage == Stage.IN_PROGRESS || stage == Stage.PAUSED, "achieve");
        require(goals.containsKey(goalId) && goals.get(goalId) == null, "achieve " + goalId);
        events.add(new GoalAchieved(rid(), goalId, on));
        dated();
        goals.put(goalId, on);
        return this;
    }

    /** The goal of that number in the agreement, as {@link #agree} and {@link #amend} name them. */
    @Override
    public Journey achieveGoal(int number, LocalDate on) {
        return achieve(goalId(number), on);
    }

    public String firstGoal() {
        return goals.keySet().iterator().next();
    }

    /** A concern the pair keeps to itself: private, and not counted for organisers. */
    public Journey raiseConcern(String concernId, LocalDate on) {
        return raiseConcern(concernId, false, on);
    }

    /** A concern addressed to the organiser: its text is personal, and organisers count it. */
    public Journey raiseConcernForOrganiser(String concernId, LocalDate on) {
        return raiseConcern(concernId, true, on);
    }

    @Override
    public Journey raiseConcern(String concernId, boolean forOrganiser, LocalDate on) {
        require(stage.isOpen(), "raise a concern");
        concernAddressedToOrganiser.put(concernId, forOrganiser);
        events.add(new ConcernRaised(rid(), concernId, Party.MENTEE, textOfConcern(concernId, "concern "),
                forOrganiser, on));
        openConcerns++;
        openConcernsForOrganiser += forOrganiser ? 1 : 0;
        return this;
    }

    @Override
    public Journey resolveConcern(String concernId, LocalDate on) {
        require(stage.isOpen(), "resolve a concern");
        require(concernAddressedToOrganiser.containsKey(concernId), "resolve " + concernId);
        events.add(new ConcernResolved(rid(), concernId, textOfConcern(concernId, "resolution "), on));
        openConcerns--;
        openConcernsForOrganiser -= concernAddressedToOrganiser.get(concernId) ? 1 : 0;
        return this;
    }

    /** A concern and its resolution are as private as the pair made the concern. */
    private String textOfConcern(String concernId, String what) {
        boolean forOrganiser = concernAddressedToOrganiser.getOrDefault(concernId, false);
        return (forOrganiser ? PERSONAL : PRIVATE) + what + concernId;
    }

    @Override
    public Journey pause(LocalDate on) {
        require(stage == Stage.AGREED || stage == Stage.IN_PROGRESS, "pause");
        events.add(new RelationshipPaused(rid(), PERSONAL + "a break", on));
        dated();
        pausedAt = version();
        pausedFrom = stage;
        stage = Stage.PAUSED;
        pausedOn = on;
        return this;
    }

    @Override
    public Journey resume(LocalDate on) {
        require(stage == Stage.PAUSED, "resume");
        events.add(new RelationshipResumed(rid(), on));
        dated();
        pausedAt = null;
        stage = pausedFrom;
        pausedFrom = null;
        pausedOn = null;
        return this;
    }

    @Override
    public Journey close(LocalDate on) {
        require(stage == Stage.IN_PROGRESS, "close");
        events.add(new RelationshipClosed(rid(), on, PERSONAL + "we reached our goals", Boolean.TRUE));
        dated();
        endedAt = version();
        endedFrom = stage;
        stage = Stage.CLOSED;
        closedOn = on;
        endedOn = on;
        return this;
    }

    @Override
    public Journey terminate(TerminationReason reason, LocalDate on) {
        require(stage.isOpen(), "terminate");
        events.add(new RelationshipTerminated(rid(), reason, Initiator.MENTEE, PERSONAL + "ended early", on));
        dated();
        endedAt = version();
        endedFrom = stage;
        terminatedIn = stage;
        terminationReason = reason;
        stage = Stage.TERMINATED;
        endedOn = on;
        return this;
    }

    @Override
    public Journey evaluate(Party by, int rating, LocalDate on) {
        require(ended(), "evaluate");
        require(!evaluations.containsKey(by), "evaluate again");
        events.add(new EvaluationSubmitted(rid(), by, rating, GoalsMet.PARTLY, PRIVATE + "comments by " + by, on));
        ratings.add(rating);
        evaluations.put(by, rating);
        return this;
    }

    public boolean evaluated(Party by) {
        return evaluations.containsKey(by);
    }

    /** The id of the {@code n}th meeting recorded (from 1). */
    public String meetingId(int n) {
        return id + "-meeting-" + n;
    }

    /** The meetings that still count, in the order recorded. */
    public List<String> standingMeetings() {
        return recordedMeetings.entrySet().stream().filter(meeting -> !meeting.getValue().withdrawn)
                .map(Map.Entry::getKey).toList();
    }

    /**
     * A correction (DOMAIN.md, "Corrections"): the meeting was recorded by mistake and no longer
     * counts. When it was the meeting after the agreement that put the relationship in progress and
     * no other remains, the relationship is back to AGREED (paused: it resumes there); one that ended
     * in progress so cannot lose it (it must be reopened first).
     */
    public Journey withdrawMeeting(String meetingId) {
        Meeting meeting = recordedMeetings.get(meetingId);
        require(meeting != null && !meeting.withdrawn, "withdraw " + meetingId);
        boolean heldTheStage = meeting.afterAgreement && recordedMeetings.values().stream()
                .noneMatch(other -> other != meeting && !other.withdrawn && other.afterAgreement);
        boolean inProgress = stage == Stage.IN_PROGRESS || stage == Stage.PAUSED && pausedFrom == Stage.IN_PROGRESS;
        require(!heldTheStage || inProgress || !ended(), "withdraw the meeting that holds the end " + meetingId);
        boolean backToAgreed = heldTheStage && inProgress;
        events.add(new MeetingWithdrawn(rid(), meetingId, PERSONAL + "recorded by mistake", backToAgreed));
        meeting.withdrawn = true;
        if (backToAgreed) {
            if (stage == Stage.IN_PROGRESS) {
                stage = Stage.AGREED;
            } else {
                pausedFrom = Stage.AGREED;
            }
        }
        countMeetings();
        return this;
    }

    /** The versions of the events whose business date a correction may name (not a withdrawn meeting's). */
    public List<Long> datedVersions() {
        return dated.entrySet().stream().filter(entry -> !(entry.getValue() instanceof MeetingRecorded m
                && recordedMeetings.get(m.meetingId()).withdrawn)).map(Map.Entry::getKey).toList();
    }

    /** The business date of the event at that version, as corrected. */
    public LocalDate dateOf(long version) {
        return correctedDates.getOrDefault(version, BusinessDate.of((RelationshipEvent) dated.get(version)));
    }

    /** A correction: the event at that version happened on another day (the caller keeps the lifecycle's order). */
    public Journey correctDate(long version, LocalDate on) {
        Object fact = dated.get(version);
        require(fact != null && datedVersions().contains(version) && !on.equals(dateOf(version)),
                "correct the date of version " + version);
        events.add(new DateCorrected(rid(), version, fact.getClass().getSimpleName(), dateOf(version), on,
                PERSONAL + "the date was wrong"));
        correctedDates.put(version, on);
        boolean current = Long.valueOf(version).equals(fact instanceof RelationshipPaused ? pausedAt : endedAt);
        if (fact instanceof RelationshipStarted) {
            startedOn = on;
        } else if (fact instanceof AgreementSigned) {
            agreedOn = on;
        } else if (fact instanceof MeetingRecorded meeting) {
            recordedMeetings.get(meeting.meetingId()).heldOn = on;
            countMeetings();
        } else if (fact instanceof GoalAchieved achieved) {
            goals.computeIfPresent(achieved.goalId(), (goal, before) -> on);
        } else if (fact instanceof RelationshipPaused && current) {
            pausedOn = on;
        } else if (fact instanceof RelationshipClosed && current) {
            closedOn = on;
            endedOn = on;
        } else if (fact instanceof RelationshipTerminated && current) {
            endedOn = on;
        }
        // an amendment's or a resume's date, or an earlier pause's or end's, is in no read model's figures
        return this;
    }

    /** A correction: the relationship was ended by mistake and is open again in the stage it was ended from. */
    public Journey reopen() {
        require(ended(), "reopen");
        events.add(new RelationshipReopened(rid(), endedFrom, PERSONAL + "ended by mistake"));
        stage = endedFrom;
        endedAt = null;
        endedOn = null;
        closedOn = null;
        terminationReason = null;
        terminatedIn = null;
        return this;
    }

    /** A correction: the party's evaluation was submitted by mistake; they may evaluate again. */
    public Journey withdrawEvaluation(Party by) {
        require(ended() && evaluations.containsKey(by), "withdraw the evaluation by " + by);
        events.add(new EvaluationWithdrawn(rid(), by, PERSONAL + "submitted by mistake"));
        ratings.remove(evaluations.remove(by));
        return this;
    }

    /** The figures of the meetings that still count: how many, the last, and the one that put it in progress. */
    private void countMeetings() {
        List<Meeting> counting = recordedMeetings.values().stream().filter(meeting -> !meeting.withdrawn).toList();
        meetings = counting.size();
        lastMeetingOn = counting.stream().map(meeting -> meeting.heldOn).max(LocalDate::compareTo).orElse(null);
        inProgressOn = counting.stream().filter(meeting -> meeting.afterAgreement).findFirst()
                .map(meeting -> meeting.heldOn).orElse(null);
    }

    /** An admin erased a participant's personal data: allowed in every stage, it changes no figure. */
    public Journey erase(Party party, LocalDate on) {
        String personId = personId(party);
        events.add(new PersonalDataErased(rid(), personId, party, on));
        erased.add(personId);
        return this;
    }

    public String personId(Party party) {
        return (party == Party.MENTOR ? "mentor-" : "mentee-") + id;
    }

    /**
     * The events as the query side read them live: each without the keys of the participants
     * erased before it (the event store cannot read the pair's text once either key is gone).
     */
    public List<Object> eventsAsReadLive() {
        List<String> gone = new ArrayList<>();
        List<Object> read = new ArrayList<>();
        for (Object event : events) {
            read.add(KeyLoss.read(event, List.copyOf(gone)));
            if (event instanceof PersonalDataErased erasure) {
                gone.add(erasure.personId());
            }
        }
        return read;
    }

    /** The events as a replay reads them once the erased participants' keys are deleted. */
    public List<Object> eventsAfterKeyLoss() {
        return events.stream().map(event -> KeyLoss.read(event, erased)).toList();
    }

    private void replaceGoals(List<Goal> list) {
        Map<String, LocalDate> achieved = new LinkedHashMap<>(goals);
        goals.clear();
        goalDescriptions.clear();
        for (Goal goal : list) {
            goals.put(goal.goalId(), achieved.get(goal.goalId()));
            goalDescriptions.put(goal.goalId(), goal.description());
        }
    }

    private static Agreement agreement(List<Goal> goals, LocalDate plannedEnd) {
        return new Agreement(goals, new GroundRules(PERSONAL + "video call", PERSONAL + "every two weeks", PERSONAL + "bring questions"), plannedEnd);
    }

    private String goalId(int number) {
        return id + "-goal-" + number;
    }

    private RelationshipId rid() {
        return RelationshipId.of(id);
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalStateException("test journey " + id + " cannot " + action + " in stage " + stage);
        }
    }

    @Override
    public String toString() {
        return "Journey[" + id + ", " + stage + ", " + events.size() + " events]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Journey journey && journey.id.equals(id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }
}
