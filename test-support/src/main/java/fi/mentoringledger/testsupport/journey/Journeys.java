package fi.mentoringledger.testsupport.journey;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;

import fi.mentoringledger.api.relationship.LifecycleAction;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * The one generator of relationship journeys for the tests and the benchmark: a seeded walk through
 * DOMAIN.md's lifecycle that takes each relationship along a path of its {@link Mix}, moving the
 * business date forward a few days at each step and choosing the details (how many goals, which
 * goal is achieved, which concern resolved, the termination reason, who evaluates and how), and
 * tells every step to a {@link JourneySteps}, which records it. The same seed gives the same
 * journeys.
 *
 * @param mix        the paths the relationships take
 * @param dates      when they start and how fast their dates move
 * @param programmes the programmes drawn from, evenly; a null entry stands for no programme
 */
public record Journeys(Mix mix, Dates dates, List<String> programmes) {

    /**
     * Business dates: a start drawn from {@code startSpreadDays} days beginning with {@code firstStart},
     * then each step one to {@code maxStepDays} days after the one before, never after {@code latest}.
     */
    public record Dates(LocalDate firstStart, int startSpreadDays, int maxStepDays, LocalDate latest) {

        /** Dates that are not held back by a latest day. */
        public static Dates from(LocalDate firstStart, int startSpreadDays, int maxStepDays) {
            return new Dates(firstStart, startSpreadDays, maxStepDays, LocalDate.MAX);
        }

        /**
         * Dates that end on {@code latest} at the latest, starting {@code minAgeDays} to
         * {@code maxAgeDays} days before it.
         */
        public static Dates until(LocalDate latest, int minAgeDays, int maxAgeDays, int maxStepDays) {
            return new Dates(latest.minusDays(maxAgeDays), maxAgeDays - minAgeDays + 1, maxStepDays, latest);
        }
    }

    public Journeys {
        programmes = Collections.unmodifiableList(new ArrayList<>(programmes));
    }

    /** {@code count} journeys with the ids {@code idPrefix + 0} onwards, from a walk seeded with {@code seed}. */
    public <J extends JourneySteps> List<J> generate(long seed, int count, String idPrefix, JourneySteps.Start<J> start) {
        Random random = new Random(seed);
        List<J> journeys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            journeys.add(journey(idPrefix + i, i, random, start));
        }
        return journeys;
    }

    /** The journey of one relationship, the {@code index}-th of its population, drawn from {@code random}. */
    public <J extends JourneySteps> J journey(String relationshipId, int index, Random random, JourneySteps.Start<J> start) {
        String programme = programmes.get(random.nextInt(programmes.size()));
        LocalDate startedOn = dates.firstStart().plusDays(random.nextInt(dates.startSpreadDays()));
        J journey = start.start(relationshipId, programme, startedOn);
        new Walk(relationshipId, journey, startedOn, random).take(mix.path(index, random));
        return journey;
    }

    /** What the walk must remember of one relationship to choose only steps the lifecycle allows. */
    private final class Walk {
        private final String relationshipId;
        private final JourneySteps steps;
        private final Random random;
        private LocalDate today;
        private int goals;
        private int achieved;
        private int concerns;
        private final Deque<String> openConcerns = new ArrayDeque<>();
        private Party evaluatedBy;

        Walk(String relationshipId, JourneySteps steps, LocalDate startedOn, Random random) {
            this.relationshipId = relationshipId;
            this.steps = steps;
            this.today = startedOn;
            this.random = random;
        }

        void take(List<LifecycleAction> path) {
            for (LifecycleAction action : path) {
                switch (action) {
                    case AGREE -> {
                        goals = 1 + random.nextInt(3);
                        steps.agree(next(), goals);
                    }
                    case AMEND_AGREEMENT -> {
                        goals = Math.max(goals, 2 + random.nextInt(2));
                        steps.amend(next(), goals);
                    }
                    case RECORD_MEETING -> steps.meet(next());
                    case MARK_GOAL_ACHIEVED -> {
                        if (achieved < goals) {
                            steps.achieveGoal(++achieved, next());
                        }
                    }
                    case RAISE_CONCERN -> {
                        String concernId = relationshipId + "-concern-" + ++concerns;
                        openConcerns.add(concernId);
                        steps.raiseConcern(concernId, random.nextBoolean(), next());
                    }
                    case RESOLVE_CONCERN -> {
                        if (!openConcerns.isEmpty()) {
                            steps.resolveConcern(openConcerns.poll(), next());
                        }
                    }
                    case PAUSE -> steps.pause(next());
                    case RESUME -> steps.resume(next());
                    case CLOSE -> steps.close(next());
                    case TERMINATE -> steps.terminate(pick(TerminationReason.values()), next());
                    case SUBMIT_EVALUATION -> {
                        evaluatedBy = evaluatedBy == null ? pick(Party.values()) : other(evaluatedBy);
                        steps.evaluate(evaluatedBy, 1 + random.nextInt(5), next());
                    }
                }
            }
        }

        private LocalDate next() {
            LocalDate candidate = today.plusDays(1 + random.nextInt(dates.maxStepDays()));
            today = candidate.isAfter(dates.latest()) ? dates.latest() : candidate;
            return today;
        }

        private <T> T pick(T[] values) {
            return values[random.nextInt(values.length)];
        }

        private Party other(Party party) {
            return party == Party.MENTOR ? Party.MENTEE : Party.MENTOR;
        }
    }
}
