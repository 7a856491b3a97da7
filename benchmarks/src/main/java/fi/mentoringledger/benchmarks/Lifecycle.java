package fi.mentoringledger.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import fi.mentoringledger.testsupport.journey.EventJourney;
import fi.mentoringledger.testsupport.journey.Journeys;
import fi.mentoringledger.testsupport.journey.Mix;

/**
 * The benchmark's relationships: the tests' generator of journeys ({@link Journeys}) with its
 * realistic mix, recorded as events in a real programme's words ({@link EventJourney}). The same
 * plan is sent as HTTP commands by the load and written as event rows by the seeder, so both
 * produce the same mix and row sizes (about eleven events per relationship).
 */
final class Lifecycle {

    static final List<String> PROGRAMMES = List.of("womento", "suomen-mentorit", "auroras", "luckan-integration",
            "yrittajat-mentorointipankki", "aalto-mentoring", "helsinki-uni", "tampere-uni", "turku-uni", "oulu-uni");

    private Lifecycle() {
    }

    /** One relationship's whole plan: its id and the commands it will receive, in order. */
    record Plan(String relationshipId, List<EventJourney.Step> steps) {
    }

    /**
     * A plan whose business dates run from a start 120 to 999 days before {@code latest} and never
     * pass it, so the command API accepts every date and the reports have years of intakes; about one
     * relationship in eleven belongs to no programme.
     */
    static Plan plan(String relationshipId, Random random, LocalDate latest) {
        List<String> programmes = new ArrayList<>(PROGRAMMES);
        programmes.add(null);
        Journeys journeys = new Journeys(Mix.REALISTIC, Journeys.Dates.until(latest, 120, 999, 14), programmes);
        return new Plan(relationshipId, journeys.journey(relationshipId, 0, random, EventJourney.start(random)).steps());
    }
}
