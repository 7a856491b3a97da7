package fi.mentoringledger.query.admin;

/**
 * One projection's processor: {@code position} is the global index it has processed up to (the
 * lowest of its segments; null before its first event), {@code headPosition} the newest event's,
 * {@code replaying} whether a rebuild is under way (reads still use the previous generation),
 * {@code progress} how far the rebuild (or, when not replaying, the catch-up) has come, 0 to 1.
 */
public record ProcessorStatus(String name, Long position, Long headPosition, boolean replaying, Double progress,
        boolean running, int activeGeneration) {
}
