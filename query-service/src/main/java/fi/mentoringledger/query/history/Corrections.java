package fi.mentoringledger.query.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which entry of a history each correction corrects (DOMAIN.md, "Corrections: never rewrite,
 * always record"): the history keeps the mistake and the correction both, and marks the one with
 * the other. A withdrawn meeting corrects the entry that recorded it; a corrected date, the entry
 * it names by its sequence number; a withdrawn evaluation, that party's latest evaluation before
 * it; a reopening, the latest end before it. Worked out from the entries' own data when the
 * history is read, so it needs no state of its own and a replay gives the same.
 */
final class Corrections {

    private final Map<Long, Long> corrects = new HashMap<>();
    private final Map<Long, List<Long>> correctedBy = new HashMap<>();

    /** An entry as far as corrections are concerned. */
    record Fact(long sequence, String type, JsonNode data) {

        String field(String name) {
            JsonNode value = data == null ? null : data.get(name);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    /** @param entries oldest first */
    Corrections(List<Fact> entries) {
        Map<Long, Fact> bySequence = new LinkedHashMap<>();
        Map<String, Long> meetings = new HashMap<>();
        Map<String, Long> evaluations = new HashMap<>();
        Long end = null;
        for (Fact entry : entries) {
            bySequence.put(entry.sequence(), entry);
            Long target = switch (entry.type()) {
                case "MeetingWithdrawn" -> meetings.get(entry.field("meetingId"));
                case "DateCorrected" -> {
                    String version = entry.field("correctedVersion");
                    yield version == null || !bySequence.containsKey(Long.valueOf(version)) ? null : Long.valueOf(version);
                }
                case "EvaluationWithdrawn" -> evaluations.get(entry.field("by"));
                case "RelationshipReopened" -> end;
                default -> null;
            };
            if (target != null) {
                corrects.put(entry.sequence(), target);
                correctedBy.computeIfAbsent(target, corrected -> new ArrayList<>()).add(entry.sequence());
            }
            switch (entry.type()) {
                case "MeetingRecorded" -> meetings.put(Objects.toString(entry.field("meetingId")), entry.sequence());
                case "EvaluationSubmitted" -> evaluations.put(Objects.toString(entry.field("by")), entry.sequence());
                case "RelationshipClosed", "RelationshipTerminated" -> end = entry.sequence();
                default -> {
                    // no other entry is named by a later correction
                }
            }
        }
    }

    /** The entry this correction corrects; null for an entry that is no correction. */
    Long corrects(long sequence) {
        return corrects.get(sequence);
    }

    /** The corrections that followed this entry, oldest first; empty when none did. */
    List<Long> correctedBy(long sequence) {
        return List.copyOf(correctedBy.getOrDefault(sequence, List.of()));
    }
}
