package fi.mentoringledger.query.admin;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.mentoringledger.query.processing.GenerationalProjection;
import fi.mentoringledger.query.web.NotFoundException;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.web.ReplayRefusedException;

/**
 * The projections' event processors: their status, and replay.
 * <p>
 * A replay is Axon's reset: stop the processor, reset its tokens to the first event (which calls
 * the projection's reset handler in the same transaction: it opens a new generation), start it
 * again. Reads keep using the previous generation until {@link GenerationSwitcher} sees that the
 * processor has replayed up to where it was and caught up, and switches. Axon refuses a reset
 * while another instance holds the tokens: a replay needs the processor stopped everywhere.
 */
@Component
public class ProjectionProcessors {

    private static final Logger log = LoggerFactory.getLogger(ProjectionProcessors.class);

    private final EventProcessingConfiguration processing;
    private final List<GenerationalProjection> projections;
    private final ProjectionGenerations generations;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    private final JdbcClient jdbc;
    /** One reset at a time, and no generation switch in the middle of one. */
    private final ReentrantLock lock = new ReentrantLock();

    ProjectionProcessors(EventProcessingConfiguration processing, List<GenerationalProjection> projections,
            ProjectionGenerations generations, TokenStore tokenStore, TransactionManager transactionManager,
            JdbcClient jdbc) {
        this.processing = processing;
        this.projections = projections.stream()
                .sorted(Comparator.comparing(GenerationalProjection::processorName))
                .toList();
        this.generations = generations;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
    }

    public List<GenerationalProjection> projections() {
        return projections;
    }

    public List<ProcessorStatus> statuses() {
        Long head = headPosition();
        return projections.stream().map(projection -> status(projection, head)).toList();
    }

    /** Rebuilds one projection from the first event; the rebuild itself runs in the background. */
    public void replay(String name) {
        GenerationalProjection projection = projection(name);
        StreamingEventProcessor processor = processor(projection);
        lock.lock();
        try {
            log.info("Replaying processor {}", name);
            processor.shutDown();
            try {
                processor.resetTokens();
            } catch (RuntimeException e) {
                throw new ReplayRefusedException("processor " + name + " cannot be reset now: " + e.getMessage()
                        + " (a replay needs the processor stopped on every instance)", e);
            } finally {
                processor.start();
            }
        } finally {
            lock.unlock();
        }
    }

    public GenerationalProjection projection(String name) {
        return projections.stream()
                .filter(p -> p.processorName().equals(name))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("there is no processor " + name));
    }

    /**
     * Whether the rebuild of the projection has replayed every event it had before the reset and
     * reached the head of the stream, on every segment; checked under the reset lock. The
     * processor's own status is used rather than the stored tokens: a segment stores its token only
     * when it has processed events of its own, or every few seconds.
     */
    boolean rebuildHasCaughtUp(GenerationalProjection projection) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            StreamingEventProcessor processor = processor(projection);
            if (!processor.isRunning() || processor.isError()) {
                return false;
            }
            Map<Integer, EventTrackerStatus> statuses = processor.processingStatus();
            int segments = segmentCount(projection);
            return segments > 0 && statuses.size() == segments
                    && statuses.values().stream().allMatch(ProjectionProcessors::hasReplayedAll);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Axon keeps a segment's token a replay token until the first event <em>after</em> the reset
     * position, which may be long in coming; a rebuild is complete as soon as the segment has
     * processed up to that position and found nothing more to read.
     */
    private static boolean hasReplayedAll(EventTrackerStatus segment) {
        if (segment.isErrorState() || !segment.isCaughtUp()) {
            return false;
        }
        if (!segment.isReplaying()) {
            return true;
        }
        OptionalLong resetPosition = segment.getResetPosition();
        OptionalLong currentPosition = segment.getCurrentPosition();
        return resetPosition.isEmpty()
                || currentPosition.isPresent() && currentPosition.getAsLong() >= resetPosition.getAsLong();
    }

    private ProcessorStatus status(GenerationalProjection projection, Long head) {
        StreamingEventProcessor processor = processor(projection);
        ProjectionGenerations.State generation = generations.state(projection.processorName());
        Map<Integer, EventTrackerStatus> statuses = processor.processingStatus();
        Long position = statuses.values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong)
                .min(Long::compare)
                .orElse(null);
        Double progress = generation.rebuilding()
                ? replayProgress(statuses.values(), segmentCount(projection), head)
                : catchUpProgress(position, head);
        return new ProcessorStatus(projection.processorName(), position, head, generation.rebuilding(), progress,
                processor.isRunning(), generation.active());
    }

    /**
     * The slowest segment's share of the way to the position the replay started from. A segment
     * whose token is no longer a replay token while the rebuild is still open (after a restart in
     * the middle of it, say) is measured against the head instead, so that the figure never shows
     * 1 before the rebuild has read everything.
     */
    static double replayProgress(Collection<EventTrackerStatus> statuses, int segments, Long head) {
        if (segments == 0 || statuses.size() < segments) {
            return 0.0;
        }
        double slowest = 1.0;
        for (EventTrackerStatus status : statuses) {
            long goal = status.isReplaying() ? status.getResetPosition().orElse(0) : head == null ? 0 : head;
            long current = status.getCurrentPosition().orElse(0);
            slowest = Math.min(slowest, goal <= 0 ? 1.0 : Math.max(0.0, Math.min(1.0, (double) current / goal)));
        }
        return slowest;
    }

    private static double catchUpProgress(Long position, Long head) {
        if (head == null || head <= 0) {
            return 1.0;
        }
        return position == null ? 0.0 : Math.min(1.0, (double) position / head);
    }

    private int segmentCount(GenerationalProjection projection) {
        return transactionManager.fetchInTransaction(() -> tokenStore.fetchSegments(projection.processorName())).length;
    }

    private Long headPosition() {
        return jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).optional().orElse(null);
    }

    /** How many of the processor's segments this instance processes (the others' are another's). */
    int segmentsClaimedHere(String name) {
        return processor(projection(name)).processingStatus().size();
    }

    /**
     * When the oldest event after {@code position} (any event when null) was stored: how long the
     * events a processor has yet to process have been waiting. Empty when there is none.
     */
    Optional<Instant> storedAfter(Long position) {
        return jdbc.sql("SELECT time_stamp FROM domain_event_entry WHERE global_index > :position "
                        + "ORDER BY global_index LIMIT 1")
                .param("position", position == null ? -1L : position)
                .query(String.class)
                .optional()
                .map(Instant::parse);
    }

    private StreamingEventProcessor processor(GenerationalProjection projection) {
        Optional<StreamingEventProcessor> processor =
                processing.eventProcessor(projection.processorName(), StreamingEventProcessor.class);
        return processor.orElseThrow(() -> new IllegalStateException(
                "projection " + projection.processorName() + " has no streaming event processor"));
    }
}
