package fi.mentoringledger.query.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fi.mentoringledger.query.processing.GenerationalProjection;
import fi.mentoringledger.query.processing.ProjectionGenerations;

/**
 * Switches reads to a rebuilt generation once its processor has caught up, then deletes the old
 * generation and refreshes the planner's statistics of its tables. The switch is one committed update: a read sees either the old figures or the new
 * ones, never a mixture. It survives restarts: a rebuild that was under way continues from its
 * stored replay tokens and is switched when it finishes.
 */
@Component
class GenerationSwitcher {

    private static final Logger log = LoggerFactory.getLogger(GenerationSwitcher.class);

    private final ProjectionProcessors processors;
    private final ProjectionGenerations generations;
    private final TransactionTemplate transaction;

    GenerationSwitcher(ProjectionProcessors processors, ProjectionGenerations generations,
            TransactionTemplate transaction) {
        this.processors = processors;
        this.generations = generations;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "${mentoring.projections.switch-check-millis:200}")
    void switchFinishedRebuilds() {
        for (GenerationalProjection projection : processors.projections()) {
            ProjectionGenerations.State state = generations.state(projection.processorName());
            if (state.rebuilding() && processors.rebuildHasCaughtUp(projection)) {
                switchOver(projection, state.building());
            }
        }
    }

    private void switchOver(GenerationalProjection projection, int building) {
        Boolean switched = transaction.execute(status -> generations.switchTo(projection.processorName(), building));
        if (Boolean.TRUE.equals(switched)) {
            Integer deleted = transaction.execute(status -> generations.deleteInactive(projection));
            transaction.executeWithoutResult(status -> generations.refreshStatistics(projection));
            log.info("Projection {} now reads generation {}; deleted {} rows of the previous one and analyzed its tables",
                    projection.processorName(), building, deleted);
        }
    }
}
