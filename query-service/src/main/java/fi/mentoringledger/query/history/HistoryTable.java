package fi.mentoringledger.query.history;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.processing.RowTable;

/**
 * {@code relationship_history} as a {@link RowTable}: a batch's new entries are inserted in one
 * JDBC batch; the entries an erasure changes are updated (actor and the JSON columns only, as
 * nothing else of an entry ever changes).
 */
final class HistoryTable implements RowTable<HistoryTable.Key, HistoryTable.Entry> {

    private static final String GENERATION = ProjectionGenerations.writing(HistoryProjection.PROCESSOR);

    record Key(String relationshipId, long sequence) {
    }

    /**
     * One entry. {@code actor} is JSON (a sealed user name, or a staff member's name as a JSON
     * string); {@code data} and {@code privateData} are never changed in place: a change is a new entry.
     */
    record Entry(String relationshipId, long sequence, String type, LocalDate occurredOn, Instant recordedAt,
            String actor, String actorPersonId, String correlationId, String summary, ObjectNode data,
            ObjectNode privateData) {

        Key key() {
            return new Key(relationshipId, sequence);
        }
    }

    private final NamedParameterJdbcOperations jdbc;
    private final ObjectMapper json;

    HistoryTable(NamedParameterJdbcOperations jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Entries are only ever added by their own event, which is applied once: none is read back one by one. */
    @Override
    public Optional<Entry> load(Key key) {
        return Optional.empty();
    }

    /** Every entry of the relationship that the generation being written holds. */
    Map<Key, Entry> loadAll(String relationshipId) {
        Map<Key, Entry> entries = new LinkedHashMap<>();
        jdbc.query("""
                        SELECT relationship_id, sequence, type, occurred_on, recorded_at, actor::text AS actor,
                               actor_person_id, correlation_id, summary, data::text AS data,
                               private_data::text AS private_data
                          FROM relationship_history WHERE generation = %s AND relationship_id = :id ORDER BY sequence"""
                        .formatted(GENERATION),
                Map.of("id", relationshipId), rs -> {
                    Entry entry = entry(rs);
                    entries.put(entry.key(), entry);
                });
        return entries;
    }

    /** Whether a stored entry raised the concern for the organiser (false when none raised it). */
    boolean storedRaiseAddressedToOrganiser(String relationshipId, String concernId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                        SELECT coalesce(bool_or((data ->> 'organiserContacted')::boolean), FALSE)
                          FROM relationship_history
                         WHERE generation = %s AND relationship_id = :id
                           AND type = 'ConcernRaised' AND data ->> 'concernId' = :concern""".formatted(GENERATION),
                Map.of("id", relationshipId, "concern", concernId), Boolean.class));
    }

    private Entry entry(ResultSet rs) throws SQLException {
        Date occurredOn = rs.getDate("occurred_on");
        return new Entry(rs.getString("relationship_id"), rs.getLong("sequence"), rs.getString("type"),
                occurredOn == null ? null : occurredOn.toLocalDate(), rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("actor"), rs.getString("actor_person_id"), rs.getString("correlation_id"),
                rs.getString("summary"), object(rs.getString("data")), object(rs.getString("private_data")));
    }

    private ObjectNode object(String text) {
        if (text == null) {
            return null;
        }
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history data is not JSON", e);
        }
    }

    @Override
    public void write(List<Change<Entry>> changes) {
        List<SqlParameterSource> inserts = changes.stream().filter(Change::isNew).map(c -> params(c.after())).toList();
        List<SqlParameterSource> updates = changes.stream().filter(c -> !c.isNew()).map(c -> params(c.after())).toList();
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO relationship_history (generation, relationship_id, sequence, type, occurred_on,
                                                      recorded_at, actor, actor_person_id, correlation_id, summary,
                                                      data, private_data)
                    VALUES (%s, :id, :sequence, :type, :occurredOn, :recordedAt, CAST(:actor AS jsonb), :actorPersonId,
                            :correlationId, :summary, CAST(:data AS jsonb), CAST(:privateData AS jsonb))"""
                    .formatted(GENERATION), inserts.toArray(SqlParameterSource[]::new));
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("""
                    UPDATE relationship_history
                       SET actor = CAST(:actor AS jsonb), data = CAST(:data AS jsonb),
                           private_data = CAST(:privateData AS jsonb)
                     WHERE generation = %s AND relationship_id = :id AND sequence = :sequence"""
                    .formatted(GENERATION), updates.toArray(SqlParameterSource[]::new));
        }
    }

    private static SqlParameterSource params(Entry entry) {
        return new MapSqlParameterSource()
                .addValue("id", entry.relationshipId())
                .addValue("sequence", entry.sequence())
                .addValue("type", entry.type())
                .addValue("occurredOn", entry.occurredOn())
                .addValue("recordedAt", Timestamp.from(entry.recordedAt()))
                .addValue("actor", entry.actor())
                .addValue("actorPersonId", entry.actorPersonId())
                .addValue("correlationId", entry.correlationId())
                .addValue("summary", entry.summary())
                .addValue("data", entry.data().toString())
                .addValue("privateData", entry.privateData() == null ? null : entry.privateData().toString());
    }
}
