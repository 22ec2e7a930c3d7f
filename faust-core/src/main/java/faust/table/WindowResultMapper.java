package faust.table;

import faust.window.WindowRange;

/**
 * Turns a closed window's final value into the record a windowed table's final-results channel
 * carries ({@link WindowedTable#finalResults}).
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> the record sent
 */
@FunctionalInterface
public interface WindowResultMapper<K, V, R> {
    /**
     * @param key the key
     * @param window the window that closed
     * @param value the key's final value in that window
     * @return the record to send
     */
    R map(K key, WindowRange window, V value);
}
