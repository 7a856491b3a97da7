package fi.mentoringledger.eventstore;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own checker, from Debian's {@code prometheus} package (bin/test installs it), for the
 * tests of the metrics and the alert rules. Its absence fails a test, never skips it.
 */
public final class Promtool {

    public static final String BINARY = System.getProperty("promtool.binary", "/usr/bin/promtool");

    /** What promtool said, and whether it was content. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Promtool() {
    }

    /**
     * Checks a scrape with {@code promtool check metrics}: it must parse (exit 0, or 3 for findings
     * of style only), and no finding may concern this project's metrics ({@code ledger_*}) or the
     * ones it renames ({@code axon_*}, see MetricNames). Spring's and Micrometer's own metrics keep
     * the names and (missing) help texts that dashboards everywhere know them by; only those
     * findings are tolerated, each of a kind listed here.
     */
    public static void checkMetrics(String scrape) {
        if (scrape.isBlank()) {
            throw new AssertionError("an empty scrape (which promtool would accept)");
        }
        Result result = run(scrape, "check", "metrics");
        if (result.exitCode() != 0 && result.exitCode() != 3) {
            throw new AssertionError("promtool check metrics refused the scrape (exit " + result.exitCode() + "):\n"
                    + result.output());
        }
        List<String> refused = result.output().lines()
                .filter(line -> !line.isBlank())
                .filter(line -> line.startsWith("ledger_") || line.startsWith("axon_")
                        || TOLERATED.stream().noneMatch(line::endsWith))
                .toList();
        if (!refused.isEmpty()) {
            throw new AssertionError("promtool check metrics found:\n" + String.join("\n", refused));
        }
    }

    private static final List<String> TOLERATED = List.of(
            " no help text",
            " metric names should not contain abbreviated units",
            " non-histogram and non-summary metrics should not have \"_count\" suffix");

    /** Runs {@code promtool arguments...}, giving it {@code input} (may be null) on stdin. */
    public static Result run(String input, String... arguments) {
        if (!new File(BINARY).canExecute()) {
            throw new AssertionError("The metrics tests need promtool (" + BINARY + " is missing): "
                    + "apt-get install -y prometheus, as bin/test does.");
        }
        List<String> command = new ArrayList<>(List.of(BINARY));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("promtool " + String.join(" ", arguments) + " did not finish in a minute");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + BINARY, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running promtool", e);
        }
    }
}
