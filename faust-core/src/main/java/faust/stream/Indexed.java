package faust.stream;

/**
 * A value with its position in a stream, as yielded by {@link Stream#enumerate()}.
 *
 * @param index the position, counting from the start given to {@code enumerate}
 * @param value the value
 * @param <V> value type
 */
public record Indexed<V>(long index, V value) {}
