package faust.table;

import faust.stream.Event;
import faust.window.WindowRange;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One key of a {@link WindowedTable} across its windows (Faust's {@code WindowSet}): which window a
 * read looks in, and writes to every window that holds the timestamp.
 *
 * <pre>{@code
 * WindowedTable<String, Long> views = app.table("views", String.class, Long.class, () -> 0L)
 *         .hopping(Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofHours(1));
 * views.get(page).merge(1L, Long::sum);          // Faust: views[page] += 1
 * long thisMinute = views.get(page).now();       // the window holding the wall clock's now
 * }</pre>
 *
 * <p>A read of a window nobody wrote gives the table's default (or null without one). The
 * timestamp of a write or of {@link #value()} is the table's time relativity
 * ({@link WindowedTable#relativeToStream()} and the others); {@link #current()} and
 * {@link #delta(Duration)} use the current event's message timestamp, as Faust's do.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface WindowSet<K, V> {
    /** @return the key */
    K key();

    /**
     * @return the value in the latest window holding the table's timestamp of the current event
     *     (its relativity); outside an event, in the window holding now (Faust's {@code value()})
     */
    @Nullable V value();

    /**
     * @param event an event
     * @return the value in the latest window holding the table's timestamp of that event
     */
    @Nullable V value(Event<?, ?> event);

    /** @return the value in the latest window holding the current event's message timestamp (Faust's {@code current()}) */
    @Nullable V current();

    /**
     * @param event an event
     * @return the value in the latest window holding its message timestamp
     */
    @Nullable V current(Event<?, ?> event);

    /**
     * The value in the window holding the wall clock's now. Faust's {@code now()} returns the
     * <em>earliest</em> window holding a partition-dependent "now"; this is the latest window
     * holding the actual time, which is what the name says (see docs/windows.md).
     *
     * @return the value in the window holding now
     */
    @Nullable V now();

    /**
     * @param d how far back
     * @return the value in the window current {@code d} before the current event's message
     *     timestamp (Faust's {@code delta(d)})
     */
    @Nullable V delta(Duration d);

    /**
     * @param d how far back
     * @param event an event
     * @return the value in the window current {@code d} before its message timestamp
     */
    @Nullable V delta(Duration d, Event<?, ?> event);

    /**
     * @param window a window range
     * @return the value in exactly that window
     */
    @Nullable V at(WindowRange window);

    /**
     * Read-modify-write in every window holding the table's timestamp of the current event (Faust's
     * {@code table[k] += v} is {@code merge(v, Long::sum)}). A window that has already closed is
     * not written: the event is late for it, and counted in the Monitor.
     *
     * @param value the value to merge in
     * @param fn how to merge with a window's value (the default when missing; without a default the
     *     window's new value is {@code value}); null removes the key from that window
     * @return the new value of the latest window written, or null when none was (every window closed)
     */
    @Nullable V merge(V value, BiFunction<? super V, ? super V, ? extends @Nullable V> fn);

    /**
     * Read-modify-write in every window holding the table's timestamp of the current event.
     *
     * @param fn a window's new value from its value (the default when missing, or null without one);
     *     null removes the key from that window
     * @return the new value of the latest window written, or null
     */
    @Nullable V update(UnaryOperator<@Nullable V> fn);
}
