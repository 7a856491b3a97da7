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
     * command (null until there is authentication, and once the participant who sent it was
     * erased: then {@code actorErased} is true), {@code correlationId} the HTTP request that
     * recorded it. {@code data} holds the pair's private text only when the reader is the mentor
     * or the mentee; {@code data.confidential} names the fields that hold such text, for everyone.
     */
    public record Entry(long sequence, String type, LocalDate occurredOn, Instant recordedAt, String actor,
            boolean actorErased, String correlationId, String summary, JsonNode data) {
    }
}
