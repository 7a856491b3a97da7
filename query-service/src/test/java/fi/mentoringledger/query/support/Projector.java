package fi.mentoringledger.query.support;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import fi.mentoringledger.api.relationship.RelationshipEvent;

/**
 * Hands a relationship's events to a projection's {@code @EventHandler} methods through Axon's own
 * handler adapter, as its processor would: each as the relationship's event at its sequence number,
 * and an event the projection has no handler for is passed over, as there.
 */
public final class Projector {

    private final AnnotationEventHandlerAdapter handlers;

    public Projector(Object projection) {
        this.handlers = new AnnotationEventHandlerAdapter(projection);
    }

    public void apply(Object event, long sequence) {
        RelationshipEvent relationshipEvent = (RelationshipEvent) event;
        try {
            handlers.handle(new GenericDomainEventMessage<>("Relationship",
                    relationshipEvent.relationshipId().value(), sequence, relationshipEvent));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A journey's events from the first, numbered from 0 as the event store numbers them. */
    public void apply(Journey journey) {
        for (int i = 0; i < journey.events.size(); i++) {
            apply(journey.events.get(i), i);
        }
    }
}
