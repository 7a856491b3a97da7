package fi.mentoringledger.query.history;

import java.sql.Date;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.mentoringledger.query.infra.ProjectionGenerations;

/** Reads the audit history of the active generation. */
@Component
@Transactional(readOnly = true)
public class AuditHistory {

    private static final String GENERATION = ProjectionGenerations.reading(HistoryProjection.PROCESSOR);

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public AuditHistory(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Empty when no event of the relationship has been projected (yet). */
    public Optional<History> find(String relationshipId) {
        List<History.Entry> entries = jdbc.sql("""
                        SELECT sequence, type, occurred_on, recorded_at, actor, correlation_id, summary, data
                          FROM relationship_history
                         WHERE generation = %s AND relationship_id = :id
                         ORDER BY sequence""".formatted(GENERATION))
                .param("id", relationshipId)
                .query((rs, i) -> {
                    Date occurredOn = rs.getDate("occurred_on");
                    return new History.Entry(rs.getLong("sequence"), rs.getString("type"),
                            occurredOn == null ? null : occurredOn.toLocalDate(),
                            rs.getTimestamp("recorded_at").toInstant(), rs.getString("actor"),
                            rs.getString("correlation_id"), rs.getString("summary"), parse(rs.getString("data")));
                })
                .list();
        return entries.isEmpty() ? Optional.empty() : Optional.of(new History(relationshipId, entries));
    }

    private JsonNode parse(String data) {
        try {
            return json.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history data is not JSON", e);
        }
    }
}
