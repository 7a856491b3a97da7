package fi.mentoringledger.query.summary;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import fi.mentoringledger.security.Caller;
import fi.mentoringledger.query.processing.ProjectionGenerations;

/**
 * Whether a caller may see one relationship, for the reads that do not carry its programme and
 * parties themselves (the audit history): asked of the summaries' active generation.
 */
@Component
@Transactional(readOnly = true)
public class RelationshipVisibility {

    /** The summary projection's processor (query/summary), whose rows know programme and parties. */
    private static final String SUMMARIES = ProjectionGenerations.reading("relationship-summary");

    private final JdbcClient jdbc;

    public RelationshipVisibility(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False also when the relationship is not (yet) known. */
    public boolean visibleTo(String relationshipId, Caller caller) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", relationshipId);
        return jdbc.sql("SELECT count(*) FROM relationship_summary WHERE generation = " + SUMMARIES
                        + " AND relationship_id = :id" + CallerScope.relationships(caller, params))
                .params(params).query(Long.class).single() > 0;
    }
}
