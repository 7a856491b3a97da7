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
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.GoalsMet;
import fi.mentoringledger.api.relationship.GroundRules;
import fi.mentoringledger.api.relationship.Initiator;
import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
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
    public final LocalDate startedOn;
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

    public Journey(String id, String programmeId, LocalDate startedOn) {
        this.id = id;
        this.programmeId = programmeId;
        this.startedOn = startedOn;
        events.add(new RelationshipStarted(rid(), programmeId, new Person(personId(Party.MENTOR), "Mentor " + id),
                new Person(personId(Party.MENTEE), "Mentee " + id), "fi", startedOn));
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
        pausedFrom = stage;
        stage = Stage.PAUSED;
        pausedOn = on;
        return this;
    }

    @Override
    public Journey resume(LocalDate on) {
        require(stage == Stage.PAUSED, "resume");
        events.add(new RelationshipResumed(rid(), on));
        stage = pausedFrom;
        pausedFrom = null;
        pausedOn = null;
        return this;
    }

    @Override
    public Journey close(LocalDate on) {
        require(stage == Stage.IN_PROGRESS, "close");
        events.add(new RelationshipClosed(rid(), on, PERSONAL + "we reached our goals", Boolean.TRUE));
        stage = Stage.CLOSED;
        closedOn = on;
        endedOn = on;
        return this;
    }

    @Override
    public Journey terminate(TerminationReason reason, LocalDate on) {
        require(stage.isOpen(), "terminate");
        events.add(new RelationshipTerminated(rid(), reason, Initiator.MENTEE, PERSONAL + "ended early", on));
        terminatedIn = stage;
        terminationReason = reason;
        stage = Stage.TERMINATED;
        endedOn = on;
        return this;
    }

    @Override
    public Journey evaluate(Party by, int rating, LocalDate on) {
        require(ended(), "evaluate");
        events.add(new EvaluationSubmitted(rid(), by, rating, GoalsMet.PARTLY, PRIVATE + "comments by " + by, on));
        ratings.add(rating);
        return this;
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
