package fi.mentoringledger.query.processing;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which generation of each projection is read and which one is being rebuilt.
 * <p>
 * Event handlers write to the generation being rebuilt when there is one, else to the active one;
 * reads always use the active one. A replay therefore never shows half-built figures: the old
 * generation keeps answering (as it was when the replay began) until the new one has caught up,
 * and then a single update of {@code projection_generation} switches every read at once.
 * The statements embed the generation as a sub-select, so a switch between two statements of one
 * handler cannot split its writes, and every read statement sees one consistent generation.
 */
@Component
public class ProjectionGenerations {

    private static final Logger log = LoggerFactory.getLogger(ProjectionGenerations.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final JdbcClient jdbc;

    public ProjectionGenerations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** SQL for the generation that event handlers write to. */
    public static String writing(String projection) {
        return "(SELECT coalesce(building, active) FROM projection_generation WHERE projection = '"
                + checked(projection) + "')";
    }

    /** SQL for the generation that reads use. */
    public static String reading(String projection) {
        return "(SELECT active FROM projection_generation WHERE projection = '" + checked(projection) + "')";
    }

    /**
     * Starts a new generation for the projection and drops what an unfinished earlier rebuild
     * left. Called from the projection's reset handler, inside the transaction that resets the
     * processor's tokens, so the new generation and the replay tokens exist together or not at all.
     */
    public void beginRebuild(GenerationalProjection projection) {
        String name = projection.processorName();
        int updated = jdbc.sql("""
                        UPDATE projection_generation
                           SET building = greatest(active, coalesce(building, 0)) + 1, rebuild_started_at = now(),
                               holds_unsealed_copies = FALSE
                         WHERE projection = :projection""")
                .param("projection", name)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("no generation row for projection " + name);
        }
        for (String table : projection.tables()) {
            jdbc.sql("DELETE FROM " + checkedTable(table) + " WHERE generation <> " + reading(name)
                            + " AND generation <> " + writing(name))
                    .update();
        }
        log.info("Projection {} is being rebuilt as generation {}", name, state(name).building());
    }

    /**
     * The projections whose rows were written before the read models kept personal data sealed
     * (query migration V7), and that no rebuild has begun to replace since.
     */
    public List<String> holdingUnsealedCopies() {
        return jdbc.sql("SELECT projection FROM projection_generation WHERE holds_unsealed_copies ORDER BY projection")
                .query(String.class)
                .list();
    }

    public State state(String projection) {
        return find(projection).orElseThrow(() -> new IllegalStateException("unknown projection " + projection));
    }

    public Optional<State> find(String projection) {
        return jdbc.sql("SELECT projection, active, building FROM projection_generation WHERE projection = :projection")
                .param("projection", projection)
                .query((rs, i) -> new State(rs.getString(1), rs.getInt(2), (Integer) rs.getObject(3)))
                .optional();
    }

    /** Makes the rebuilt generation the one that reads use; false when another rebuild replaced it. */
    public boolean switchTo(String projection, int building) {
        return jdbc.sql("""
                        UPDATE projection_generation
                           SET active = building, building = NULL, switched_at = now()
                         WHERE projection = :projection AND building = :building""")
                .param("projection", projection)
                .param("building", building)
                .update() == 1;
    }

    /** Deletes the rows of generations that are neither read nor being built; returns how many. */
    public int deleteInactive(GenerationalProjection projection) {
        String name = projection.processorName();
        int deleted = 0;
        for (String table : projection.tables()) {
            deleted += jdbc.sql("DELETE FROM " + checkedTable(table) + " WHERE generation <> " + reading(name)
                            + " AND generation <> " + writing(name))
                    .update();
        }
        return deleted;
    }

    /**
     * Refreshes the planner's statistics of the projection's tables (migration V11), which a switch
     * and the deletion of the old generation leave describing neither generation.
     */
    public void refreshStatistics(GenerationalProjection projection) {
        for (String table : projection.tables()) {
            jdbc.sql("SELECT analyze_read_model(:table)").param("table", checkedTable(table)).query().singleRow();
        }
    }

    private static String checked(String projection) {
        if (!NAME.matcher(projection).matches()) {
            throw new IllegalArgumentException("not a projection name: " + projection);
        }
        return projection;
    }

    private static String checkedTable(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        return table;
    }

    /** A projection's generations: {@code building} is null unless a rebuild is under way. */
    public record State(String projection, int active, Integer building) {

        public boolean rebuilding() {
            return building != null;
        }
    }
}
