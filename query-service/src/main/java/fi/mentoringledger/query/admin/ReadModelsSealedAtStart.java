package fi.mentoringledger.query.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.web.ReplayRefusedException;

/**
 * After the upgrade that seals personal data in the read models (query migration V7), rows written
 * before it still hold names and the pair's text as plain copies. At start, each projection that
 * holds such rows is replayed: the generation it builds is sealed, and the old one is deleted once
 * reads have switched to it. Until then, reads show the old rows as they were.
 */
@Component
class ReadModelsSealedAtStart {

    private static final Logger log = LoggerFactory.getLogger(ReadModelsSealedAtStart.class);

    private final ProjectionGenerations generations;
    private final ProjectionProcessors processors;

    ReadModelsSealedAtStart(ProjectionGenerations generations, ProjectionProcessors processors) {
        this.generations = generations;
        this.processors = processors;
    }

    @EventListener(ApplicationReadyEvent.class)
    void replayProjectionsHoldingUnsealedCopies() {
        for (String projection : generations.holdingUnsealedCopies()) {
            try {
                processors.replay(projection);
                log.info("Projection {} holds personal data from before the read models were sealed: replaying it",
                        projection);
            } catch (ReplayRefusedException e) {
                // Another instance holds the processor: it replays at its own start, or an admin does.
                log.warn("Projection {} holds personal data from before the read models were sealed and could not"
                        + " be replayed now; replay it with POST /api/admin/replay: {}", projection, e.getMessage());
            }
        }
    }
}
