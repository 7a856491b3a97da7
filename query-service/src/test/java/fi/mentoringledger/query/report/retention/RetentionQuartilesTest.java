package fi.mentoringledger.query.report.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Quantiles by linear interpolation between the closest ranks, as numpy's {@code percentile}
 * (default) and Excel's PERCENTILE.INC give them; the figures below are theirs.
 */
class RetentionQuartilesTest {

    @Test
    void anOddCountHasItsMiddleValueAsMedian() {
        assertThat(Quartiles.of(List.of(5, 1, 4, 2, 3))).isEqualTo(new Quartiles(5, 2.0, 3.0, 4.0));
    }

    /** numpy.percentile([1, 2, 3, 10], [25, 50, 75]) = [1.75, 2.5, 4.75]. */
    @Test
    void anEvenCountInterpolatesAndItsMedianIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Quartiles.of(List.of(10, 3, 1, 2))).isEqualTo(new Quartiles(4, 1.75, 2.5, 4.75));
        assertThat(Quartiles.of(List.of(0, 7))).isEqualTo(new Quartiles(2, 1.75, 3.5, 5.25));
    }

    @Test
    void oneValueIsEveryQuantileAndNoValuesHaveNone() {
        assertThat(Quartiles.of(List.of(7))).isEqualTo(new Quartiles(1, 7.0, 7.0, 7.0));
        assertThat(Quartiles.of(List.of())).isEqualTo(new Quartiles(0, null, null, null));
    }

    @Test
    void aMilestoneCountsThoseThatHaveNotReachedIt() {
        assertThat(RetentionReport.Milestone.of(List.of(3, 9, 6), 5))
                .isEqualTo(new RetentionReport.Milestone(3, 2, 4.5, 6.0, 7.5));
        assertThat(RetentionReport.Milestone.of(List.of(), 2))
                .isEqualTo(new RetentionReport.Milestone(0, 2, null, null, null));
    }
}
