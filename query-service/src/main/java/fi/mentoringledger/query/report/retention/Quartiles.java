package fi.mentoringledger.query.report.retention;

import java.util.List;

/**
 * The count, quartiles and median of a number of days. A quantile p of n sorted values lies at
 * rank h = (n − 1) × p from 0, interpolated linearly between the values at the ranks either side
 * (numpy's default, Excel's PERCENTILE.INC): the median of an even count is then the mean of the
 * two middle values, as DOMAIN.md defines it. Every quantile of no values is null; of one value,
 * that value.
 */
public record Quartiles(long count, Double p25, Double median, Double p75) {

    static Quartiles of(List<Integer> values) {
        List<Integer> sorted = values.stream().sorted().toList();
        return new Quartiles(sorted.size(), quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75));
    }

    static Double quantile(List<Integer> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        double rank = (sorted.size() - 1) * p;
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.size() - 1);
        return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
    }
}
