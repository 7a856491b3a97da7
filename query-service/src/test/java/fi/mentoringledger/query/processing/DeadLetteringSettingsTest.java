package fi.mentoringledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.springboot.EventProcessorProperties;
import org.junit.jupiter.api.Test;

/**
 * The projections' dead-letter invoker as {@link AxonConfiguration} builds it from a processor's
 * {@code dlq} settings: it allows a reset, and with {@code dlq.cache} it asks the queue whether an
 * event's relationship is parked only when that relationship was parked in this segment.
 */
class DeadLetteringSettingsTest {

    private final SequencedDeadLetterQueue<EventMessage<?>> queue =
            spy(InMemorySequencedDeadLetterQueue.<EventMessage<?>>defaultQueue());
    private final List<String> applied = new ArrayList<>();

    @Test
    void withTheCacheAnEventOfARelationshipNeverParkedIsAppliedWithoutAskingTheQueue() throws Exception {
        DeadLetteringEventHandlerInvoker invoker = invoker(true);

        handle(invoker, "relationship-1", 0);
        handle(invoker, "relationship-2", 0);
        handle(invoker, "relationship-1", 1);

        assertThat(applied).containsExactly("relationship-1/0", "relationship-2/0", "relationship-1/1");
        verify(queue, never()).enqueueIfPresent(any(), any());
    }

    @Test
    void withoutTheCacheEveryEventAsksTheQueue() throws Exception {
        DeadLetteringEventHandlerInvoker invoker = invoker(false);

        handle(invoker, "relationship-1", 0);
        handle(invoker, "relationship-2", 0);

        assertThat(applied).hasSize(2);
        verify(queue, times(2)).enqueueIfPresent(any(), any());
    }

    @Test
    void withTheCacheTheLaterEventsOfAParkedRelationshipAreStillParked() throws Exception {
        DeadLetteringEventHandlerInvoker invoker = invoker(true);
        handle(invoker, "relationship-1", 0);
        failNextEvent = true;
        handle(invoker, "relationship-1", 1);

        handle(invoker, "relationship-1", 2);
        handle(invoker, "relationship-2", 0);

        assertThat(applied).containsExactly("relationship-1/0", "relationship-2/0");
        assertThat(queue.sequenceSize("relationship-1")).isEqualTo(2);
        verify(queue, atLeastOnce()).enqueueIfPresent(eq("relationship-1"), any());
        verify(queue, never()).enqueueIfPresent(eq("relationship-2"), any());
    }

    @Test
    void theCacheIsAskedAfreshWhenTheSegmentComesBackSoAnotherInstancesLettersAreSeen() throws Exception {
        DeadLetteringEventHandlerInvoker invoker = invoker(true);
        handle(invoker, "relationship-1", 0);
        invoker.segmentReleased(Segment.ROOT_SEGMENT);
        // parked meanwhile by the instance that held the segment
        queue.enqueue("relationship-1", new GenericDeadLetter<>("relationship-1", event("relationship-1", 1)));

        handle(invoker, "relationship-1", 2);

        assertThat(applied).containsExactly("relationship-1/0");
        assertThat(queue.sequenceSize("relationship-1")).isEqualTo(2);
    }

    @Test
    void aReplayMayEmptyTheQueueWithOrWithoutTheCache() {
        for (boolean cache : new boolean[] {true, false}) {
            assertThat(invoker(cache).supportsReset()).isTrue();
        }
    }

    private boolean failNextEvent;

    /** A projection of one handler that records what it applied, and fails when told to. */
    class Projection {
        @EventHandler
        void on(String payload, EventMessage<?> event) {
            if (failNextEvent) {
                failNextEvent = false;
                throw new IllegalArgumentException("a poison event");
            }
            applied.add(((GenericDomainEventMessage<?>) event).getAggregateIdentifier() + "/"
                    + ((GenericDomainEventMessage<?>) event).getSequenceNumber());
        }
    }

    private DeadLetteringEventHandlerInvoker invoker(boolean cache) {
        EventProcessorProperties.Dlq settings = new EventProcessorProperties.Dlq();
        settings.setEnabled(true);
        settings.getCache().setEnabled(cache);
        settings.getCache().setSize(16);
        DeadLetteringEventHandlerInvoker.Builder builder = DeadLetteringEventHandlerInvoker.builder()
                .eventHandlers(new Projection())
                .queue(queue)
                .enqueuePolicy((letter, cause) -> Decisions.enqueue(cause))
                .transactionManager(NoTransactionManager.INSTANCE);
        return AxonConfiguration.deadLettering(settings, builder).build();
    }

    private void handle(DeadLetteringEventHandlerInvoker invoker, String relationship, long sequence) throws Exception {
        EventMessage<?> event = event(relationship, sequence);
        DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> {
            invoker.handle(event, Segment.ROOT_SEGMENT);
            return null;
        });
    }

    private static EventMessage<?> event(String relationship, long sequence) {
        return new GenericDomainEventMessage<>("Relationship", relationship, sequence, "payload " + sequence);
    }
}
