package faust.table.internal;

import faust.stream.Event;
import faust.stream.internal.CurrentEvent;
import faust.table.WindowSet;
import faust.window.WindowRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One key of a windowed table: reads pick a window by a timestamp, writes go to the
 * table.
 *
 * @param <K> key type
 * @param <V> value type
 */
class WindowSetImpl<K, V> implements WindowSet<K, V> {
    private final AbstractWindowedTable<K, V, ?> table;
    private final K key;

    WindowSetImpl(AbstractWindowedTable<K, V, ?> table, K key) {
        this.table = table;
        this.key = key;
    }

    @Override
    public K key() {
        return key;
    }

    private @Nullable V in(long epochMillis) {
        return table.at(key, table.window().current(Instant.ofEpochMilli(epochMillis)));
    }

    /** @return the message timestamp of an event, or now outside one */
    private static long messageTime(@Nullable Event<?, ?> e) {
        return e == null ? System.currentTimeMillis() : e.message().timestamp();
    }

    @Override
    public @Nullable V value() {
        return value(CurrentEvent.get());
    }

    @Override
    public @Nullable V value(@Nullable Event<?, ?> event) {
        Long t = table.timeOf(event);
        return t == null ? null : in(t);
    }

    @Override
    public @Nullable V current() {
        return in(messageTime(CurrentEvent.get()));
    }

    @Override
    public @Nullable V current(Event<?, ?> event) {
        return in(messageTime(Objects.requireNonNull(event, "event")));
    }

    @Override
    public @Nullable V now() {
        return in(System.currentTimeMillis());
    }

    @Override
    public @Nullable V delta(Duration d) {
        return in(messageTime(CurrentEvent.get()) - d.toMillis());
    }

    @Override
    public @Nullable V delta(Duration d, Event<?, ?> event) {
        return in(messageTime(Objects.requireNonNull(event, "event")) - d.toMillis());
    }

    @Override
    public @Nullable V at(WindowRange window) {
        return table.at(key, Objects.requireNonNull(window, "window"));
    }

    @Override
    public @Nullable V merge(V value, BiFunction<? super V, ? super V, ? extends @Nullable V> fn) {
        Objects.requireNonNull(value, "value");
        return table.update(key, old -> old == null ? value : fn.apply(old, value));
    }

    @Override
    public @Nullable V update(UnaryOperator<@Nullable V> fn) {
        return table.update(key, fn);
    }

    @Override
    public String toString() {
        return "WindowSet(" + table.name() + ", " + key + ")";
    }
}
