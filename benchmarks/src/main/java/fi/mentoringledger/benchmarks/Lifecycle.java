package fi.mentoringledger.benchmarks;

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
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.testsupport.CommandRequests;

/**
 * A realistic life of one relationship (DOMAIN.md): started, agreed, a handful of meetings, goals
 * achieved, sometimes a concern, a pause or an amendment, then mostly closed, sometimes ended
 * early, sometimes still open; evaluations after the end. The same plan is sent as HTTP commands
 * by the load and written as event rows by the seeder, so both produce the same mix and row sizes
 * (about eleven events per relationship).
 */
final class Lifecycle {

    static final List<String> PROGRAMMES = List.of("womento", "suomen-mentorit", "auroras", "luckan-integration",
            "yrittajat-mentorointipankki", "aalto-mentoring", "helsinki-uni", "tampere-uni", "turku-uni", "oulu-uni");
    private static final List<String> LANGUAGES = List.of("fi", "fi", "fi", "sv", "en", "en");
    private static final List<String> NAMES = List.of("Maija Virtanen", "Amina Yusuf", "Juha Korhonen",
            "Li Wei", "Sanna Nieminen", "Oskar Lindqvist", "Fatima Ali", "Pekka Mäkinen", "Elena Petrova", "Aino Laine");
    private static final List<String> GOALS = List.of("First job in my own field in Finland",
            "Understand how recruiting works in Finnish companies", "Build a professional network in Helsinki",
            "Finish the CV and a LinkedIn profile in Finnish", "Practise job interviews", "Find an internship");
    private static final List<String> TASKS = List.of("Update the CV", "Write a cover letter draft",
            "Contact two people in the field", "Read about the sector", "Prepare questions for the next meeting");

    private Lifecycle() {
    }

    /** One relationship's whole plan: its id and the commands it will receive, in order. */
    record Plan(String relationshipId, List<Step> steps) {
    }

    /** One command of a plan, renderable as the event it records and as the HTTP request that records it. */
    sealed interface Step {

        /** The action's name, for the command mix. */
        String action();

        /** The event the command records, as the aggregate would record it. */
        Object event(RelationshipId id);

        /** The command-API request that records {@link #event}, as the tests that drive the service send it. */
        default CommandRequests.Request request(String relationshipId) {
            return CommandRequests.of(relationshipId, event(RelationshipId.of(relationshipId)));
        }
    }

    record Start(String programmeId, Person mentor, Person mentee, String language, LocalDate startedOn) implements Step {
        public String action() {
            return "start";
        }

        public Object event(RelationshipId id) {
            return new RelationshipStarted(id, programmeId, mentor, mentee, language, startedOn);
        }
    }

    record Agree(Agreement agreement, LocalDate on, boolean amendment) implements Step {
        public String action() {
            return amendment ? "amend-agreement" : "agree";
        }

        public Object event(RelationshipId id) {
            return amendment ? new AgreementAmended(id, agreement, on) : new AgreementSigned(id, agreement, on);
        }
    }

    record Meeting(String meetingId, LocalDate heldOn, int durationMinutes, String privateNotes, List<String> tasks,
            MeetingFormat format) implements Step {
        public String action() {
            return "meeting";
        }

        public Object event(RelationshipId id) {
            return new MeetingRecorded(id, meetingId, heldOn, durationMinutes, privateNotes, tasks, format);
        }
    }

    record AchieveGoal(String goalId, LocalDate on) implements Step {
        public String action() {
            return "achieve-goal";
        }

        public Object event(RelationshipId id) {
            return new GoalAchieved(id, goalId, on);
        }
    }

    /** The command API dates a concern today; the seeded event uses the plan's date. */
    record RaiseConcern(String concernId, Party raisedBy, String description, boolean organiserContacted, LocalDate on)
            implements Step {
        public String action() {
            return "raise-concern";
        }

        public Object event(RelationshipId id) {
            return new ConcernRaised(id, concernId, raisedBy, description, organiserContacted, on);
        }
    }

    record ResolveConcern(String concernId, String resolution, LocalDate on) implements Step {
        public String action() {
            return "resolve-concern";
        }

        public Object event(RelationshipId id) {
            return new ConcernResolved(id, concernId, resolution, on);
        }
    }

    record Pause(String reason, LocalDate on) implements Step {
        public String action() {
            return "pause";
        }

        public Object event(RelationshipId id) {
            return new RelationshipPaused(id, reason, on);
        }
    }

    record Resume(LocalDate on) implements Step {
        public String action() {
            return "resume";
        }

        public Object event(RelationshipId id) {
            return new RelationshipResumed(id, on);
        }
    }

    record Close(LocalDate on, String summary, boolean continueContact) implements Step {
        public String action() {
            return "close";
        }

        public Object event(RelationshipId id) {
            return new RelationshipClosed(id, on, summary, continueContact);
        }
    }

    record Terminate(TerminationReason reason, Initiator initiatedBy, String note, LocalDate on) implements Step {
        public String action() {
            return "terminate";
        }

        public Object event(RelationshipId id) {
            return new RelationshipTerminated(id, reason, initiatedBy, note, on);
        }
    }

    /** The command API dates an evaluation today; the seeded event uses the plan's date. */
    record Evaluate(Party by, int rating, GoalsMet goalsMet, String comments, LocalDate on) implements Step {
        public String action() {
            return "evaluate";
        }

