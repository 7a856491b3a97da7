package fi.mentoringledger.testsupport.journey;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.testsupport.CommandRequests;

/**
 * A journey recorded as the shared-api events the aggregate would store, in the words a real
 * programme would use (Finnish and English names, goals of people looking for work in Finland), so
 * that the events have realistic sizes: what the benchmark sends as commands and seeds as rows.
 * Mentors come from a pool of 5,000 people, so that one mentor has several mentees.
 */
public final class EventJourney implements JourneySteps {

    private static final List<String> LANGUAGES = List.of("fi", "fi", "fi", "sv", "en", "en");
    private static final List<String> NAMES = List.of("Maija Virtanen", "Amina Yusuf", "Juha Korhonen",
            "Li Wei", "Sanna Nieminen", "Oskar Lindqvist", "Fatima Ali", "Pekka Mäkinen", "Elena Petrova", "Aino Laine");
    private static final List<String> GOALS = List.of("First job in my own field in Finland",
            "Understand how recruiting works in Finnish companies", "Build a professional network in Helsinki",
            "Finish the CV and a LinkedIn profile in Finnish", "Practise job interviews", "Find an internship");
    private static final List<String> TASKS = List.of("Update the CV", "Write a cover letter draft",
            "Contact two people in the field", "Read about the sector", "Prepare questions for the next meeting");

    /** One recorded step: the command's action, named for a command mix, and the event it records. */
    public record Step(String action, RelationshipEvent event) {

        /** The command-API request that records the event. */
        public CommandRequests.Request request() {
            return CommandRequests.of(event.relationshipId().value(), event);
        }
    }

    private final RelationshipId id;
    private final Random random;
    private final List<Step> steps = new ArrayList<>();
    private final List<Goal> goals = new ArrayList<>();
    private GroundRules rules;
    private int meetings;

    /** Starts the journey; {@code random} chooses the words (the walk's own is fine). */
    public EventJourney(String relationshipId, String programmeId, LocalDate startedOn, Random random) {
        this.id = RelationshipId.of(relationshipId);
        this.random = random;
        Person mentor = new Person("p-" + random.nextInt(5_000), pick(NAMES));
        Person mentee = new Person("p-" + (5_000 + random.nextInt(50_000)), pick(NAMES));
        record("start", new RelationshipStarted(id, programmeId, mentor, mentee, pick(LANGUAGES), startedOn));
    }

    /** The journey's start for {@link Journeys}, choosing its words with {@code random}. */
    public static JourneySteps.Start<EventJourney> start(Random random) {
        return (relationshipId, programmeId, on) -> new EventJourney(relationshipId, programmeId, on, random);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    @Override
    public EventJourney agree(LocalDate on, int goalCount) {
        rules = new GroundRules(random.nextBoolean() ? "Teams" : "Face to face in Helsinki", "every two weeks",
                random.nextBoolean() ? "The mentee sends an agenda a day before" : null);
        addGoals(goalCount);
        return record("agree", new AgreementSigned(id, agreement(on.plusDays(180)), on));
    }

    /** The goals the pair keeps keep their words. */
    @Override
    public EventJourney amend(LocalDate on, int goalCount) {
        addGoals(goalCount);
        return record("amend-agreement", new AgreementAmended(id, agreement(on.plusDays(240)), on));
    }

    @Override
    public EventJourney meet(LocalDate on) {
        meetings++;
        return record("meeting", new MeetingRecorded(id, "m" + meetings, on, 30 + 15 * random.nextInt(5),
                "Talked about the application to " + pick(GOALS).toLowerCase() + "; next time the interview.",
                List.of(pick(TASKS), pick(TASKS)),
                random.nextInt(3) == 0 ? MeetingFormat.REMOTE : MeetingFormat.IN_PERSON));
    }

    @Override
    public EventJourney achieveGoal(int number, LocalDate on) {
        return record("achieve-goal", new GoalAchieved(id, "g" + number, on));
    }

    @Override
    public EventJourney raiseConcern(String concernId, boolean forOrganiser, LocalDate on) {
        return record("raise-concern", new ConcernRaised(id, concernId, Party.MENTEE,
                "Meetings have been moved at short notice", forOrganiser, on));
    }

    @Override
    public EventJourney resolveConcern(String concernId, LocalDate on) {
        return record("resolve-concern", new ConcernResolved(id, concernId, "We fixed a regular slot", on));
    }

    @Override
    public EventJourney pause(LocalDate on) {
        return record("pause", new RelationshipPaused(id, "Summer holidays", on));
    }

    @Override
    public EventJourney resume(LocalDate on) {
        return record("resume", new RelationshipResumed(id, on));
    }

    @Override
    public EventJourney close(LocalDate on) {
        return record("close", new RelationshipClosed(id, on, "The goals were reached", random.nextBoolean()));
    }

    @Override
    public EventJourney terminate(TerminationReason reason, LocalDate on) {
        return record("terminate", new RelationshipTerminated(id, reason, pick(List.of(Initiator.values())),
                "Ended early", on));
    }

    @Override
    public EventJourney evaluate(Party by, int rating, LocalDate on) {
        return by == Party.MENTOR
                ? record("evaluate", new EvaluationSubmitted(id, by, rating, GoalsMet.PARTLY, "A good pair", on))
                : record("evaluate", new EvaluationSubmitted(id, by, rating, GoalsMet.FULLY, "Helpful", on));
    }

    private void addGoals(int goalCount) {
        goals.subList(Math.min(goalCount, goals.size()), goals.size()).clear();
        for (int number = goals.size() + 1; number <= goalCount; number++) {
            goals.add(new Goal("g" + number, pick(GOALS),
                    random.nextBoolean() ? List.of("CV in Finnish", "Two informational interviews") : List.of()));
        }
    }

    private Agreement agreement(LocalDate plannedEnd) {
        return new Agreement(List.copyOf(goals), rules, random.nextBoolean() ? plannedEnd : null);
    }

    private EventJourney record(String action, RelationshipEvent event) {
        steps.add(new Step(action, event));
        return this;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
