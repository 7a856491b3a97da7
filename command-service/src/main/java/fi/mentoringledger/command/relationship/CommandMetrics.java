package fi.mentoringledger.command.relationship;

import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the relationship's commands cost and how often it refuses them (README, Operations). Labels
 * are the command's type, the outcome and the refusal's rule: all from fixed sets, never an id or
 * anything a client wrote. At debug level each command's outcome is a log line too, which the
 * pattern marks with its trace and correlation ids; it names the type and the rule, nothing more.
 */
@Component
class CommandMetrics {

    /** The buckets of the latency histogram: a command takes milliseconds, a contended one up to a second. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    enum Outcome {
        /** Recorded, or recognised as a retry of what was recorded. */
        ACCEPTED,
        /** Refused by a rule ({@link Refusal}); nothing was recorded. */
        REFUSED,
        /** Anything else: the database, a race lost on every attempt. */
        FAILED
    }

    private static final Logger log = LoggerFactory.getLogger(CommandMetrics.class);

    private final MeterRegistry registry;

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void accepted(Timer.Sample sample, Class<?> command) {
        sample.stop(timer(command, Outcome.ACCEPTED));
        log.debug("{} accepted", command.getSimpleName());
    }

    void refused(Timer.Sample sample, Class<?> command, Refusal refusal) {
        sample.stop(timer(command, Outcome.REFUSED));
        log.debug("{} refused: {}", command.getSimpleName(), refusal.rule());
        Counter.builder("ledger.commands.refused")
                .description("commands refused, by type and the refusal's rule")
                .tag("command", command.getSimpleName())
                .tag("rule", refusal.rule())
                .register(registry)
                .increment();
    }

    void failed(Timer.Sample sample, Class<?> command) {
        sample.stop(timer(command, Outcome.FAILED));
        log.debug("{} failed", command.getSimpleName());
    }

    private Timer timer(Class<?> command, Outcome outcome) {
        return Timer.builder("ledger.commands")
                .description("time to decide and store a command (retries of lost races included), by type and outcome")
                .tag("command", command.getSimpleName())
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
