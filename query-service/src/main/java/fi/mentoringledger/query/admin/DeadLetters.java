package fi.mentoringledger.query.admin;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.mentoringledger.query.processing.GenerationalProjection;

/**
 * The projections' dead-letter queues (Axon's JPA queue, table {@code dead_letter_entry}): what is
 * parked, and processing it again once the cause is fixed.
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final EventProcessingConfiguration processing;
    private final ProjectionProcessors processors;
    private final JdbcClient jdbc;

    DeadLetters(EventProcessingConfiguration processing, ProjectionProcessors processors, JdbcClient jdbc) {
        this.processing = processing;
        this.processors = processors;
        this.jdbc = jdbc;
    }

    /** Read straight from the table, leaving out the payload and metadata columns. */
    List<DeadLetter> list(String processor) {
        List<String> names = names(processor);
        return jdbc.sql("""
                        SELECT processing_group, sequence_identifier, sequence_index, payload_type, aggregate_identifier,
                               sequence_number, cause_type, cause_message, enqueued_at, last_touched
                        FROM dead_letter_entry WHERE processing_group IN (:names)
                        ORDER BY processing_group, sequence_identifier, sequence_index""")
                .param("names", names)
                .query((rs, row) -> new DeadLetter(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6), rs.getString(7), rs.getString(8),
                        instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10))))
                .list();
    }

    /**
     * Processes every parked sequence once, oldest first: a sequence whose first letter succeeds
     * goes on to its next ones; one that fails again stays parked (with the new cause).
     */
    List<RetryResult> retry(String processor) {
        List<RetryResult> results = new ArrayList<>();
        for (String name : names(processor)) {
            int sequences = sequenceCount(name);
            int cleared = 0;
            SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(name)
                    .orElse(null);
            if (letters != null) {
                for (int i = 0; i < sequences; i++) {
                    if (letters.processAny()) {
                        cleared++;
                    }
                }
            }
            int remaining = sequenceCount(name);
            log.info("Retried dead letters of {}: {} of {} sequences cleared, {} still parked", name, cleared,
                    sequences, remaining);
            results.add(new RetryResult(name, sequences, cleared, remaining));
        }
        return results;
    }

    /** The events parked, per processor that has any. */
    Map<String, Long> parkedByProcessor() {
        Map<String, Long> parked = new HashMap<>();
        jdbc.sql("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group")
                .query(rs -> {
                    parked.put(rs.getString(1), rs.getLong(2));
                });
        return parked;
    }

    private int sequenceCount(String name) {
        return jdbc.sql("SELECT count(DISTINCT sequence_identifier) FROM dead_letter_entry WHERE processing_group = :name")
                .param("name", name)
                .query(Integer.class)
                .single();
    }

    private List<String> names(String processor) {
        return processor == null
                ? processors.projections().stream().map(GenerationalProjection::processorName).toList()
                : List.of(processors.projection(processor).processorName());
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Sequences parked before the retry, cleared by it, and parked after it. */
    record RetryResult(String processor, int sequencesBefore, int sequencesCleared, int sequencesRemaining) {
    }
}
