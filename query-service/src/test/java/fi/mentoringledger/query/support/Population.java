package fi.mentoringledger.query.support;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import fi.mentoringledger.testsupport.journey.Journeys;
import fi.mentoringledger.testsupport.journey.Mix;

/**
 * A seeded population of journeys that goes through every kind of path ({@link Mix#EVERY_PATH}):
 * closed (with and without a pause), terminated from each open stage, paused and resumed, and
 * still open in each open stage; with meetings, goals, concerns, amendments and evaluations. Dates
 * start in 2024–2025. Each journey is the tests' own {@link Journey}, which knows what the read
 * models should say of it.
 */
public final class Population {

    public static final List<String> PROGRAMMES = Arrays.asList("womento", "suomen-mentorit", "auroras", null);
    private static final Journeys JOURNEYS = new Journeys(Mix.EVERY_PATH,
            Journeys.Dates.from(LocalDate.of(2024, 1, 1), 450, 30), PROGRAMMES);

    private Population() {
    }

    public static List<Journey> generate(long seed, int count, String idPrefix) {
        return JOURNEYS.generate(seed, count, idPrefix, Journey::new);
    }
}
