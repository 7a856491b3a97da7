package fi.mentoringledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.query.support.ReadModelDatabase;

/** Reads use the active generation while a rebuild writes the next; the switch is all at once. */
class ProjectionGenerationsTest {

    private static final GenerationalProjection HISTORY = new GenerationalProjection() {
        @Override
        public String processorName() {
            return "relationship-history";
        }

        @Override
        public List<String> tables() {
            return List.of("relationship_history");
        }
    };

    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.emptiedBeforeEach();
    private static ProjectionGenerations generations;

    @BeforeAll
    static void projections() {
        generations = new ProjectionGenerations(db.jdbc());
    }

    @Test
    void withoutARebuildHandlersWriteTheGenerationThatIsRead() {
        write("first");

        assertThat(read()).containsExactly("first");
        assertThat(generations.state("relationship-history").rebuilding()).isFalse();
    }

    @Test
    void duringARebuildReadsKeepTheOldGenerationAndWritesGoToTheNewOne() {
        write("old");
        db.inTransaction(() -> generations.beginRebuild(HISTORY));
        write("new");

        assertThat(generations.state("relationship-history"))
                .isEqualTo(new ProjectionGenerations.State("relationship-history", 1, 2));
        assertThat(read()).containsExactly("old");
    }

    @Test
    void theSwitchShowsTheNewGenerationAndTheOldOneIsDeletedAfterwards() {
        write("old");
        db.inTransaction(() -> generations.beginRebuild(HISTORY));
        write("new");

        db.inTransaction(() -> assertThat(generations.switchTo("relationship-history", 2)).isTrue());
        assertThat(read()).containsExactly("new");
        assertThat(rowsIn(1)).isEqualTo(1);

        db.inTransaction(() -> assertThat(generations.deleteInactive(HISTORY)).isEqualTo(1));
        assertThat(rowsIn(1)).isZero();
        write("later");
        assertThat(read()).containsExactly("new", "later");
    }

    @Test
    void aSecondRebuildReplacesAnUnfinishedOneAndDropsWhatItHadBuilt() {
        write("old");
        db.inTransaction(() -> generations.beginRebuild(HISTORY));
        write("half");
        db.inTransaction(() -> generations.beginRebuild(HISTORY));

        assertThat(generations.state("relationship-history").building()).isEqualTo(3);
        assertThat(rowsIn(2)).isZero();
        db.inTransaction(() -> assertThat(generations.switchTo("relationship-history", 2)).isFalse());
        assertThat(read()).containsExactly("old");
    }

    private static void write(String summary) {
        db.inTransaction(() -> db.jdbc().sql("""
                        INSERT INTO relationship_history (generation, relationship_id, sequence, type, recorded_at,
                                                          summary, data)
                        VALUES (%s, 'r', :sequence, 'T', now(), :summary, '{}')
                        """.formatted(ProjectionGenerations.writing("relationship-history")))
                .param("summary", summary)
                .param("sequence", SEQUENCE.incrementAndGet())
                .update());
    }

    private static List<String> read() {
        return db.jdbc().sql("SELECT summary FROM relationship_history WHERE generation = "
                        + ProjectionGenerations.reading("relationship-history") + " ORDER BY sequence")
                .query(String.class).list();
    }

    private static int rowsIn(int generation) {
        return db.jdbc().sql("SELECT count(*) FROM relationship_history WHERE generation = :g").param("g", generation)
                .query(Integer.class).single();
    }
}
