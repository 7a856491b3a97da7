package fi.mentoringledger.query.processing;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The rows of these keys that the generation being written holds; a table may read them in one query. */
    default Map<K, R> loadAll(Collection<K> keys) {
        Map<K, R> rows = new LinkedHashMap<>();
        keys.forEach(key -> load(key).ifPresent(row -> rows.put(key, row)));
        return rows;
    }

    /** Writes the batch's changes: a change without a row before is a new row. */
    void write(List<Change<R>> changes);

    /** A row as it was stored (null: not stored) and as it is to be stored. */
    record Change<R>(R before, R after) {

        public boolean isNew() {
            return before == null;
        }
    }
}
