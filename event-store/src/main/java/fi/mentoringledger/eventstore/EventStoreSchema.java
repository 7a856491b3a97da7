package fi.mentoringledger.eventstore;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Both services share one PostgreSQL database. The Axon tables (events, snapshots, tokens, dead
 * letters, sagas) are migrated from {@code db/eventstore} under a history table of their own, so
 * whichever service starts first creates them and Flyway's lock on that history table keeps two
 * services starting at once from racing. Each service then migrates its own tables under its own
 * history table ({@code spring.flyway.table}). Importing this also fixes the stored JSON form
 * ({@link EventSerialization}).
 */
@Configuration(proxyBeanMethods = false)
@Import(EventSerialization.class)
public class EventStoreSchema {

    static final String HISTORY_TABLE = "flyway_event_store_history";
    static final String LOCATION = "classpath:db/eventstore";

    @Bean
    FlywayMigrationStrategy migrateEventStoreBeforeServiceTables() {
        return serviceFlyway -> {
            Flyway.configure()
                    .configuration(serviceFlyway.getConfiguration())
                    .table(HISTORY_TABLE)
                    .locations(LOCATION)
                    .load()
                    .migrate();
            serviceFlyway.migrate();
        };
    }
}
