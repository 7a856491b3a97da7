package fi.mentoringledger.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The benchmark of issue 7, against running services: PostgreSQL's own limits first (baselines in
 * the same database), then commands, projection lag, replay, reads and memory, each figure beside
 * its baseline and target. Prints a table and writes the figures as JSON. See BENCHMARKS.md.
 */
public final class Benchmark {

    // Issue 13's targets. Commands: 25 % of the JDBC rate at 8 clients (50 % stays the long goal)
    // and a p50 of 3 ms for one client; reads: 20 ms up to 100,000 relationships, 50 ms beyond.
    static final double COMMAND_TARGET = 0.25;
    static final double SINGLE_COMMAND_P50_TARGET_MS = 3;
    static final double REPLAY_TARGET = 0.10;
    static final double LAG_P99_TARGET_MS = 100;
    static final double READ_P95_TARGET_MS = 20;
    static final double READ_P95_TARGET_MS_PAST_100K = 50;
    static final double MEMORY_TARGET_MIB = 512;
    /** The lag probe follows at most this many commands a second, so that its polling stays a small load. */
    private static final double LAG_SAMPLES_PER_SECOND = 15;

    private final Settings settings;
    private final Report report = new Report();
    private final Database database;
    private final Http http;
    private final QuerySide query;
    private final String runId = Long.toString(Instant.now().getEpochSecond(), 36);
    /** Business dates stay a day behind, so no time zone makes them lie in the future. */
    private final LocalDate latest = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    private double maxCommandsPerSecond;
    /** The pool of the commands phase, which the lag phase keeps driving. */
    private CommandLoad lastLoad;

    Benchmark(Settings settings) {
        this.settings = settings;
        this.http = new Http(settings.user(), settings.password());
        this.database = new Database(settings);
        this.query = new QuerySide(http, settings.queryUrl(), database);
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Report report = new Benchmark(settings).run();
        report.print(System.out);
        System.out.println("JSON: " + settings.output().toAbsolutePath());
    }

    /** Runs every phase; a phase that fails is reported and the others still run. */
    Report run() throws Exception {
        log("benchmark %s (%s mode): command %s, query %s, database %s", runId, settings.mode(),
                settings.commandUrl(), settings.queryUrl(), settings.jdbcUrl());
        describeRun();
        long started = System.nanoTime();
        try {
            phase("baseline", "baseline commits", this::baselineCommits);
            phase("commands", "commands", this::commands);
            phase("lag", "projection lag", this::projectionLag);
            phase("replay", "replay", this::seedAndReplay);
            phase("reads", "reads", this::reads);
            phase("memory", "memory", this::memory);
        } finally {
            http.close();
        }
        report.section("run").put("finishedAt", Instant.now().toString());
        report.section("run").put("seconds", (System.nanoTime() - started) / 1e9);
        report.write(settings.output());
        return report;
    }

    private interface Phase {
        void run() throws Exception;
    }

    private void phase(String key, String name, Phase phase) {
        if (!settings.runs(key)) {
            return;
        }
        long started = System.nanoTime();
        log("%s ...", name);
        try {
            phase.run();
        } catch (Exception | AssertionError e) {
            String message = name + " failed: " + e;
            log("%s", message);
            report.note(message);
            report.section("errors").put(name, e.toString());
        }
        log("%s done in %.1f s", name, (System.nanoTime() - started) / 1e9);
    }

