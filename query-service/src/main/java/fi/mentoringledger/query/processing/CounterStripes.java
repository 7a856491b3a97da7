package fi.mentoringledger.query.processing;

import fi.mentoringledger.api.relationship.RelationshipId;

/**
 * Which row of a projection's counters a relationship's events update, beside the key the counters
 * are read by: the low bits of the relationship id's hash, by which Axon assigns a relationship to
 * a segment (events are sequenced per aggregate, and a segment is the hash under a mask). With up
 * to {@value #STRIPES} segments, two segments projecting at once never update the same counter
 * row: they would otherwise wait on each other's row locks until commit, and deadlock when their
 * batches met two rows in opposite orders. More segments only share rows again; reads sum the
 * stripes.
 */
public final class CounterStripes {

    /** A power of two. */
    public static final int STRIPES = 4;

    private CounterStripes() {
    }

    public static int of(RelationshipId relationshipId) {
        return relationshipId.value().hashCode() & (STRIPES - 1);
    }
}
