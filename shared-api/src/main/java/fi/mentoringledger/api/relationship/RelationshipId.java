package fi.mentoringledger.api.relationship;

import java.util.Objects;

/** Identifies one mentoring relationship, the aggregate. */
public record RelationshipId(String value) {

    public RelationshipId {
        Objects.requireNonNull(value, "relationship id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a relationship id must not be blank");
        }
    }

    public static RelationshipId of(String value) {
        return new RelationshipId(value);
    }

    /** Axon uses toString() as the aggregate identifier in the event store. */
    @Override
    public String toString() {
        return value;
    }
}
