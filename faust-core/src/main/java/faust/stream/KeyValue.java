package faust.stream;

import org.jspecify.annotations.Nullable;

/**
 * A key and a value, as yielded by {@link Stream#items()}.
 *
 * @param key the key (may be null)
 * @param value the value (may be null)
 * @param <K> key type
 * @param <V> value type
 */
public record KeyValue<K, V>(@Nullable K key, @Nullable V value) {
    /**
     * @param key key
     * @param value value
     * @param <K> key type
     * @param <V> value type
     * @return the pair
     */
    public static <K, V> KeyValue<K, V> of(@Nullable K key, @Nullable V value) {
        return new KeyValue<>(key, value);
    }
}
