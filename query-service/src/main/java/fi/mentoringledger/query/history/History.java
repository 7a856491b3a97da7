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
     * DOMAIN.md, "Corrections": {@code correctedBy} lists the sequence numbers of the later entries
     * that correct this one (empty when none does), and a correction names the entry it corrects in
     * {@code corrects} (null for any other entry); who corrected it and when are its {@code actor}
     * and {@code recordedAt}, and why is its {@code data.reason}.
     */
    public record Entry(long sequence, String type, LocalDate occurredOn, Instant recordedAt, String actor,
            boolean actorErased, String correlationId, String summary, JsonNode data, Long corrects,
            List<Long> correctedBy) {
    }
}
