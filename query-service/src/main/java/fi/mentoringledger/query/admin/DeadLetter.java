package fi.mentoringledger.query.admin;

import java.time.Instant;

/**
 * An event a projection could not apply, parked with the events that follow it in its sequence
 * (its relationship). Names the event, never its payload: that may hold private text.
 */
record DeadLetter(String processor, String sequenceIdentifier, long sequenceIndex, String eventType,
        String aggregateId, Long sequenceNumber, String causeType, String causeMessage, Instant enqueuedAt,
        Instant lastTouched) {
}
