package fi.mentoringledger.query.processing;

import java.util.List;
import java.util.Optional;

/**
 * How a projection's rows of one kind are read from and written to their table, for
 * {@link BatchRows}: one row by its key, and every changed row of a batch in one go.
 *
 * @param <K> the row's key within the generation being written
 * @param <R> the row, a value (a record): two equal rows hold the same data
 */
public interface RowTable<K, R> {

    /** The row as the generation being written holds it, if it holds one. */
    Optional<R> load(K key);

    /** Writes the batch's changes: a change without a row before is a new row. */
    void write(List<Change<R>> changes);

    /** A row as it was stored (null: not stored) and as it is to be stored. */
    record Change<R>(R before, R after) {

        public boolean isNew() {
            return before == null;
        }
    }
}
