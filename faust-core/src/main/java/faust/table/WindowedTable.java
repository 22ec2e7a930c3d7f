package faust.table;

import faust.stream.Event;
import faust.topic.Channel;
import faust.window.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A table whose values live in time windows (Faust's {@code WindowWrapper}), made by
 * {@link Table#tumbling}, {@link Table#hopping} or {@link Table#usingWindow}: each key has a value
 * per window, reached through its {@link WindowSet}.
 *
 * <pre>{@code
 * WindowedTable<String, Long> views = app.table("views", String.class, Long.class, () -> 0L)
 *         .tumbling(Duration.ofMinutes(1), Duration.ofHours(1))
 *         .relativeToStream()
 *         .onWindowClose((page, window, count) -> log.info("{} {} {}", page, window, count));
 * app.agent("count", pageViews, stream -> {
 *     for (PageView v : stream) {
 *         views.get(v.page()).merge(1L, Long::sum);
 *     }
 * });
 * }</pre>
 *
 * <p><strong>Time.</strong> A write goes to every window holding its timestamp, which the time
 * relativity gives: the event's message timestamp by default and with {@link #relativeToStream()},
 * a field of the event's value ({@link #relativeToField}), a function of the event, a fixed
 * instant, or the wall clock ({@link #relativeToNow()}).
 *
 * <p><strong>Closing.</strong> Each partition has a <em>stream time</em>: the largest timestamp a
 * write to this table saw on it. A window closes when the stream time passes its end plus the
 * {@link #grace(Duration) grace} (default: the window's {@code expires}); a {@link #relativeToNow()}
 * table closes windows on the wall clock instead. At its close each key's final value goes to the
 * {@link #onWindowClose} listeners and the {@link #finalResults} channels, once (exactly once under
 * exactly-once processing, at least once otherwise), at the next commit. A write to a closed window
 * is late: it is dropped and counted in the Monitor. A window is deleted (a changelog tombstone)
 * when the clock passes its end plus {@code expires}. Declare all of this before the app starts.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface WindowedTable<K, V> {
    /** @return the table's name */
    String name();

    /** @return the windows */
    Window window();

    /**
     * @param key a key
     * @return its values across windows (Faust's {@code table[key]})
     */
    WindowSet<K, V> get(K key);

    /**
     * Sets the key's value in every window holding the table's timestamp of the current event
     * (Faust's {@code table[key] = value}); windows already closed are not written.
     *
     * @param key a key
     * @param value its value; null removes it from those windows
     */
    void put(K key, @Nullable V value);

    /**
     * Removes the key from every window holding the table's timestamp of the current event, and from
     * the key index (Faust's {@code del table[key]}).
     *
     * @param key a key
     */
    void delete(K key);

    // ---- time relativity ------------------------------------------------------------------------

    /** @return this; windows follow the wall clock, and close on it (Faust's {@code relative_to_now}) */
    WindowedTable<K, V> relativeToNow();

    /** @return this; windows follow each event's message timestamp (the default; Faust's {@code relative_to_stream}) */
    WindowedTable<K, V> relativeToStream();

    /**
     * Windows follow a field of each event's value (Faust's {@code relative_to_field}). The field
     * may be an {@link Instant}, a {@link java.time.temporal.TemporalAccessor} with an offset, a
     * {@link java.util.Date}, epoch seconds (a number below 10<sup>11</sup>, fractions allowed) or
     * epoch milliseconds, or a string of any of those or an ISO-8601 date-time. An event whose
     * field is missing or does not parse is reported with its topic, partition and offset and
     * writes nothing.
     *
     * @param field reads the field from an event's value
     * @param <E> the event value's type
     * @return this
     */
    <E> WindowedTable<K, V> relativeToField(Function<? super E, ?> field);

    /**
     * @param t a fixed instant every write and read uses (Faust's {@code relative_to(timestamp)})
     * @return this
     */
    WindowedTable<K, V> relativeTo(Instant t);

    /**
     * @param timestamp an event's timestamp (Faust's {@code relative_to(callable)})
     * @return this
     */
    WindowedTable<K, V> relativeTo(Function<? super Event<?, ?>, Instant> timestamp);

    // ---- closing ----------------------------------------------------------------------------------

    /**
     * @param grace how long after its end a window waits for late writes before it closes (default:
     *     the window's {@code expires}); at most {@code expires}, which deletes the window
     * @return this
     */
    WindowedTable<K, V> grace(Duration grace);

    /**
     * Lets a quiet partition close its windows: once a partition has seen no write for {@code idle}
     * (wall clock), its stream time moves on with the wall clock. Off by default: a historic replay
     * must not close windows early. Has no effect on {@link #relativeToNow()} tables.
     *
     * @param idle how long a partition is quiet before its stream time follows the wall clock
     * @return this
     */
    WindowedTable<K, V> advanceIdlePartitionsAfter(Duration idle);

    /**
     * @param listener told each key's final value when its window closes; it runs as a commit
     *     begins, and what it sends through a channel joins that commit (under exactly-once, its
     *     transaction)
     * @return this
     */
    WindowedTable<K, V> onWindowClose(WindowCloseListener<? super K, ? super V> listener);

    /**
     * Sends each key's final value of each closed window to a channel (Kafka Streams'
     * {@code suppress(untilWindowCloses)}), with the key, to the table's partition (so a topic of as
     * many partitions is partitioned like the table), timestamped at the window's end. An agent
     * reading that topic sees every window's final aggregate once under exactly-once.
     *
     * @param channel where the results go
     * @param toValue the record sent for a closed window
     * @param <R> the record's type
     * @return this
     */
    <R> WindowedTable<K, V> finalResults(Channel<K, R> channel, WindowResultMapper<? super K, ? super V, ? extends R> toValue);

    // ---- the key index ---------------------------------------------------------------------------

    /**
     * @return the keys written on this worker's partitions (Faust's {@code keys()}, from the
     *     companion {@code {table}-key_index} table)
     * @throws faust.errors.ImproperlyConfiguredException when the table has no key index
     */
    Set<K> keys();

    /** @return each key's {@link WindowSet#value()} (Faust's {@code items()}); needs the key index */
    Map<K, V> items();

    /** @return each key's {@link WindowSet#now()}; needs the key index */
    Map<K, V> itemsNow();

    /** @return each key's {@link WindowSet#current()}; needs the key index */
    Map<K, V> itemsCurrent();

    /**
     * @param d how far back
     * @return each key's {@link WindowSet#delta(Duration)}; needs the key index
     */
    Map<K, V> itemsDelta(Duration d);

    /** @return each key's {@link WindowSet#value()}, without the keys (Faust's {@code values()}); needs the key index */
    Collection<V> values();

    /** @return the number of keys in the key index (Faust's {@code len()}) */
    int size();
}
