package fi.mentoringledger.benchmarks;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Latencies in microseconds, recorded from many threads, reported in milliseconds. */
final class Latencies {

    private final Histogram histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.min(histogram.getHighestTrackableValue(), Math.max(0, nanos / 1_000)));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The percentile in milliseconds, or null when nothing was recorded. */
    Double percentileMillis(double percentile) {
        return count() == 0 ? null : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    Double maxMillis() {
        return count() == 0 ? null : histogram.getMaxValue() / 1_000.0;
    }

    ObjectNode toJson(double... percentiles) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("samples", count());
        for (double percentile : percentiles) {
            String name = "p" + (percentile == Math.rint(percentile) ? String.valueOf((int) percentile) : String.valueOf(percentile)) + "Ms";
            Double value = percentileMillis(percentile);
            if (value == null) {
                json.putNull(name);
            } else {
                json.put(name, value);
            }
        }
        Double max = maxMillis();
        if (max == null) {
            json.putNull("maxMs");
        } else {
            json.put("maxMs", max);
        }
        return json;
    }
}