    private void describeRun() throws Exception {
        ObjectNode run = report.section("run");
        run.put("id", runId);
        run.put("mode", settings.mode());
        run.put("startedAt", Instant.now().toString());
        run.put("commandUrl", settings.commandUrl());
        run.put("queryUrl", settings.queryUrl());
        run.put("jdbcUrl", settings.jdbcUrl());
        ObjectNode machine = report.section("machine");
        machine.put("processors", Runtime.getRuntime().availableProcessors());
        machine.put("memTotal", meminfo("MemTotal:"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("benchmarkJava", System.getProperty("java.version"));
        machine.put("postgres", database.queryString("SELECT version()"));
        for (String setting : List.of("shared_buffers", "synchronous_commit", "fsync", "commit_delay", "max_connections",
                "autovacuum")) {
            machine.put("postgres." + setting, database.queryString("SHOW " + setting));
        }
        if ("off".equals(machine.path("postgres.fsync").asText())
                || "off".equals(machine.path("postgres.synchronous_commit").asText())) {
            report.note("this PostgreSQL does not wait for the disk on commit (fsync or synchronous_commit off, as the"
                    + " local run's embedded one): the commit baselines are far above what a durable database does");
        }
        if ("off".equals(machine.path("postgres.autovacuum").asText())) {
            report.note("autovacuum is off on this PostgreSQL: the projections' dead rows are never cleaned up, which"
                    + " slows counts and reports (BENCHMARKS.md)");
        }
        ObjectNode sizes = report.section("settings");
        sizes.put("relationships", settings.relationships());
        sizes.put("commandSecondsPerLevel", settings.commandLevel().toMillis() / 1000.0);
        sizes.put("warmUpSeconds", settings.warmUp().toMillis() / 1000.0);
        sizes.put("baselineSecondsPerLevel", settings.baselineLevel().toMillis() / 1000.0);
        sizes.put("lagSeconds", settings.lagDuration().toMillis() / 1000.0);
        sizes.put("replayEvents", settings.replayEvents());
        sizes.put("readRelationships", settings.readRelationships());
        sizes.put("readSamples", settings.readSamples());
        sizes.put("readSecondsPerKind", settings.readBudget().toMillis() / 1000.0);
    }

    private void baselineCommits() throws Exception {
        Random random = new Random(7);
        List<EventRows.Row> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.addAll(EventRows.rows(Lifecycle.plan("baseline-" + i, random, latest), random));
        }
        double averageBytes = rows.stream().mapToInt(EventRows.Row::bytes).average().orElse(0);
        List<JdbcBaselines.CommitRate> rates = new JdbcBaselines(database)
                .singleRowCommits(rows, settings.clientLevels(), settings.baselineLevel(), settings.warmUp());
        ObjectNode baseline = report.section("baseline");
        baseline.put("scratchTable", JdbcBaselines.SCRATCH_TABLE + " (LIKE domain_event_entry INCLUDING ALL)");
        baseline.put("averageRowBytes", Math.round(averageBytes));
        ObjectNode commits = baseline.putObject("singleRowCommitsPerSecond");
        for (JdbcBaselines.CommitRate rate : rates) {
            commits.put(Integer.toString(rate.clients()), rate.perSecond());
            report.figure(Report.Figure.info("baseline: JDBC single-row commits/s, " + rate.clients() + " clients",
                    rate.perSecond(), "/s"));
        }
    }

    private void commands() throws Exception {
        CommandLoad load = new CommandLoad(http, settings.commandUrl(), "bench-" + runId + "-h",
                settings.relationships(), latest);
        double populate = load.populate(8);
        ObjectNode commands = report.section("commands");
        commands.put("relationshipsStarted", settings.relationships());
        commands.put("populateSeconds", populate);
        commands.put("populatePerSecond", settings.relationships() / populate);
        log("started %d relationships in %.1f s", settings.relationships(), populate);

        ObjectNode baselines = report.section("baseline").withObjectProperty("singleRowCommitsPerSecond");
        ObjectNode levels = commands.putObject("levels");
        for (int clients : settings.clientLevels()) {
            Optional<Double> cpuBefore = commandPid().flatMap(ServiceMemory::cpuSeconds);
            CommandLoad.LevelResult level = load.closedLoop(clients, settings.warmUp(), settings.commandLevel());
            Optional<Double> cpuAfter = commandPid().flatMap(ServiceMemory::cpuSeconds);
            maxCommandsPerSecond = Math.max(maxCommandsPerSecond, level.perSecond());
            double baseline = baselines.path(Integer.toString(clients)).asDouble(Double.NaN);
            ObjectNode json = levels.putObject(Integer.toString(clients));
            json.put("perSecond", level.perSecond());
            json.put("accepted", level.accepted());
            json.put("failed", level.failed());
            json.put("seconds", level.seconds());
            json.setAll(level.latencies().toJson(50, 95, 99));
            putRatio(json, "ratioToBaseline", level.perSecond(), baseline);
            if (cpuBefore.isPresent() && cpuAfter.isPresent() && level.sentInAll() > 0) {
                // Robust to a busy machine, unlike commands/s: what one command costs the service.
                json.put("commandServiceCpuMsPerCommand",
                        (cpuAfter.get() - cpuBefore.get()) * 1000 / level.sentInAll());
            }
            ObjectNode mix = json.putObject("mix");
            level.mix().forEach(mix::put);
            log("%d clients: %.0f commands/s, p50 %.1f ms, p99 %.1f ms, %d failed, %s CPU ms/command", clients,
                    level.perSecond(), level.latencies().percentileMillis(50), level.latencies().percentileMillis(99),
                    level.failed(), json.has("commandServiceCpuMsPerCommand")
                            ? String.format(Locale.ROOT, "%.2f", json.path("commandServiceCpuMsPerCommand").asDouble()) : "?");
            boolean targeted = clients == 8;
            Double ratio = Double.isNaN(baseline) ? null : level.perSecond() / baseline;
            report.figure(Report.Figure.of("commands/s, " + clients + " clients", level.perSecond(), "/s",
                    Double.isNaN(baseline) ? null : baseline, ratio,
                    targeted ? String.format(Locale.ROOT, ">= %.0f%% of JDBC commits/s", COMMAND_TARGET * 100) : null,
                    targeted && ratio != null ? ratio >= COMMAND_TARGET : null));
            report.figure(Report.Figure.text("  latency p50 / p95 / p99", percentiles(level.latencies(), 50, 95, 99)));
            if (clients == 1) {
                Double p50 = level.latencies().percentileMillis(50);
                report.figure(Report.Figure.of("  latency p50, 1 client", p50, "ms", null, null,
                        String.format(Locale.ROOT, "p50 <= %.0f ms", SINGLE_COMMAND_P50_TARGET_MS),
                        p50 == null ? null : p50 <= SINGLE_COMMAND_P50_TARGET_MS));
            }
        }
        commands.put("relationshipsCreated", load.relationshipsCreated());
        commands.put("errors", load.errors());
        ArrayNode samples = commands.putArray("errorSamples");
        load.errorSamples().forEach(samples::add);
        if (load.errors() > 0) {
            report.note(load.errors() + " commands were refused or failed; first: " + load.errorSamples());
        }
        lastLoad = load;
    }

    private void projectionLag() throws Exception {
        if (lastLoad == null || maxCommandsPerSecond <= 0) {
            throw new IllegalStateException("no command rate was measured");
        }
        double caughtUp = query.awaitCaughtUp(settings.catchUpTimeout());
        ObjectNode lag = report.section("projectionLag");
        lag.put("catchUpAfterCommandsSeconds", caughtUp);
        if (caughtUp < 0) {
            report.note("the projections had not caught up with the command phase within "
                    + settings.catchUpTimeout().toSeconds() + " s; lag includes that backlog");
        }
        double rate = maxCommandsPerSecond / 2;
        long every = Math.max(1, (long) Math.ceil(rate / LAG_SAMPLES_PER_SECOND));
        AtomicLong acknowledged = new AtomicLong();
        CommandLoad.PacedResult paced;
        try (QuerySide.LagProbe probe = query.new LagProbe()) {
            paced = lastLoad.paced(rate, settings.lagDuration(), 16, (sent, at) -> {
                if (acknowledged.incrementAndGet() % every == 0) {
                    probe.watch(sent.relationshipId(), sent.version(), at);
                }
            });
            probe.drain();
            lag.put("targetCommandsPerSecond", rate);
            lag.put("achievedCommandsPerSecond", paced.perSecond());
            lag.put("sampledEvery", every);
            lag.put("timeouts", probe.timeouts());
            lag.put("pollIntervalMs", "10 for the first 300 ms, then 50");
            lag.setAll(probe.lag().toJson(50, 95, 99));
            ObjectNode commandLatency = lag.putObject("commandLatency");
            commandLatency.setAll(paced.latencies().toJson(50, 99));
            Double p99 = probe.lag().percentileMillis(99);
            log("lag at %.0f commands/s (achieved %.0f): p50 %s ms, p99 %s ms, %d timeouts", rate, paced.perSecond(),
                    probe.lag().percentileMillis(50), p99, probe.timeouts());
            report.figure(Report.Figure.text("projection lag p50 / p99 at " + Math.round(rate) + " commands/s",
                    percentiles(probe.lag(), 50, 99)));
            report.figure(Report.Figure.of("  projection lag p99", p99, "ms", null, null,
                    String.format(Locale.ROOT, "p99 <= %.0f ms", LAG_P99_TARGET_MS),
                    p99 == null ? null : p99 <= LAG_P99_TARGET_MS && probe.timeouts() == 0));
        }
    }

    private void seedAndReplay() throws Exception {
        ObjectNode replay = report.section("replay");
        try (var connection = database.connect()) {
            int compared = EventRows.verifyAgainstStoredRows(connection, "bench-" + runId + "-h", 2_000, true);
            if (compared == 0) {
                // Without the commands phase: the oldest stored rows, usually the service's own.
                compared = EventRows.verifyAgainstStoredRows(connection, "", 2_000, false);
            }
            replay.put("seedFormatCheckedAgainstStoredRows", compared);
            if (compared == 0) {
                report.note("no stored row to check the seeded format against");
            }
        }
        EventSeeder.Seeded seeded = new EventSeeder(database).seed("bench-" + runId + "-s", settings.replayEvents(),
                settings.readRelationships(), latest);
        replay.put("seededRelationships", seeded.relationships());
        replay.put("seededEvents", seeded.events());
        replay.put("seedSeconds", seeded.seconds());
        replay.put("seedEventsPerSecond", seeded.eventsPerSecond());
        replay.put("seedAverageRowBytes", seeded.events() == 0 ? 0 : seeded.bytes() / seeded.events());
        log("seeded %d relationships, %d events in %.1f s (%.0f events/s)", seeded.relationships(), seeded.events(),
                seeded.seconds(), seeded.eventsPerSecond());
        if (seeded.events() > 0) {
            report.figure(Report.Figure.info("seeding: JDBC batch inserts, events/s", seeded.eventsPerSecond(), "/s"));
        }

        Optional<Double> cpuBefore = queryPid().flatMap(ServiceMemory::cpuSeconds);
        QuerySide.Replay result = query.replayAll(settings.replayTimeout());
        Optional<Double> cpuAfter = queryPid().flatMap(ServiceMemory::cpuSeconds);
        if (cpuBefore.isPresent() && cpuAfter.isPresent()) {
            replay.put("queryServiceCpuSeconds", cpuAfter.get() - cpuBefore.get());
            replay.put("queryServiceCpuMsPer1000Events",
                    (cpuAfter.get() - cpuBefore.get()) * 1e6 / Math.max(1, result.events() * (result.completed() ? 1 : result.progress())));
        }
        replay.put("events", result.events());
        replay.put("seconds", result.seconds());
        replay.put("completed", result.completed());
        replay.put("eventsPerSecond", result.perSecond());
        if (!result.completed()) {
            report.note(String.format(Locale.ROOT, "the replay did not finish within %d s (slowest processor at %.0f%%);"
                    + " its rate is estimated from that progress", settings.replayTimeout().toSeconds(),
                    result.progress() * 100));
        }
        log("replay of %d events: %.1f s, %.0f events/s%s", result.events(), result.seconds(), result.perSecond(),
                result.completed() ? "" : " (not finished)");

        JdbcBaselines.ReadRate read = new JdbcBaselines(database).sequentialRead();
        ObjectNode baseline = report.section("baseline");
        baseline.put("sequentialReadRowsPerSecond", read.perSecond());
        baseline.put("sequentialReadRows", read.rows());
        baseline.put("sequentialReadPageSize", JdbcBaselines.PAGE);
        report.figure(Report.Figure.info("baseline: JDBC sequential read, rows/s (pages of 1,000)", read.perSecond(),
                "/s"));
        double ratio = result.perSecond() / read.perSecond();
        putRatio(replay, "ratioToSequentialRead", result.perSecond(), read.perSecond());
        report.figure(Report.Figure.of("replay, events/s (" + String.format(Locale.ROOT, "%,d", result.events())
                + " events, every projection)", result.perSecond(), "/s", read.perSecond(), ratio,
                ">= 10% of sequential read", ratio >= REPLAY_TARGET));

        if (!result.completed()) {
            report.note("reads were measured while the replay was still running, on the generation it had not yet"
                    + " replaced (see reads.relationships for its size); --phases=reads measures them again later");
        }
    }

    private void reads() throws Exception {
        List<String> ids = database.relationshipSample(1_000);
        if (ids.isEmpty()) {
            throw new IllegalStateException("no relationship to read the history of");
        }
        long relationships = query.listedRelationships();
        if (relationships < settings.readRelationships()) {
            report.note(String.format(Locale.ROOT, "reads were measured at %,d listed relationships, fewer than the %,d"
                    + " asked for: the projections had not caught up with the seeded events", relationships,
                    settings.readRelationships()));
        }
        ObjectNode json = report.section("reads");
        json.put("relationships", relationships);
        json.put("relationshipsInEventStore",
                database.queryLong("SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0"));
        Map<String, Reads.ReadResult> results = new Reads(http, query).measure(settings.readSamples(), settings.readBudget(), ids,
                latest);
        for (Reads.ReadResult result : results.values()) {
            ObjectNode kind = json.putObject(result.name());
            kind.put("example", result.example());
            kind.setAll(result.latencies().toJson(50, 95, 99));
            kind.put("failed", result.failed());
            if (result.firstFailure() != null) {
                kind.put("firstFailure", result.firstFailure());
                report.note(result.name() + " failed: " + result.firstFailure());
            }
            Double p50 = result.latencies().percentileMillis(50);
            Double p95 = result.latencies().percentileMillis(95);
            log("%s: p50 %s ms, p95 %s ms, %d failed", result.name(), p50, p95, result.failed());
            report.figure(Report.Figure.text(String.format(Locale.ROOT, "%s p50 / p95 / p99 at %,d relationships",
                    result.name(), relationships), percentiles(result.latencies(), 50, 95, 99)));
            double target = relationships > 100_000 ? READ_P95_TARGET_MS_PAST_100K : READ_P95_TARGET_MS;
            report.figure(Report.Figure.of("  " + result.name() + " p95", p95, "ms", null, null,
                    String.format(Locale.ROOT, "p95 <= %.0f ms", target),
                    p95 == null ? null : p95 <= target && result.failed() == 0));
        }
    }

    private void memory() {
        ObjectNode json = report.section("memory");
        for (String service : List.of("command-service", "query-service")) {
            boolean command = service.startsWith("command");
            Optional<ServiceMemory.Reading> reading = ServiceMemory.read(
                    command ? settings.commandUrl() : settings.queryUrl(),
                    command ? settings.commandPid() : settings.queryPid(), service);
            ObjectNode node = json.putObject(service);
            reading.ifPresentOrElse(r -> {
                node.put("pid", r.pid());
                node.put("foundBy", r.foundBy());
                node.put("peakResidentMiB", r.peakMiB());
                node.put("residentMiB", r.currentMiB());
            }, () -> node.put("error", "process not found on this machine"));
            log("%s: %s", service, ServiceMemory.describe(reading));
            report.figure(Report.Figure.of(service + " peak resident memory (VmHWM)",
                    reading.map(ServiceMemory.Reading::peakMiB).orElse(null), "MiB", null, null, "<= 512 MiB",
                    reading.map(r -> r.peakMiB() <= MEMORY_TARGET_MIB).orElse(null)));
        }
    }

    private static String percentiles(Latencies latencies, double... percentiles) {
        if (latencies.count() == 0) {
            return "n/a";
        }
        StringBuilder text = new StringBuilder();
        for (double percentile : percentiles) {
            text.append(text.length() == 0 ? "" : " / ")
                    .append(String.format(Locale.ROOT, "%.1f", latencies.percentileMillis(percentile)));
        }
        return text.append(" ms").toString();
    }

    private Optional<Long> commandPid() {
        return ServiceMemory.read(settings.commandUrl(), settings.commandPid(), "command-service")
                .map(ServiceMemory.Reading::pid);
    }

    private Optional<Long> queryPid() {
        return ServiceMemory.read(settings.queryUrl(), settings.queryPid(), "query-service")
                .map(ServiceMemory.Reading::pid);
    }

    private static void putRatio(ObjectNode node, String field, double value, double baseline) {
        if (Double.isNaN(baseline) || baseline <= 0) {
            node.putNull(field);
        } else {
            node.put(field, value / baseline);
        }
    }

    private static String meminfo(String key) {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(key.length()).trim()).findFirst().orElse("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }

    /**
     * A command-line program's own output, not a service's log: progress on stderr, the report on
     * stdout (so that {@code > report.txt} keeps only the figures).
     */
    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[%s] %s%n", Instant.now().toString().substring(11, 19),
                String.format(Locale.ROOT, format, args));
    }
}
