package faust.table;

/**
 * A table that every worker holds whole (Faust's {@code GlobalTable}), made by
 * {@link faust.App#globalTable(String, Class, Class, java.util.function.Supplier) App.globalTable}.
 *
 * <p>Every worker recovers every partition of the changelog before its agents start, and keeps
 * following the changelog afterwards, so a read on any worker sees the writes made on any other
 * (once they reach the changelog: reads are eventually consistent, typically within a poll of the
 * changelog). Writes follow the rules of a {@link Table}: to the partition of the current event, or
 * by key with {@link TableOptions#usePartitioner(boolean)}, which is what a global table written
 * outside an agent needs.
 *
 * <p>Use it for reference data that every event needs to see (currency rates, user profiles),
 * not for large state: each worker stores all of it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface GlobalTable<K, V> extends Table<K, V> {
}
