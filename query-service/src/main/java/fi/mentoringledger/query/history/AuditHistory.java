package fi.mentoringledger.query.history;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.eventstore.personaldata.ReadModelSealing;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.security.Caller;

/**
 * Reads the audit history of the active generation, opening the personal data the rows keep sealed
 * ({@link ReadModelSealing}). The pair's private text goes only to the
 * relationship's mentor and mentee: the parties are taken from the history's own start entry, so
 * the decision never depends on another projection having caught up, and an admin or organiser
 * who is not a party never receives it.
 */
@Component
@Transactional(readOnly = true)
public class AuditHistory {

    private static final String GENERATION = ProjectionGenerations.reading(HistoryProjection.PROCESSOR);

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ReadModelSealing sealing;

    public AuditHistory(JdbcClient jdbc, ObjectMapper json, ReadModelSealing sealing) {
        this.jdbc = jdbc;
        this.json = json;
        this.sealing = sealing;
    }

    /** Empty when no event of the relationship has been projected (yet). */
    public Optional<History> find(String relationshipId, Caller reader) {
        List<Row> rows = jdbc.sql("""
                        SELECT sequence, type, occurred_on, recorded_at, actor, actor_person_id, correlation_id,
                               summary, data, private_data
                          FROM relationship_history
                         WHERE generation = %s AND relationship_id = :id
                         ORDER BY sequence""".formatted(GENERATION))
                .param("id", relationshipId)
                .query((rs, i) -> {
                    Date occurredOn = rs.getDate("occurred_on");
                    String privateData = rs.getString("private_data");
                    return new Row(rs.getLong("sequence"), rs.getString("type"),
                            occurredOn == null ? null : occurredOn.toLocalDate(),
                            rs.getTimestamp("recorded_at").toInstant(), rs.getString("actor"),
                            rs.getString("actor_person_id"), rs.getString("correlation_id"), rs.getString("summary"),
                            (ObjectNode) parse(rs.getString("data")),
                            privateData == null ? null : (ObjectNode) parse(privateData));
                })
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        boolean party = rows.stream().filter(row -> row.type().equals("RelationshipStarted")).findFirst()
                .map(start -> reader.isPartyOf(start.data().at("/mentor/id").asText(null),
                        start.data().at("/mentee/id").asText(null)))
                .orElse(false);
        Corrections corrections = new Corrections(rows.stream()
                .map(row -> new Corrections.Fact(row.sequence(), row.type(), row.data())).toList());
        return Optional.of(new History(relationshipId, rows.stream()
                .map(row -> entry(relationshipId, row, party, corrections)).toList()));
    }

    /**
     * The entry as its reader may see it: personal data opened (null where its person's key is
     * gone); private text opened and merged into the data only for the pair. A participant's user
     * name is cleared when they are erased while their person id stays: an entry with a person id
     * and no actor was recorded by a participant who has since been erased. The start is told with
     * the names, which the stored sentence leaves out. The corrections that name it, or that it is,
     * are marked ({@link Corrections}).
     */
    private History.Entry entry(String relationshipId, Row row, boolean revealPrivateText, Corrections corrections) {
        Class<?> type = HistoryProjection.EVENT_TYPES.get(row.type());
        ObjectNode shown = row.data().deepCopy();
        if (type != null) {
            sealing.openFieldsOf(shown, type, relationshipId);
        }
        if (revealPrivateText && row.privateData() != null) {
            ObjectNode privateData = row.privateData().deepCopy();
            if (type != null) {
                sealing.openFieldsOf(privateData, type, relationshipId);
            }
            shown.setAll(privateData);
        }
        String actor = row.actorPersonId() == null ? textOf(row.actor())
                : sealing.openPersons(row.actor(), relationshipId, HistoryProjection.ACTOR).orElse(null);
        String summary = type == RelationshipStarted.class
                ? HistoryNarrator.sentence(HistoryNarrator.startedFrom(relationshipId, shown)) : row.summary();
        return new History.Entry(row.sequence(), row.type(), row.occurredOn(), row.recordedAt(), actor,
                actor == null && row.actorPersonId() != null, row.correlationId(), summary, shown,
                corrections.corrects(row.sequence()), corrections.correctedBy(row.sequence()));
    }

    /** A staff member's user name, kept as a JSON string. */
    private String textOf(String actor) {
        JsonNode name = parse(actor);
        return name == null || name.isNull() ? null : name.asText();
    }

    private record Row(long sequence, String type, LocalDate occurredOn, Instant recordedAt, String actor,
            String actorPersonId, String correlationId, String summary, ObjectNode data, ObjectNode privateData) {
    }

    private JsonNode parse(String data) {
        if (data == null) {
            return null;
        }
        try {
            return json.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history data is not JSON", e);
        }
    }
}
