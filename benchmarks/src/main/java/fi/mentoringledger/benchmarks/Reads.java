package fi.mentoringledger.benchmarks;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The organisers' reads, one client at a time so that each figure is the latency of one request:
 * the outcome report whole, filtered to one programme's intake year and grouped; the relationship
 * list; one relationship's history.
 */
final class Reads {

    private final Http http;
    private final QuerySide query;

    Reads(Http http, QuerySide query) {
        this.http = http;
        this.query = query;
    }

    /** One kind of read: its latencies, and the requests that did not answer 200. */
    record ReadResult(String name, String example, Latencies latencies, long failed, String firstFailure) {
    }

    /**
     * Each kind of read {@code samples} times after a warm-up, one request at a time, but for at
     * most {@code budget} per kind, so that a slow service cannot stretch the run past its time.
     */
    Map<String, ReadResult> measure(int samples, Duration budget, List<String> historyIds, LocalDate latest)
            throws Exception {
        Random random = new Random(42);
        String yearAgo = latest.minusYears(1).toString();
        Map<String, IntFunction<String>> kinds = new LinkedHashMap<>();
        kinds.put("report", i -> "/api/reports/outcomes");
        kinds.put("report-filtered", i -> "/api/reports/outcomes?programmeId="
                + Lifecycle.PROGRAMMES.get(i % Lifecycle.PROGRAMMES.size())
                + "&startedFrom=" + yearAgo + "&startedTo=" + latest);
        kinds.put("report-grouped", i -> "/api/reports/outcomes?groupBy=" + (i % 2 == 0 ? "programme" : "startQuarter"));
        kinds.put("list", i -> "/api/relationships?page=0&size=50");
        kinds.put("list-filtered", i -> "/api/relationships?programmeId="
                + Lifecycle.PROGRAMMES.get(i % Lifecycle.PROGRAMMES.size()) + "&stage=IN_PROGRESS&page=0&size=50");
        kinds.put("history", i -> "/api/relationships/" + historyIds.get(random.nextInt(historyIds.size())) + "/history");

        Map<String, ReadResult> results = new LinkedHashMap<>();
        int warmUp = Math.max(3, samples / 10);
        for (Map.Entry<String, IntFunction<String>> kind : kinds.entrySet()) {
            Latencies latencies = new Latencies();
            long failed = 0;
            String firstFailure = null;
            long giveUp = System.nanoTime() + budget.toNanos();
            for (int i = -warmUp; i < samples && System.nanoTime() < giveUp; i++) {
                String path = kind.getValue().apply(i + warmUp);
                Http.Answer answer = http.get(query.url(path));
                if (!answer.ok()) {
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = path + " -> " + answer.status() + " " + abbreviate(answer.body());
                    }
                } else if (i >= 0) {
                    latencies.recordNanos(answer.nanos());
                }
            }
            results.put(kind.getKey(), new ReadResult(kind.getKey(), kind.getValue().apply(0), latencies, failed,
                    firstFailure));
        }
        return results;
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
