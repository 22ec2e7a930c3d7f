package faust.table;

import faust.window.HoppingWindow;
import faust.window.TumblingWindow;
import faust.window.Window;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A partitioned, changelog-backed map (Faust's {@code Table}), made by
 * {@link faust.App#table(String, Class, Class, java.util.function.Supplier) App.table}.
 *
 * <pre>{@code
 * Table<String, Long> counts = app.table("word_counts", String.class, Long.class, () -> 0L);
 * app.agent("count", words, stream -> {
 *     for (String word : stream) {
 *         counts.merge(word, 1L, Long::sum);      // Faust: counts[word] += 1
 *     }
 * });
 * }</pre>
 *
 * <p><strong>Partitioning, as in Faust.</strong> A write goes to the partition of the event the
 * agent is processing, so the source topic and the changelog must have the same number of
 * partitions (checked on the first write from each source topic). A write outside an agent's
 * event is an error, unless the table uses the partitioner
 * ({@link TableOptions#usePartitioner(boolean)}). Reads look in the current event's partition
 * first, then in every partition this worker holds. The views ({@link #keySet()},
 * {@link #size()}, ...) cover the partitions this worker holds, not the whole table.
 *
 * <p>Values are never null: {@link #put} with null is {@link #remove}, which writes a tombstone
 * to the changelog. Thread-safe; each partition is written by the agent that owns it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Table<K, V> extends StateTable {
    /**
     * @param key a key
     * @return its value, or the table's default when the key is missing (Faust's {@code __missing__};
     *     the default is not stored), or null when there is no default
     */
    @Nullable V get(K key);

    /**
     * Sets a key, writing the new value to the changelog.
     *
     * @param key a key
     * @param value its new value; null removes the key
     */
    void put(K key, @Nullable V value);

    /**
     * Removes a key, writing a tombstone to the changelog (Faust's {@code del table[key]}).
     *
     * @param key a key
     * @return the value it had, or null
     */
    @Nullable V remove(K key);

    /**
     * Removes a key, as {@link #remove}, without reading its value first.
     *
     * @param key a key
     */
    void delete(K key);

    /**
     * Read-modify-write, as {@link Map#merge}: the new value is {@code fn(old, value)}, where
     * {@code old} is the stored value or, when the key is missing, the default (and when there is no
     * default the new value is {@code value}). Faust's {@code table[k] += v} is
     * {@code merge(k, v, Long::sum)}.
     *
     * @param key a key
     * @param value the value to merge in
     * @param fn how to merge; null removes the key
     * @return the new value, or null when removed
     */
    @Nullable V merge(K key, V value, BiFunction<? super V, ? super V, ? extends @Nullable V> fn);

    /**
     * Read-modify-write, as {@link Map#compute}: {@code fn} gets the key and its value (the
     * default when missing, or null without a default) and returns the new value, or null to remove it.
     *
     * @param key a key
     * @param fn the new value
     * @return the new value, or null when removed
     */
    @Nullable V compute(K key, BiFunction<? super K, ? super @Nullable V, ? extends @Nullable V> fn);

    /**
     * @param key a key
     * @return whether it is stored (the default does not count)
     */
    boolean containsKey(K key);

    /** @return the keys held by this worker (a copy) */
    Set<K> keySet();

    /** @return the values held by this worker (a copy) */
    Collection<V> values();

    /** @return the keys and values held by this worker (a copy) */
    Set<Map.Entry<K, V>> entrySet();

    // ---- windows ----------------------------------------------------------------------------------

    /**
     * Makes this a windowed table over tumbling windows kept for ever (Faust's {@code tumbling(size)}).
     *
     * @param size each window's length
     * @return the windowed table
     */
    default WindowedTable<K, V> tumbling(Duration size) {
        return usingWindow(new TumblingWindow(size, null), false);
    }

    /**
     * Makes this a windowed table over tumbling windows (Faust's {@code tumbling(size, expires)}).
     *
     * @param size each window's length
     * @param expires how long after its end a window is kept, or null for ever
     * @return the windowed table
     */
    default WindowedTable<K, V> tumbling(Duration size, @Nullable Duration expires) {
        return usingWindow(new TumblingWindow(size, expires), false);
    }

    /**
     * Makes this a windowed table over tumbling windows (Faust's {@code tumbling(size, expires, key_index)}).
     *
     * @param size each window's length
     * @param expires how long after its end a window is kept, or null for ever
     * @param keyIndex whether to keep the companion {@code {table}-key_index} table that
     *     {@link WindowedTable#keys()} and {@link WindowedTable#items()} read
     * @return the windowed table
     */
    default WindowedTable<K, V> tumbling(Duration size, @Nullable Duration expires, boolean keyIndex) {
        return usingWindow(new TumblingWindow(size, expires), keyIndex);
    }

    /**
     * Makes this a windowed table over hopping windows kept for ever (Faust's {@code hopping(size, step)}).
     *
     * @param size each window's length
     * @param step how far apart windows start, at most {@code size}
     * @return the windowed table
     */
    default WindowedTable<K, V> hopping(Duration size, Duration step) {
        return usingWindow(new HoppingWindow(size, step, null), false);
    }

    /**
     * Makes this a windowed table over hopping windows (Faust's {@code hopping(size, step, expires)}).
     *
     * @param size each window's length
     * @param step how far apart windows start, at most {@code size}
     * @param expires how long after its end a window is kept, or null for ever
     * @return the windowed table
     */
    default WindowedTable<K, V> hopping(Duration size, Duration step, @Nullable Duration expires) {
        return usingWindow(new HoppingWindow(size, step, expires), false);
    }

    /**
     * Makes this a windowed table over hopping windows (Faust's {@code hopping(size, step, expires, key_index)}).
     *
     * @param size each window's length
     * @param step how far apart windows start, at most {@code size}
     * @param expires how long after its end a window is kept, or null for ever
     * @param keyIndex whether to keep the companion {@code {table}-key_index} table
     * @return the windowed table
     */
    default WindowedTable<K, V> hopping(Duration size, Duration step, @Nullable Duration expires, boolean keyIndex) {
        return usingWindow(new HoppingWindow(size, step, expires), keyIndex);
    }

    /**
     * @param window the windows, such as a {@link faust.window.SlidingWindow}
     * @return the windowed table (Faust's {@code using_window(window)})
     */
    default WindowedTable<K, V> usingWindow(Window window) {
        return usingWindow(window, false);
    }

    /**
     * Makes this a windowed table: its changelog keys become Faust's {@code [key, [start, end]]},
     * its changelog is compacted and deleted after the windows' lifetime, and the plain map methods
     * of this table refuse to run. Call it once, when declaring the table, before the app starts.
     *
     * @param window the windows
     * @param keyIndex whether to keep the companion {@code {table}-key_index} table
     * @return the windowed table (Faust's {@code using_window(window, key_index)})
     * @throws faust.errors.ImproperlyConfiguredException when the table is global, already windowed,
     *     or the app has started
     */
    WindowedTable<K, V> usingWindow(Window window, boolean keyIndex);
}
