package fi.mentoringledger.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.Random;

/**
 * Writes planned relationships straight into the event table with JDBC batches, as the command
 * side would have recorded them one by one: valid events, dense global indexes from the event
 * store's own sequence, sequence numbers per relationship. This is how the replay and the reads get
 * their 1,000,000 events and 100,000 relationships in a minute instead of an hour of HTTP.
 */
final class EventSeeder {

    private static final int ROWS_PER_TRANSACTION = 2_000;

    private final Database database;

    EventSeeder(Database database) {
        this.database = database;
    }

    /** What was seeded. */
    record Seeded(long relationships, long events, double seconds, long bytes) {
        double eventsPerSecond() {
            return seconds == 0 ? 0 : events / seconds;
        }
    }

    /**
     * Seeds relationships until the event table holds at least {@code totalEvents} events and at
     * least {@code totalRelationships} relationships (counting what is already there).
     */
    Seeded seed(String idPrefix, long totalEvents, long totalRelationships, LocalDate latest) throws Exception {
        long eventsThere = database.queryLong("SELECT count(*) FROM domain_event_entry");
        long relationshipsThere = database.queryLong(
                "SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0");
        Random random = new Random(idPrefix.hashCode());
        long relationships = 0;
        long events = 0;
        long bytes = 0;
        long started = System.nanoTime();
        try (Connection connection = database.connect(true);
             PreparedStatement insert = connection.prepareStatement(
                     EventRows.INSERT.formatted("domain_event_entry", "domain_event_entry_seq"))) {
            connection.setAutoCommit(false);
            int inTransaction = 0;
            while (eventsThere + events < totalEvents || relationshipsThere + relationships < totalRelationships) {
                String id = idPrefix + relationships;
                Lifecycle.Plan plan = Lifecycle.plan(id, random, latest);
                for (EventRows.Row row : EventRows.rows(plan, random)) {
                    row.bind(insert);
                    insert.addBatch();
                    bytes += row.bytes();
                    inTransaction++;
                }
                events += plan.steps().size();
                relationships++;
                if (inTransaction >= ROWS_PER_TRANSACTION) {
                    insert.executeBatch();
                    connection.commit();
                    inTransaction = 0;
                }
            }
            if (inTransaction > 0) {
                insert.executeBatch();
                connection.commit();
            }
        }
        return new Seeded(relationships, events, (System.nanoTime() - started) / 1e9, bytes);
    }
}
