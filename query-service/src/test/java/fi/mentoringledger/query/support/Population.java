package fi.mentoringledger.query.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * A seeded population of journeys that goes through every kind of path: closed (with and without
 * a pause), terminated from each open stage, paused and resumed, and still open in each open
 * stage; with meetings, goals, concerns, amendments and evaluations. Dates lie in 2024–2025.
 */
public final class Population {

    public static final List<String> PROGRAMMES = java.util.Arrays.asList("womento", "suomen-mentorit", "auroras", null);
    private static final int PATHS = 11;

    private Population() {
    }

    public static List<Journey> generate(long seed, int count, String idPrefix) {
        Random random = new Random(seed);
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String programme = PROGRAMMES.get(random.nextInt(PROGRAMMES.size()));
            LocalDate start = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(450));
            journeys.add(walk(new Journey(idPrefix + i, programme, start), i % PATHS, random));
        }
        return journeys;
    }

    /** One path per number 0..10; the details (dates, counts, ratings) are random. */
    static Journey walk(Journey j, int path, Random random) {
        Clock clock = new Clock(j.startedOn, random);
        if (path == 0) {
            if (random.nextBoolean()) {
                j.meet(clock.next());
            }
            return j;
        }
        if (path == 1) {
            return j.terminate(reason(random), clock.next());
        }
        j.agree(clock.next(), 1 + random.nextInt(3));
        if (path == 2) {
            return maybeConcern(j, clock, random);
        }
        if (path == 3) {
            return j.terminate(reason(random), clock.next());
        }
        if (path == 4) {
            return j.pause(clock.next());
        }
        if (path == 5) {
            j.pause(clock.next()).resume(clock.next()).meet(clock.next()).pause(clock.next());
            return j.terminate(reason(random), clock.next());
        }
        int meetings = 1 + random.nextInt(4);
        for (int m = 0; m < meetings; m++) {
            j.meet(clock.next());
        }
        if (random.nextBoolean()) {
            j.achieve(j.firstGoal(), clock.next());
        }
        switch (path) {
            case 6 -> maybeConcern(j, clock, random);
            case 7 -> j.terminate(reason(random), clock.next());
            case 8 -> j.pause(clock.next()).resume(clock.next()).meet(clock.next()).close(clock.next());
            case 9 -> j.amend(clock.next(), 2 + random.nextInt(2)).meet(clock.next()).close(clock.next());
            default -> j.pause(clock.next()).amend(clock.next(), 2).terminate(reason(random), clock.next());
        }
        if (j.ended()) {
            if (random.nextInt(3) > 0) {
                j.evaluate(Party.MENTEE, 1 + random.nextInt(5), clock.next());
            }
            if (random.nextBoolean()) {
                j.evaluate(Party.MENTOR, 1 + random.nextInt(5), clock.next());
            }
        }
        return j;
    }

    private static Journey maybeConcern(Journey j, Clock clock, Random random) {
        if (random.nextBoolean()) {
            String concern = j.id + "-concern";
            if (random.nextBoolean()) {
                j.raiseConcernForOrganiser(concern, clock.next());
            } else {
                j.raiseConcern(concern, clock.next());
            }
            if (random.nextBoolean()) {
                j.resolveConcern(concern, clock.next());
            }
        }
        return j;
    }

    private static TerminationReason reason(Random random) {
        TerminationReason[] reasons = TerminationReason.values();
        return reasons[random.nextInt(reasons.length)];
    }

    /** Business dates moving forward a few days to a few weeks at a time. */
    private static final class Clock {
        private LocalDate date;
        private final Random random;

        Clock(LocalDate start, Random random) {
            this.date = start;
            this.random = random;
        }

        LocalDate next() {
            date = date.plusDays(1 + random.nextInt(30));
            return date;
        }
    }
}
