package fi.mentoringledger.command.relationship;

import java.util.concurrent.ThreadLocalRandom;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Timer;

import fi.mentoringledger.api.relationship.RelationshipCommand;
import fi.mentoringledger.command.infra.CommandMetadata;
import fi.mentoringledger.eventstore.personaldata.PersonErasedException;

/**
 * Sends a command to its relationship with the request's metadata. Two commands for the same
 * relationship that race both pass the aggregate's checks but only one can append the next
 * sequence number; the loser is retried against the new state, where the rules (or a stale
 * If-Match) decide again. Two starts of the same client-chosen id racing on two instances lose the
 * same way at sequence 0 (Axon reports that one differently): the retry finds the relationship and
 * answers as a retry does.
 *
 * <p>Between attempts the loser waits a random, growing while (full jitter): retrying at once lets
 * the same clients collide again in lock-step, which under heavy contention — many clients on one
 * relationship through two instances — exhausted the attempts and answered 409.
 */
@Service
class RelationshipCommands {

    private static final Logger log = LoggerFactory.getLogger(RelationshipCommands.class);

    /** The longest wait before a retry: far below any client's timeout, even after every attempt. */
    private static final long MAX_BACKOFF_MILLIS = 100;

    private final CommandGateway commandGateway;
    private final CommandMetadata metadata;
    private final int attempts;
    private final CommandMetrics metrics;

    RelationshipCommands(CommandGateway commandGateway, CommandMetadata metadata,
            @Value("${mentoring.commands.concurrency-attempts:10}") int attempts, CommandMetrics metrics) {
        this.commandGateway = commandGateway;
        this.metadata = metadata;
        this.attempts = attempts;
        this.metrics = metrics;
    }

    RelationshipStatus send(RelationshipCommand command) {
        Timer.Sample sample = metrics.start();
        try {
            RelationshipStatus status = sendWithRetries(command);
            metrics.accepted(sample, command.getClass());
            return status;
        } catch (Refusal refusal) {
            metrics.refused(sample, command.getClass(), refusal);
            throw refusal;
        } catch (PersonErasedException e) {
            metrics.refused(sample, command.getClass(), Refusal.personErased(e.personId()));
            throw e;
        } catch (RuntimeException e) {
            metrics.failed(sample, command.getClass());
            throw e;
        }
    }

    private RelationshipStatus sendWithRetries(RelationshipCommand command) {
        MetaData meta = MetaData.from(metadata.current());
        for (int attempt = 1; ; attempt++) {
            try {
                return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(meta));
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                log.debug("{} lost a race for its relationship; attempt {} of {}",
                        command.getClass().getSimpleName(), attempt + 1, attempts);
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, 5L << Math.min(attempt, 5));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a command", e);
        }
    }
}
