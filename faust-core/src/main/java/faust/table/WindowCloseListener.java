package faust.table;

import faust.window.WindowRange;

/**
 * Told each key's final value when its window closes (Faust's {@code on_window_close}, with the
 * window's aggregate instead of Faust's raw value).
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface WindowCloseListener<K, V> {
    /**
     * @param key the key
     * @param window the window that closed
     * @param value the key's final value in that window
     */
    void onClose(K key, WindowRange window, V value);
}
