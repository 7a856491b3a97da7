package fi.mentoringledger.query.report.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.support.Journey;

/**
 * The survival curve against an example worked out by hand: ties of terminations and censoring on
 * one day, relationships still open (censored) and one closed as completed (at risk throughout).
 */
class RetentionSurvivalTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);

    /**
     * Eight relationships, by days since their start: A and B terminated on day 10, C still open and
     * started 10 days ago, D terminated on day 20, E closed as completed, F open for 15 days, G
     * terminated on day 40, H open for 5 days.
     * <pre>
     * day  at risk  terminated  censored  surviving
     *   5     8         0          1      1
     *  10     7         2          1      1 × (1 − 2/7) = 5/7   (C still at risk on day 10)
     *  15     4         0          1      5/7
     *  20     3         1          0      5/7 × (1 − 1/3) = 10/21
     *  40     2         1          0      10/21 × (1 − 1/2) = 5/21
     * </pre>
     * After day 40 only E is at risk, and stays so: at 30 days 2 at risk (E, G), 10/21; at 90, 180
     * and 365 days 1 at risk, 5/21.
     */
    @Test
    void theShareSurvivingFollowsTheHandWorkedExample() {
        List<RelationshipDays> group = List.of(
                terminated("a", 10), terminated("b", 10), open("c", 10), terminated("d", 20),
                completed("e"), open("f", 15), terminated("g", 40), open("h", 5));

        Survival survival = Survival.of(group);

        assertThat(survival.steps()).extracting(Survival.Step::day).containsExactly(5, 10, 15, 20, 40);
        assertThat(survival.steps()).extracting(Survival.Step::atRisk).containsExactly(8L, 7L, 4L, 3L, 2L);
        assertThat(survival.steps()).extracting(Survival.Step::terminated).containsExactly(0L, 2L, 0L, 1L, 1L);
        assertThat(survival.steps()).extracting(Survival.Step::censored).containsExactly(1L, 1L, 1L, 0L, 0L);
        double[] surviving = {1.0, 5.0 / 7, 5.0 / 7, 10.0 / 21, 5.0 / 21};
        for (int i = 0; i < surviving.length; i++) {
            assertThat(survival.steps().get(i).surviving()).as("day " + survival.steps().get(i).day())
                    .isCloseTo(surviving[i], within(1e-12));
        }
        assertThat(survival.at()).extracting(Survival.Checkpoint::day).containsExactly(30, 90, 180, 365);
        assertThat(survival.at()).extracting(Survival.Checkpoint::atRisk).containsExactly(2L, 1L, 1L, 1L);
        assertThat(survival.at().get(0).surviving()).isCloseTo(10.0 / 21, within(1e-12));
        for (Survival.Checkpoint later : survival.at().subList(1, 4)) {
            assertThat(later.surviving()).isCloseTo(5.0 / 21, within(1e-12));
        }
    }

    /** Without the completed one nobody is observed past day 40: the later checkpoints have no share. */
    @Test
    void aCheckpointNobodyIsAtRiskForHasNoShare() {
        Survival survival = Survival.of(List.of(terminated("a", 10), open("b", 40), terminated("c", 90)));

        assertThat(survival.at()).extracting(Survival.Checkpoint::atRisk).containsExactly(2L, 1L, 0L, 0L);
        assertThat(survival.at().get(0).surviving()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(survival.at().get(1).surviving()).as("c, terminated on day 90, was at risk on it")
                .isCloseTo(0.0, within(1e-12));
        assertThat(survival.at().get(2).surviving()).isNull();
        assertThat(survival.at().get(3).surviving()).isNull();
        assertThat(Survival.of(List.of()).at()).allSatisfy(at -> assertThat(at.surviving()).isNull());
        assertThat(Survival.of(List.of()).steps()).isEmpty();
    }

    /** A termination on the start day is one on day 0; a relationship started today is censored on day 0. */
    @Test
    void aTerminationOnTheStartDayIsOneOnDayZero() {
        Survival survival = Survival.of(List.of(terminated("a", 0), open("b", 0), completed("c")));

        assertThat(survival.steps()).singleElement().satisfies(step -> {
            assertThat(step.day()).isZero();
            assertThat(step.atRisk()).isEqualTo(3);
            assertThat(step.surviving()).isCloseTo(2.0 / 3, within(1e-12));
        });
    }

    private static RelationshipDays terminated(String id, int day) {
        LocalDate start = TODAY.minusDays(400);
        return days(new Journey(id, "p", start).terminate(TerminationReason.LACK_OF_TIME, start.plusDays(day)));
    }

    private static RelationshipDays open(String id, int daysAgo) {
        LocalDate start = TODAY.minusDays(daysAgo);
        return days(new Journey(id, "p", start).agree(start, 1));
    }

    private static RelationshipDays completed(String id) {
        LocalDate start = TODAY.minusDays(30);
        return days(new Journey(id, "p", start).agree(start.plusDays(1), 1).meet(start.plusDays(2)).close(start.plusDays(20)));
    }

    private static RelationshipDays days(Journey journey) {
        return RetentionHistories.daysOf(journey, TODAY);
    }
}
