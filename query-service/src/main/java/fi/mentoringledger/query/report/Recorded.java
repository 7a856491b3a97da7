package fi.mentoringledger.query.report;

import java.time.Instant;

import fi.mentoringledger.api.relationship.RelationshipEvent;

/** An event as the store keeps it: its place in the relationship's history and when it was recorded. */
public record Recorded(RelationshipEvent event, long sequence, Instant recordedAt) {
}
