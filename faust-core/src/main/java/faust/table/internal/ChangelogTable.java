package faust.table.internal;

import faust.errors.FaustException;
import faust.table.GlobalTable;
import faust.table.Table;
import faust.table.WindowedTable;
import faust.transport.TrackedMessage;
import faust.window.Window;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Table} (and, subclassed, a {@link GlobalTable}) whose writes go to the store partition of
 * the current event and to the same partition of the changelog topic. Values are kept as the
 * changelog's bytes, so a changelog written by Python Faust (JSON keys and values, records with
 * {@code __faust}) reads back as it was written, and the reverse.
 *
 * @param <K> key type
 * @param <V> value type
 */
public sealed class ChangelogTable<K, V> extends StoredTable<K> implements Table<K, V> permits GlobalChangelogTable {
    private final Class<V> valueType;
    private final @Nullable Supplier<? extends V> defaultValue;
    private final TableManager manager;
    /** Set once, when the table is made windowed. */
    private volatile @Nullable WindowedChangelogTable<K, V> windowed;

    ChangelogTable(TableContext c, Class<K> keyType, Class<V> valueType, @Nullable Supplier<? extends V> defaultValue) {
        super(c, keyType);
        this.valueType = valueType;
        this.defaultValue = defaultValue;
        this.manager = c.manager();
    }

    @Override
    public WindowedTable<K, V> usingWindow(Window window, boolean keyIndex) {
        Objects.requireNonNull(window, "window");
        WindowedChangelogTable<K, V> w = manager.windowed(this, window, keyIndex, windowed != null);
        windowed = w;
        return w;
    }

    /** The plain map methods: refused once the table is windowed, whose keys carry windows. */
    private void plain() {
        if (windowed != null) {
            throw new FaustException("table '" + name() + "' is windowed: read and write it through the WindowedTable that "
                    + "tumbling(...), hopping(...) or usingWindow(...) returned, as its keys carry windows");
        }
    }

    /** @return the value type */
    public Class<V> valueType() {
        return valueType;
    }

    byte[] valueBytes(V value) {
        return rt.codecs().dumpsValue(value, spec().valueSerializer());
    }

    V value(byte[] b) {
        return rt.codecs().loadsValue(valueType, b, spec().valueSerializer());
    }

    @Override
    void recover(TrackedMessage m, ChangelogBatch batch) {
        WindowedChangelogTable<K, V> w = windowed;
        if (w != null) {
            w.recover(m, batch);
            return;
        }
        byte[] k = m.key();
        if (k == null) {
            throw new IllegalArgumentException("a changelog record without a key");
        }
        byte[] v = m.value();
        if (v != null) {
            value(v);
        }
        batch.put(canonicalKey(k), v);
    }

    @Override
    boolean replaysWhole(int partition) {
        WindowedChangelogTable<K, V> w = windowed;
        return w != null && w.closer().replaysWhole(partition);
    }

    @Override
    void closed(int partition) {
        WindowedChangelogTable<K, V> w = windowed;
        if (w != null) {
            w.closer().closed(partition);
        }
    }

    @Override
    boolean coalesces() {
        return true;
    }

    @Override
    String encoding() {
        return (windowed != null ? "windowed [" + spec().keySerializer() + " key, [start, end]] key, "
                : spec().keySerializer() + " key, ") + spec().valueSerializer() + " value";
    }

    // ---- the map ------------------------------------------------------------------------------

    @Nullable V stored(byte[] key) {
        byte[] v = read(key);
        return v == null ? null : value(v);
    }

    @Nullable V orDefault(@Nullable V v) {
        return v != null || defaultValue == null ? v : defaultValue.get();
    }

    @Override
    public @Nullable V get(K key) {
        plain();
        V v = orDefault(stored(keyBytes(key)));
        rt.sensors().onTableGet(name(), key);
        return v;
    }

    @Override
    public void put(K key, @Nullable V value) {
        plain();
        byte[] kb = keyBytes(key);
        set(writePartition(kb), kb, value == null ? null : valueBytes(value));
        changed(key, value);
    }

    private void set(int partition, byte[] key, byte @Nullable [] value) {
        write(partition, key, value, key, value);
    }

    /** Tells the sensors about a write (Faust's {@code on_key_set} / {@code on_key_del}). */
    void changed(K key, @Nullable V value) {
        if (value == null) {
            rt.sensors().onTableDel(name(), key);
        } else {
            rt.sensors().onTableSet(name(), key, value);
        }
    }

    @Override
    public @Nullable V remove(K key) {
        plain();
        byte[] kb = keyBytes(key);
        int p = writePartition(kb);
        V old = stored(kb);
        set(p, kb, null);
        changed(key, null);
        return old;
    }

    @Override
    public void delete(K key) {
        plain();
        byte[] kb = keyBytes(key);
        set(writePartition(kb), kb, null);
        changed(key, null);
    }

    @Override
    public @Nullable V merge(K key, V value, BiFunction<? super V, ? super V, ? extends @Nullable V> fn) {
        plain();
        Objects.requireNonNull(value, "value");
        byte[] kb = keyBytes(key);
        int p = writePartition(kb);
        V old = orDefault(stored(kb));
        V next = old == null ? value : fn.apply(old, value);
        set(p, kb, next == null ? null : valueBytes(next));
        rt.sensors().onTableGet(name(), key);
        changed(key, next);
        return next;
    }

    @Override
    public @Nullable V compute(K key, BiFunction<? super K, ? super @Nullable V, ? extends @Nullable V> fn) {
        plain();
        byte[] kb = keyBytes(key);
        int p = writePartition(kb);
        V next = fn.apply(key, orDefault(stored(kb)));
        set(p, kb, next == null ? null : valueBytes(next));
        rt.sensors().onTableGet(name(), key);
        changed(key, next);
        return next;
    }

    @Override
    public boolean containsKey(K key) {
        plain();
        return read(keyBytes(key)) != null;
    }

    private Map<K, V> local() {
        plain();
        Map<K, V> out = new LinkedHashMap<>();
        for (int p : holder().readable()) {
            holder().forEach(p, (k, v) -> out.put(key(k), value(v)));
        }
        return out;
    }

    @Override
    public Set<K> keySet() {
        return local().keySet();
    }

    @Override
    public Collection<V> values() {
        return new ArrayList<>(local().values());
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return local().entrySet();
    }

    @Override
    public String asAnsiTable() {
        WindowedChangelogTable<K, V> w = windowed;
        if (w != null) {
            return w.asAnsiTable();
        }
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<K, V> e : local().entrySet()) {
            rows.add(new String[] {String.valueOf(e.getKey()), String.valueOf(e.getValue())});
        }
        rows.sort(Comparator.comparing((String[] r) -> r[0]));
        return TextTable.render(help().isEmpty() ? name() : name() + ": " + help(), new String[] {"Key", "Value"}, rows);
    }

    @Override
    public String toString() {
        return (isGlobal() ? "GlobalTable(" : "Table(") + name() + ", " + partitions() + " partitions, changelog "
                + changelogTopic() + ")";
    }
}
