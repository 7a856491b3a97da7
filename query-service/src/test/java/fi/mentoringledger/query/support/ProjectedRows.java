package fi.mentoringledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each projection holds per relationship in the generation that reads use, read with SQL,
 * next to what the test's journeys say it should hold. An event applied twice or never shows as a
 * count or a version that differs.
 */
public final class ProjectedRows {

    private ProjectedRows() {
    }

    /** Each projection holds exactly these journeys, every event applied once. */
    public static void assertEveryProjectionHolds(Connection connection, Collection<Journey> journeys)
            throws SQLException {
        assertThat(summaries(connection)).as("relationship-summary").isEqualTo(expectedSummaries(journeys));
        assertThat(histories(connection)).as("relationship-history").isEqualTo(expectedHistories(journeys));
        assertThat(facts(connection)).as("outcome-report").isEqualTo(expectedFacts(journeys));
    }

    /** relationship-summary: meetings, version (last sequence number), open concerns. */
    public static Map<String, List<Long>> summaries(Connection connection) throws SQLException {
        return rows(connection, """
                SELECT relationship_id, meeting_count, version, open_concerns FROM relationship_summary
                 WHERE generation = (SELECT active FROM projection_generation WHERE projection = 'relationship-summary')""",
                3);
    }

    /** relationship-history: entries, highest sequence number. */
    public static Map<String, List<Long>> histories(Connection connection) throws SQLException {
        return rows(connection, """
                SELECT relationship_id, count(*), max(sequence) FROM relationship_history
                 WHERE generation = (SELECT active FROM projection_generation WHERE projection = 'relationship-history')
                 GROUP BY relationship_id""", 2);
    }

    /** outcome-report: meetings, evaluations, sum of ratings. */
    public static Map<String, List<Long>> facts(Connection connection) throws SQLException {
        return rows(connection, """
                SELECT relationship_id, meeting_count, rating_count, rating_sum FROM outcome_fact
                 WHERE generation = (SELECT active FROM projection_generation WHERE projection = 'outcome-report')""",
                3);
    }

    public static Map<String, List<Long>> expectedSummaries(Collection<Journey> journeys) {
        Map<String, List<Long>> expected = new TreeMap<>();
        journeys.forEach(j -> expected.put(j.id, List.of((long) j.meetings, j.version(), (long) j.openConcerns)));
        return expected;
    }

    public static Map<String, List<Long>> expectedHistories(Collection<Journey> journeys) {
        Map<String, List<Long>> expected = new TreeMap<>();
        journeys.forEach(j -> expected.put(j.id, List.of((long) j.events.size(), j.version())));
        return expected;
    }

    public static Map<String, List<Long>> expectedFacts(Collection<Journey> journeys) {
        Map<String, List<Long>> expected = new TreeMap<>();
        journeys.forEach(j -> expected.put(j.id, List.of((long) j.meetings, (long) j.ratings.size(),
                j.ratings.stream().mapToLong(Integer::longValue).sum())));
        return expected;
    }

    private static Map<String, List<Long>> rows(Connection connection, String sql, int columns) throws SQLException {
        Map<String, List<Long>> result = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                Long[] values = new Long[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = rows.getLong(i + 2);
                }
                result.put(rows.getString(1), List.of(values));
            }
        }
        return result;
    }
}
