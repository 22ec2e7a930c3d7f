package faust.table;

import faust.stream.Event;
import faust.topic.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;

/**
 * A set table whose sets live in time windows (Faust's windowed {@code SetTable}), made by
 * {@link SetTable#tumbling}, {@link SetTable#hopping} or {@link SetTable#usingWindow}. Everything
 * {@link WindowedTable} says holds; a window's value is its set, empty when nothing was added.
 *
 * <pre>{@code
 * WindowedSetTable<String, String> visitors = app.setTable("visitors", String.class, String.class)
 *         .tumbling(Duration.ofMinutes(1), Duration.ofMinutes(5));
 * visitors.get(page).add(user);                     // every window holding the event's time
 * Set<String> lastMinute = visitors.get(page).delta(Duration.ofMinutes(1));
 * }</pre>
 *
 * @param <K> key type
 * @param <E> element type
 */
public interface WindowedSetTable<K, E> extends WindowedTable<K, Set<E>> {
    @Override
    SetWindowSet<K, E> get(K key);

    @Override
    WindowedSetTable<K, E> relativeToNow();

    @Override
    WindowedSetTable<K, E> relativeToStream();

    @Override
    <V> WindowedSetTable<K, E> relativeToField(Function<? super V, ?> field);

    @Override
    WindowedSetTable<K, E> relativeTo(Instant t);

    @Override
    WindowedSetTable<K, E> relativeTo(Function<? super Event<?, ?>, Instant> timestamp);

    @Override
    WindowedSetTable<K, E> grace(Duration grace);

    @Override
    WindowedSetTable<K, E> advanceIdlePartitionsAfter(Duration idle);

    @Override
    WindowedSetTable<K, E> onWindowClose(WindowCloseListener<? super K, ? super Set<E>> listener);

    @Override
    <R> WindowedSetTable<K, E> finalResults(Channel<K, R> channel,
                                           WindowResultMapper<? super K, ? super Set<E>, ? extends R> toValue);
}
