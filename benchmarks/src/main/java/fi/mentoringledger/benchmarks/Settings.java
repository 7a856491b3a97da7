package fi.mentoringledger.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the services and their database are, and how big the run is. Every value can be given as
 * {@code --name=value}; the defaults are the local run of the README ({@code bin/run-local}).
 */
record Settings(
        String mode,
        String commandUrl,
        String queryUrl,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        String user,
        String password,
        Path output,
        List<Integer> clientLevels,
        int relationships,
        Duration warmUp,
        Duration commandLevel,
        Duration baselineLevel,
        Duration lagDuration,
        long replayEvents,
        int readRelationships,
        int readSamples,
        Duration readBudget,
        Duration replayTimeout,
        Duration catchUpTimeout,
        Long commandPid,
        Long queryPid,
        Set<String> phases) {

    static final List<String> PHASES = List.of("baseline", "commands", "lag", "replay", "reads", "memory");

    static final String USAGE = """
            java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar [--quick] [--name=value ...]

              --command-url=http://127.0.0.1:8081        the running command-service
              --query-url=http://127.0.0.1:8082          the running query-service
              --jdbc-url=jdbc:postgresql://127.0.0.1:54329/mentoring   their database
              --jdbc-user=postgres  --jdbc-password=     (or PGPASSWORD)
              --user=admin  --password=                  an ADMIN of both services, with HTTP Basic
                                                         (or MENTORING_PASSWORD; bin/run-local prints it)
              --out=target/benchmark-results.json        the JSON results
              --quick                                    a small run of a minute or so (CI); figures not meaningful
              sizes (full defaults): --relationships=10000 --replay-events=1000000
                --read-relationships=100000 --read-samples=200 --command-seconds=20
                --baseline-seconds=5 --lag-seconds=30 --warm-up-seconds=3
                --replay-timeout-seconds=420 --catch-up-timeout-seconds=300
                --read-seconds=15                       at most this long per kind of read
              --phases=baseline,commands,lag,replay,reads,memory   a subset, for tuning one part
                                                         (lag needs commands; reads alone measure what is there)
              --command-pid=, --query-pid=               when the services' processes cannot be found
                                                         from their ports (memory is read from /proc)

            The run writes into that database: a scratch table (dropped afterwards), about
            relationships x 11 events over HTTP and enough seeded events for the replay and read
            figures. Point it at a database you can throw away.""";

    static Settings parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (arg.equals("--quick")) {
                given.put("mode", "quick");
            } else if (arg.startsWith("--") && arg.contains("=")) {
                int equals = arg.indexOf('=');
                given.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
        }
        return from(given);
    }

    static Settings from(Map<String, String> given) {
        Map<String, String> values = new HashMap<>(given);
        boolean quick = "quick".equals(values.getOrDefault("mode", "full"));
        Settings settings = new Settings(
                quick ? "quick" : "full",
                trimSlash(take(values, "command-url", "http://127.0.0.1:8081")),
                trimSlash(take(values, "query-url", "http://127.0.0.1:8082")),
                take(values, "jdbc-url", "jdbc:postgresql://127.0.0.1:54329/mentoring"),
                take(values, "jdbc-user", "postgres"),
                take(values, "jdbc-password", System.getenv().getOrDefault("PGPASSWORD", "")),
                take(values, "user", "admin"),
                take(values, "password", System.getenv().getOrDefault("MENTORING_PASSWORD", "")),
                Path.of(take(values, "out", "target/benchmark-results.json")),
                List.of(1, 8, 32),
                Integer.parseInt(take(values, "relationships", quick ? "150" : "10000")),
                seconds(take(values, "warm-up-seconds", quick ? "0.5" : "3")),
                seconds(take(values, "command-seconds", quick ? "2" : "20")),
                seconds(take(values, "baseline-seconds", quick ? "1" : "5")),
                seconds(take(values, "lag-seconds", quick ? "3" : "30")),
                Long.parseLong(take(values, "replay-events", quick ? "8000" : "1000000")),
                Integer.parseInt(take(values, "read-relationships", quick ? "700" : "100000")),
                Integer.parseInt(take(values, "read-samples", quick ? "10" : "200")),
                seconds(take(values, "read-seconds", quick ? "10" : "15")),
                seconds(take(values, "replay-timeout-seconds", quick ? "90" : "420")),
                seconds(take(values, "catch-up-timeout-seconds", quick ? "60" : "300")),
                optionalLong(take(values, "command-pid", null)),
                optionalLong(take(values, "query-pid", null)),
                phases(take(values, "phases", String.join(",", PHASES))));
        values.remove("mode");
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown settings " + values.keySet() + "\n" + USAGE);
        }
        return settings;
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    private static Set<String> phases(String list) {
        Set<String> phases = new LinkedHashSet<>(Arrays.asList(list.split(",")));
        if (!PHASES.containsAll(phases)) {
            throw new IllegalArgumentException("phases are " + PHASES + ", not " + list);
        }
        return phases;
    }

    boolean quick() {
        return mode.equals("quick");
    }

    private static String take(Map<String, String> values, String key, String fallback) {
        String value = values.remove(key);
        return value != null ? value : fallback;
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    private static Long optionalLong(String value) {
        return value == null || value.isBlank() ? null : Long.valueOf(value);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
