package fi.mentoringledger.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Connections to the services' database, for the baselines, the seeding and a few counts. */
final class Database {

    private final Settings settings;

    Database(Settings settings) {
        this.settings = settings;
    }

    Connection connect() throws SQLException {
        return connect(false);
    }

    /** With {@code batched}, pgjdbc rewrites a batch of inserts into multi-row inserts. */
    Connection connect(boolean batched) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.jdbcUser());
        if (!settings.jdbcPassword().isEmpty()) {
            properties.setProperty("password", settings.jdbcPassword());
        }
        properties.setProperty("ApplicationName", "mentoring-ledger-benchmark");
        if (batched) {
            properties.setProperty("reWriteBatchedInserts", "true");
        }
        return DriverManager.getConnection(settings.jdbcUrl(), properties);
    }

    long queryLong(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    String queryString(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Ids of up to {@code size} stored relationships, picked at random. */
    List<String> relationshipSample(int size) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT aggregate_identifier FROM domain_event_entry"
                     + " WHERE sequence_number = 0 ORDER BY random() LIMIT " + size)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    long headPosition() throws SQLException {
        return queryLong("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
    }
}
