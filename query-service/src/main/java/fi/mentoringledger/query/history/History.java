package fi.mentoringledger.query.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The audit trail of one relationship, oldest first (API.md, "Query side"). */
public record History(String relationshipId, List<Entry> entries) {

    /**
     * One event: {@code sequence} is its number within the relationship, {@code occurredOn} the
     * business date it names, {@code recordedAt} when it was stored, {@code actor} who sent the
     * command (null until there is authentication), {@code correlationId} the HTTP request that
     * recorded it.
     */
    public record Entry(long sequence, String type, LocalDate occurredOn, Instant recordedAt, String actor,
            String correlationId, String summary, JsonNode data) {
    }
}
