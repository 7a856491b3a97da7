package fi.mentoringledger.testsupport.journey;

import java.time.LocalDate;

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * One relationship's life, action by action, as {@link Journeys} walks it: the walk decides which
 * action comes next, on which day and with which ids and figures; whoever implements this records
 * it in its own words (the query tests' account with its expected figures, the benchmark's events
 * with realistic text). Every step is one the lifecycle allows at that point.
 */
public interface JourneySteps {

    /** Signs the agreement with goals numbered 1 to {@code goalCount}. */
    JourneySteps agree(LocalDate on, int goalCount);

    /** Amends the agreement to goals numbered 1 to {@code goalCount}; a goal keeps its number. */
    JourneySteps amend(LocalDate on, int goalCount);

    JourneySteps meet(LocalDate on);

    /** Marks the agreement's goal of that number (from 1) achieved. */
    JourneySteps achieveGoal(int number, LocalDate on);

    JourneySteps raiseConcern(String concernId, boolean forOrganiser, LocalDate on);

    JourneySteps resolveConcern(String concernId, LocalDate on);

    JourneySteps pause(LocalDate on);

    JourneySteps resume(LocalDate on);

    JourneySteps close(LocalDate on);

    JourneySteps terminate(TerminationReason reason, LocalDate on);

    JourneySteps evaluate(Party by, int rating, LocalDate on);

    /** Starts the relationship: where a walk begins. */
    @FunctionalInterface
    interface Start<J extends JourneySteps> {

        /** @param programmeId null for a relationship outside any programme */
        J start(String relationshipId, String programmeId, LocalDate on);
    }
}