        public Object event(RelationshipId id) {
            return new EvaluationSubmitted(id, by, rating, goalsMet, comments, on);
        }
    }

    /**
     * A plan whose business dates run from a start 120 to 1,000 days before {@code latest} and
     * never pass it, so the command API accepts every date and the reports have years of intakes.
     */
    static Plan plan(String relationshipId, Random random, LocalDate latest) {
        Dates dates = new Dates(latest.minusDays(120 + random.nextInt(880)), latest, random);
        List<Step> steps = new ArrayList<>();
        String programme = random.nextInt(10) == 0 ? null : PROGRAMMES.get(random.nextInt(PROGRAMMES.size()));
        int mentor = random.nextInt(5_000);
        Person mentorPerson = new Person("p-" + mentor, pick(NAMES, random));
        Person mentee = new Person("p-" + (5_000 + random.nextInt(50_000)), pick(NAMES, random));
        steps.add(new Start(programme, mentorPerson, mentee, pick(LANGUAGES, random), dates.current));

        if (random.nextInt(100) < 8) {
            steps.add(new Terminate(TerminationReason.MISMATCH, Initiator.BOTH, "We agreed it does not fit", dates.next()));
            evaluations(steps, random, dates);
            return new Plan(relationshipId, steps);
        }

        List<Goal> goals = new ArrayList<>();
        int goalCount = 1 + random.nextInt(3);
        for (int i = 1; i <= goalCount; i++) {
            goals.add(new Goal("g" + i, pick(GOALS, random),
                    random.nextBoolean() ? List.of("CV in Finnish", "Two informational interviews") : List.of()));
        }
        GroundRules rules = new GroundRules(random.nextBoolean() ? "Teams" : "Face to face in Helsinki",
                "every two weeks", random.nextBoolean() ? "The mentee sends an agenda a day before" : null);
        Agreement agreement = new Agreement(goals, rules, random.nextBoolean() ? latest.plusDays(180) : null);
        steps.add(new Agree(agreement, dates.next(), false));

        int meetings = 2 + random.nextInt(7);
        boolean concern = random.nextInt(100) < 25;
        boolean pause = random.nextInt(100) < 15;
        boolean amend = random.nextInt(100) < 10;
        int achieved = 0;
        for (int m = 1; m <= meetings; m++) {
            steps.add(new Meeting("m" + m, dates.next(), 30 + 15 * random.nextInt(5),
                    "Talked about the application to " + pick(GOALS, random).toLowerCase() + "; next time the interview.",
                    List.of(pick(TASKS, random), pick(TASKS, random)),
                    random.nextInt(3) == 0 ? MeetingFormat.REMOTE : MeetingFormat.IN_PERSON));
            if (m == 1 && concern) {
                steps.add(new RaiseConcern("c1", Party.MENTEE, "Meetings have been moved at short notice", false, dates.next()));
            }
            if (m == 2 && concern) {
                steps.add(new ResolveConcern("c1", "We fixed a regular slot", dates.next()));
            }
            if (m == 2 && pause) {
                steps.add(new Pause("Summer holidays", dates.next()));
                steps.add(new Resume(dates.next()));
            }
            if (m == 2 && amend) {
                steps.add(new Agree(new Agreement(goals, rules, latest.plusDays(240)), dates.next(), true));
            }
            if (m == meetings / 2 + 1 && achieved < goalCount && random.nextInt(100) < 70) {
                steps.add(new AchieveGoal("g" + ++achieved, dates.next()));
            }
        }
        if (achieved < goalCount && random.nextBoolean()) {
            steps.add(new AchieveGoal("g" + ++achieved, dates.next()));
        }
        int ending = random.nextInt(100);
        if (ending < 65) {
            steps.add(new Close(dates.next(), "The goals were reached", random.nextBoolean()));
            evaluations(steps, random, dates);
        } else if (ending < 92) {
            TerminationReason reason = TerminationReason.values()[random.nextInt(TerminationReason.values().length)];
            Initiator initiator = Initiator.values()[random.nextInt(Initiator.values().length)];
            steps.add(new Terminate(reason, initiator, "Ended early", dates.next()));
            evaluations(steps, random, dates);
        }
        return new Plan(relationshipId, steps);
    }

    private static void evaluations(List<Step> steps, Random random, Dates dates) {
        if (random.nextInt(100) < 80) {
            steps.add(new Evaluate(Party.MENTOR, 1 + random.nextInt(5), GoalsMet.PARTLY, "A good pair", dates.next()));
        }
        if (random.nextInt(100) < 70) {
            steps.add(new Evaluate(Party.MENTEE, 1 + random.nextInt(5), GoalsMet.FULLY, "Helpful", dates.next()));
        }
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    /** Business dates that only move forward and stop at the latest allowed day. */
    private static final class Dates {
        private LocalDate current;
        private final LocalDate latest;
        private final Random random;

        Dates(LocalDate start, LocalDate latest, Random random) {
            this.current = start;
            this.latest = latest;
            this.random = random;
        }

        LocalDate next() {
            LocalDate candidate = current.plusDays(1 + random.nextInt(14));
            current = candidate.isAfter(latest) ? latest : candidate;
            return current;
        }
    }
}
