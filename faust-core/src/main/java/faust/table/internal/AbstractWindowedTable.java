package faust.table.internal;

import faust.errors.ImproperlyConfiguredException;
import faust.internal.AppRuntime;
import faust.settings.TableSettings;
import faust.stream.Event;
import faust.stream.Headers;
import faust.stream.internal.CurrentEvent;
import faust.stream.internal.EventImpl;
import faust.table.WindowCloseListener;
import faust.table.WindowResultMapper;
import faust.table.WindowSet;
import faust.table.WindowedTable;
import faust.topic.Channel;
import faust.transport.TrackedMessage;
import faust.window.HoppingWindow;
import faust.window.SlidingWindow;
import faust.window.TumblingWindow;
import faust.window.Window;
import faust.window.WindowRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a windowed table of either kind ({@link WindowedChangelogTable}, {@link WindowedChangelogSetTable})
 * does the same way: its declaration (time relativity, grace, listeners), the timestamp and
 * windows of each write, and each partition's windows ({@link PartitionWindows}), which close on
 * stream time and are deleted when they expire, at the beginning of each commit. The table beneath
 * keeps each window of a key under Faust's {@code [key, [start, end]]} ({@link WindowedKeys}); the
 * subclass decides how a window's value is read, written and deleted.
 *
 * @param <K> key type
 * @param <V> a window's value type
 * @param <S> the public type this class's declaration methods return
 */
