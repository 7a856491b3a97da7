package fi.mentoringledger.query.web;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads that include a command just answered: a client that sends {@code minVersion} (the
 * {@code version} a command returned) gets the read model only once it holds that version. The
 * projections follow the event store within milliseconds, so the wait is short; it is bounded by
 * {@code mentoring.reads.consistency-wait} (5 s), after which a relationship still behind is a
 * {@link ProjectionBehindException} (503) and one not there at all is unknown (404) — hidden and
 * missing relationships look the same, as everywhere.
 */
@Component
public class ReadYourWrites {

    private static final Duration POLL = Duration.ofMillis(20);

    private final Duration timeout;

    ReadYourWrites(@Value("${mentoring.reads.consistency-wait:5s}") Duration timeout) {
        this.timeout = timeout;
    }

    /** {@code minVersion} as given (null: no wait), checked to be a version. */
    public static Long minVersion(String value) {
        RequestParameters parameters = new RequestParameters();
        int parsed = parameters.integer("minVersion", value, -1, 0, Integer.MAX_VALUE);
        parameters.validate();
        return parsed < 0 ? null : (long) parsed;
    }

    public <T> Optional<T> read(Supplier<Optional<T>> read, ToLongFunction<T> versionOf, Long minVersion) {
        Optional<T> found = read.get();
        if (minVersion == null) {
            return found;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (found.isEmpty() || versionOf.applyAsLong(found.get()) < minVersion) {
            if (System.nanoTime() - deadline >= 0) {
                if (found.isPresent()) {
                    throw new ProjectionBehindException(minVersion, versionOf.applyAsLong(found.get()));
                }
                return found;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProjectionBehindException(minVersion, -1);
            }
            found = read.get();
        }
        return found;
    }
}
