package fi.mentoringledger.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What PostgreSQL itself does on this machine, in the same database and the same run: the limits
 * that the services' figures are divided by.
 */
final class JdbcBaselines {

    static final String SCRATCH_TABLE = "benchmark_baseline_event";
    private static final String SCRATCH_SEQUENCE = SCRATCH_TABLE + "_seq";
    static final int PAGE = 1_000;

    private final Database database;

    JdbcBaselines(Database database) {
        this.database = database;
    }

    /** Commits per second at one concurrency. */
    record CommitRate(int clients, long commits, double seconds) {
        double perSecond() {
            return commits / seconds;
        }
    }

    /**
     * Single-row autocommitted inserts into a scratch copy of the event table (same columns, same
     * primary key and unique indexes, rows of the same size as real events), at each concurrency,
     * with one connection per client. The scratch table is dropped afterwards.
     */
    List<CommitRate> singleRowCommits(List<EventRows.Row> sampleRows, List<Integer> levels, Duration perLevel,
            Duration warmUp) throws Exception {
        try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + SCRATCH_TABLE);
            statement.execute("DROP SEQUENCE IF EXISTS " + SCRATCH_SEQUENCE);
            statement.execute("CREATE TABLE " + SCRATCH_TABLE + " (LIKE domain_event_entry INCLUDING ALL)");
            statement.execute("CREATE SEQUENCE " + SCRATCH_SEQUENCE);
        }
        try {
            List<CommitRate> rates = new ArrayList<>();
            for (int clients : levels) {
                rates.add(commitsAt(clients, sampleRows, perLevel, warmUp));
            }
            return rates;
        } finally {
            try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + SCRATCH_TABLE);
                statement.execute("DROP SEQUENCE IF EXISTS " + SCRATCH_SEQUENCE);
            }
        }
    }

    private CommitRate commitsAt(int clients, List<EventRows.Row> sampleRows, Duration perLevel, Duration warmUp)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong commits = new AtomicLong();
        List<Future<?>> workers = new ArrayList<>();
        String insert = EventRows.INSERT.formatted(SCRATCH_TABLE, SCRATCH_SEQUENCE);
        for (int c = 0; c < clients; c++) {
            int client = c;
            workers.add(pool.submit(() -> {
                try (Connection connection = database.connect();
                     PreparedStatement statement = connection.prepareStatement(insert)) {
                    long n = 0;
                    while (!stop.get()) {
                        EventRows.Row row = sampleRows.get((int) ((n * clients + client) % sampleRows.size()));
                        row.withAggregate("baseline-" + clients + "-" + client + "-" + n, 0).bind(statement);
                        statement.executeUpdate();
                        n++;
                        if (measuring.get()) {
                            commits.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        Thread.sleep(warmUp.toMillis());
        measuring.set(true);
        long started = System.nanoTime();
        Thread.sleep(perLevel.toMillis());
        long counted = commits.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return new CommitRate(clients, counted, seconds);
    }

    /** Rows per second and how many, reading the event table in pages of {@value #PAGE}. */
    record ReadRate(long rows, double seconds, long bytes) {
        double perSecond() {
            return rows / seconds;
        }
    }

    /**
     * Reads every row of the event table in pages of {@value #PAGE} by global index, all columns,
     * as Axon's storage engine does, twice: the better pass counts (the first also warms the cache
     * for the second, as a replay finds it).
     */
    ReadRate sequentialRead() throws SQLException {
        ReadRate best = null;
        for (int pass = 0; pass < 2; pass++) {
            ReadRate rate = readOnce();
            if (best == null || rate.perSecond() > best.perSecond()) {
                best = rate;
            }
        }
        return best;
    }

    private ReadRate readOnce() throws SQLException {
        long rows = 0;
        long bytes = 0;
        long started = System.nanoTime();
        try (Connection connection = database.connect();
             PreparedStatement page = connection.prepareStatement("""
                     SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                            payload_type, payload_revision, payload, meta_data
                       FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT\s""" + PAGE)) {
            long last = -1;
            while (true) {
                page.setLong(1, last);
                int inPage = 0;
                try (ResultSet result = page.executeQuery()) {
                    while (result.next()) {
                        last = result.getLong(1);
                        bytes += result.getString(2).length() + result.getString(3).length()
                                + result.getString(6).length() + result.getString(7).length()
                                + result.getBytes(9).length;
                        byte[] metaData = result.getBytes(10);
                        bytes += metaData == null ? 0 : metaData.length;
                        inPage++;
                    }
                }
                rows += inPage;
                if (inPage < PAGE) {
                    break;
                }
            }
        }
        return new ReadRate(rows, (System.nanoTime() - started) / 1e9, bytes);
    }
}