public abstract sealed class AbstractWindowedTable<K, V, S extends WindowedTable<K, V>> implements WindowedTable<K, V>
        permits WindowedChangelogTable, WindowedChangelogSetTable {
    private static final Logger log = LoggerFactory.getLogger(AbstractWindowedTable.class);
    /** The changelog header carrying the partition's {@code closedThrough} clock, in epoch milliseconds. */
    static final String CLOCK_HEADER = "faust-java-window-clock";

    private final StoredTable<K> table;
    final AppRuntime rt;
    final Window window;
    private final @Nullable ChangelogTable<K, Integer> keyIndex;
    private final WindowCloser<K, V> closer;
    /** Windows' {@code [start, end]} bytes, by window (cleared beyond {@link #TIMES_CACHED}). */
    private final Map<WindowRange, byte[]> times = new ConcurrentHashMap<>();
    private static final int TIMES_CACHED = 4096;
    private final long expires;
    private volatile WindowTime time = new WindowTime.Stream();
    private volatile long grace;
    private volatile long idle;
    private volatile boolean started;

    AbstractWindowedTable(StoredTable<K> table, Window window, @Nullable ChangelogTable<K, Integer> keyIndex) {
        this.table = table;
        this.rt = table.rt;
        this.window = window;
        this.keyIndex = keyIndex;
        Duration e = window.expires();
        this.expires = e == null ? -1 : e.toMillis();
        this.grace = expires;       // Faust closes a window when it expires
        this.closer = new WindowCloser<>(this, rt.settings().get(TableSettings.TABLE_CLEANUP_INTERVAL).toMillis());
    }

    /**
     * @param window windows
     * @return how long one lasts: a tumbling or hopping window's size, a sliding window's span
     */
    static Duration span(Window window) {
        return switch (window) {
            case TumblingWindow t -> t.size();
            case HoppingWindow h -> h.size();
            case SlidingWindow s -> s.before().plus(s.after());
        };
    }

    @Override
    public String name() {
        return table.name();
    }

    @Override
    public Window window() {
        return window;
    }

    // ---- what the kind of table decides -------------------------------------------------------------

    /**
     * @param storeKey a window of a key, as stored
     * @return its value as a read sees it (the default, or an empty set, when missing)
     */
    abstract @Nullable V read(byte[] storeKey);

    /**
     * @param stored a window's stored bytes
     * @return its value
     */
    abstract V decode(byte[] stored);

    /**
     * Writes a window's new value, with its changelog record.
     *
     * @param partition the partition
     * @param key the key
     * @param storeKey the window of the key, as stored
     * @param fn the window's new value from its value
     * @param headers the changelog record's headers
     * @param commits whether the write belongs to the next commit (an agent's event)
     * @param held whether the window held the key before: when not, its value is missing and need not be read
     * @return the window's new value
     */
    abstract @Nullable V write(int partition, K key, byte[] storeKey, UnaryOperator<@Nullable V> fn, Headers headers,
                               boolean commits, boolean held);

    /**
     * As a commit begins, deletes an expired window (a tombstone, or for sets an update removing every element).
     *
     * @param partition the partition
     * @param storeKey the window of a key, as stored
     * @param stored its stored bytes
     * @param headers the changelog record's headers
     */
    abstract void expire(int partition, byte[] storeKey, byte[] stored, Headers headers);

    /**
     * As a commit begins, writes a changelog record that leaves a closed window as it is, carrying
     * the clock closes were emitted through in its headers.
     *
     * @param partition the partition
     * @param storeKey the window of a key, as stored
     * @param stored its stored bytes
     * @param headers the changelog record's headers
     */
    abstract void mark(int partition, byte[] storeKey, byte[] stored, Headers headers);

    // ---- declaration --------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private S declare(Runnable change) {
        if (started) {
            throw new ImproperlyConfiguredException("windowed table '" + name() + "' is configured after the app started; "
                    + "set its time relativity, grace and close listeners when declaring it");
        }
        change.run();
        return (S) this;
    }

    /** The app starts: the declaration is final. */
    void start() {
        started = true;
    }

    @Override
    public S relativeToNow() {
        return declare(() -> time = new WindowTime.Now());
    }

    @Override
    public S relativeToStream() {
        return declare(() -> time = new WindowTime.Stream());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> S relativeToField(Function<? super E, ?> field) {
        Objects.requireNonNull(field, "field");
        return declare(() -> time = new WindowTime.Field((Function<Object, ?>) field));
    }

    @Override
    public S relativeTo(Instant t) {
        Objects.requireNonNull(t, "t");
        return declare(() -> time = new WindowTime.Fixed(t));
    }

    @Override
    public S relativeTo(Function<? super Event<?, ?>, Instant> timestamp) {
        Objects.requireNonNull(timestamp, "timestamp");
        return declare(() -> time = new WindowTime.Of(timestamp));
    }

    @Override
    public S grace(Duration grace) {
        long g = grace.toMillis();
        if (g < 0) {
            throw new ImproperlyConfiguredException("windowed table '" + name() + "': grace must not be negative, got " + grace);
        }
        if (expires >= 0 && g > expires) {
            throw new ImproperlyConfiguredException("windowed table '" + name() + "': grace " + grace + " is longer than the "
                    + "window's expires " + window.expires() + ", so a window would be deleted before it closes; set "
                    + "expires to at least the grace");
        }
        return declare(() -> this.grace = g);
    }

    @Override
    public S advanceIdlePartitionsAfter(Duration idle) {
        if (idle.toMillis() < 1) {
            throw new ImproperlyConfiguredException("windowed table '" + name() + "': the idle time must be at least 1 ms, "
                    + "got " + idle);
        }
        return declare(() -> this.idle = idle.toMillis());
    }

    @Override
    public S onWindowClose(WindowCloseListener<? super K, ? super V> listener) {
        Objects.requireNonNull(listener, "listener");
        checkCloses();
        return declare(() -> closer.listen(listener));
    }

    @Override
    public <R> S finalResults(Channel<K, R> channel,
                                               WindowResultMapper<? super K, ? super V, ? extends R> toValue) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(toValue, "toValue");
        checkCloses();
        return declare(() -> closer.sendTo(channel, toValue));
    }

    private void checkCloses() {
        if (grace < 0) {
            throw new ImproperlyConfiguredException("windowed table '" + name() + "' has windows that never close (no "
                    + "expires and no grace): give the window an expires, or call grace(...) first, before asking for "
                    + "its closes");
        }
    }

    // ---- writes -------------------------------------------------------------------------------------

    @Override
    public void put(K key, @Nullable V value) {
        update(key, old -> value);
    }

    @Override
    public void delete(K key) {
        update(key, old -> null);
        if (keyIndex != null) {
            keyIndex.delete(key);       // as Faust's on_del_key
        }
    }

    /**
     * Writes {@code fn}'s value to every window holding the table's timestamp of the current event
     * that has not closed.
     *
     * @return the new value of the latest window written, or null
     */
    @Nullable V update(K key, UnaryOperator<@Nullable V> fn) {
        List<@Nullable V> last = new ArrayList<>(1);
        forEachWindow(key, (p, sk, h, commits, held) -> {
            last.clear();
            last.add(write(p, key, sk, fn, h, commits, held));
        });
        return last.isEmpty() ? null : last.get(0);
    }

    /** A write to one window of a key. */
    @FunctionalInterface
    interface WindowWrite {
        /**
         * @param partition the partition
         * @param storeKey the window of the key, as stored
         * @param headers the changelog record's headers
         * @param commits whether the write belongs to the next commit (an agent's event)
         * @param held whether the window held the key before (when not, it has no value to read)
         */
        void write(int partition, byte[] storeKey, Headers headers, boolean commits, boolean held);
    }

    /**
     * Runs a write on every window of the key holding the table's timestamp of the current event
     * that has not closed; a window that has is counted as a late write. An event whose timestamp
     * cannot be read (a bad time field) is reported with its topic, partition and offset and writes
     * nothing.
     */
    final void forEachWindow(K key, WindowWrite write) {
        EventImpl<?, ?> e = CurrentEvent.get();
        long t;
        try {
            t = e == null ? timeOutsideEvents() : time.of(e);
        } catch (RuntimeException bad) {
            if (e == null) {
                throw bad;
            }
            rt.onDecodeError(e.tracked(), "the time of windowed table '" + name() + "'", bad);
            return;
        }
        byte[] kb = table.keyBytes(key);
        int p = table.writePartition(kb);
        long wall = System.currentTimeMillis();
        PartitionWindows w = closer.state(p);
        long clock = time.wallClock() ? wall : w.observe(t, wall);
        Headers h = w.clockHeaders();
        boolean wrote = false;
        for (WindowRange r : window.ranges(Instant.ofEpochMilli(t))) {
            if (grace >= 0 && w.isLate(r, clock, grace)) {
                rt.monitor().tableLateWrite(name());
                log.debug("[{}] table '{}' partition {}: a write at {} to window {} is later than the window's close "
                        + "(stream time {}, grace {} ms); dropped", rt.settings().id(), name(), p, Instant.ofEpochMilli(t), r,
                        Instant.ofEpochMilli(clock), grace);
                continue;
            }
            byte[] sk = JsonArrays.join(List.of(kb, times(r)));
            // the windows know their keys: a window that did not hold the key has no value to read from the store
            boolean held = !w.add(r, Overlay.Key.of(sk));
            write.write(p, sk, h, e != null, held);
            wrote = true;
        }
        if (wrote && keyIndex != null) {
            keyIndex.put(key, 1);
        }
    }

    /** @return a window's {@code [start, end]} as its changelog keys write it, computed once per window */
    private byte[] times(WindowRange range) {
        byte[] b = times.get(range);
        if (b == null) {
            if (times.size() > TIMES_CACHED) {
                times.clear();
            }
            b = WindowedKeys.times(range, window);
            times.put(range, b);
        }
        return b;
    }

    /** @return the timestamp of a write or read made outside an agent's event: the fixed instant, else now */
    private long timeOutsideEvents() {
        return time instanceof WindowTime.Fixed(Instant at) ? at.toEpochMilli() : System.currentTimeMillis();
    }

    // ---- reads --------------------------------------------------------------------------------------

    /** @return the key's value in a window: the default when missing */
    @Nullable V at(K key, WindowRange range) {
        V v = read(WindowedKeys.encode(table.keyBytes(key), range, window));
        rt.sensors().onTableGet(name(), key);
        return v;
    }

    /** @return the table's timestamp of an event (its relativity), or null when it has none usable */
    @Nullable Long timeOf(@Nullable Event<?, ?> event) {
        if (event == null) {
            return timeOutsideEvents();
        }
        try {
            return time.of(event);
        } catch (RuntimeException bad) {
            return null;
        }
    }

    private Map<K, V> items(Function<WindowSet<K, V>, @Nullable V> read) {
        Map<K, V> out = new LinkedHashMap<>();
        for (K k : keys()) {
            V v = read.apply(get(k));
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }

    @Override
    public Set<K> keys() {
        return index().keySet();
    }

    private ChangelogTable<K, Integer> index() {
        if (keyIndex == null) {
            throw new ImproperlyConfiguredException("windowed table '" + name() + "' has no key index: declare it with "
                    + "keyIndex true (tumbling(size, expires, true)) to list its keys, as Faust's key_index=True");
        }
        return keyIndex;
    }

    @Override
    public Map<K, V> items() {
        return items(WindowSet::value);
    }

    @Override
    public Map<K, V> itemsNow() {
        return items(WindowSet::now);
    }

    @Override
    public Map<K, V> itemsCurrent() {
        return items(WindowSet::current);
    }

    @Override
    public Map<K, V> itemsDelta(Duration d) {
        return items(s -> s.delta(d));
    }

    @Override
    public Collection<V> values() {
        return new ArrayList<>(items().values());
    }

    @Override
    public int size() {
        return index().size();
    }

    /** @return every window of every key held here, as a text table sorted by key then window */
    String asAnsiTable() {
        List<String[]> rows = new ArrayList<>();
        for (int p : table.holder().readable()) {
            table.holder().forEach(p, (k, v) -> {
                WindowedKeys.Decoded d = WindowedKeys.decode(k, window);
                rows.add(new String[] {String.valueOf(table.key(d.key())), d.range().toString(), String.valueOf(decode(v))});
            });
        }
        rows.sort(Comparator.comparing((String[] r) -> r[0]).thenComparing(r -> r[1]));
        return TextTable.render(table.help().isEmpty() ? name() : name() + ": " + table.help(),
                new String[] {"Key", "Window", "Value"}, rows);
    }

    // ---- recovery and closing: the closer ------------------------------------------------------------

    /** @return what tracks the partitions' windows and closes them */
    final WindowCloser<K, V> closer() {
        return closer;
    }

    /** @see WindowCloser#recovered */
    final void recovered(TrackedMessage m, WindowRange range, byte[] storeKey, boolean deleted) {
        closer.recovered(m, range, storeKey, deleted);
    }

    /** @return the table beneath */
    final StoredTable<K> table() {
        return table;
    }

    /** @return the time relativity */
    final WindowTime time() {
        return time;
    }

    /** @return the grace in milliseconds, or -1 when windows never close */
    final long graceMillis() {
        return grace;
    }

    /** @return {@code expires} in milliseconds, or -1 for windows kept for ever */
    final long expiresMillis() {
        return expires;
    }

    /** @return milliseconds of quiet after which a partition's stream time follows the wall clock, 0 for never */
    final long idleMillis() {
        return idle;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name() + ", " + window + ")";
    }
}
