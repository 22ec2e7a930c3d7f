package faust.table.internal;

import faust.errors.FaustException;
import faust.errors.ImproperlyConfiguredException;
import faust.internal.AppRuntime;
import faust.store.StateStore;
import faust.stream.Headers;
import faust.stream.internal.CurrentEvent;
import faust.stream.internal.EventImpl;
import faust.table.Table;
import faust.table.TableSpec;
import faust.transport.TrackedMessage;
import faust.transport.internal.Partitioner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Table} whose writes go to the store partition of the current event and to the same
 * partition of the changelog topic. Keys and values are kept as the changelog's bytes, so a
 * changelog written by Python Faust (JSON keys and values, records with {@code __faust}) reads
 * back as it was written, and the reverse.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ChangelogTable<K, V> implements Table<K, V> {
    private final AppRuntime rt;
    private final TablePartitions holder;
    private final String name;
    private final String changelog;
    private final int partitions;
    private final Class<K> keyType;
    private final Class<V> valueType;
    private final @Nullable Supplier<? extends V> defaultValue;
    private final TableSpec spec;
    /** Source topics checked to have as many partitions as the table. */
    private final Set<String> copartitioned = ConcurrentHashMap.newKeySet();
    /** Exactly-once: the transaction epoch a write belongs to. */
    private final LongSupplier epochs;

    ChangelogTable(AppRuntime rt, TablePartitions holder, LongSupplier epochs, String name, String changelog, int partitions,
                   Class<K> keyType, Class<V> valueType, @Nullable Supplier<? extends V> defaultValue, TableSpec spec) {
        this.epochs = epochs;
        this.rt = rt;
        this.holder = holder;
        this.name = name;
        this.changelog = changelog;
        this.partitions = partitions;
        this.keyType = keyType;
        this.valueType = valueType;
        this.defaultValue = defaultValue;
        this.spec = spec;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String changelogTopic() {
        return changelog;
    }

    @Override
    public int partitions() {
        return partitions;
    }

    @Override
    public String help() {
        return spec.help();
    }

    /** @return the options */
    public TableSpec spec() {
        return spec;
    }

    /** @return the key type */
    public Class<K> keyType() {
        return keyType;
    }

    /** @return the value type */
    public Class<V> valueType() {
        return valueType;
    }

    private StateStore store() {
        return holder.store();
    }

    /** @return the partitions this worker holds and their store */
    TablePartitions holder() {
        return holder;
    }

    // ---- encoding -----------------------------------------------------------------------------

    byte[] keyBytes(K key) {
        return rt.codecs().dumpsKey(Objects.requireNonNull(key, "key"), spec.keySerializer());
    }

    private byte[] valueBytes(V value) {
        return rt.codecs().dumpsValue(value, spec.valueSerializer());
    }

    K key(byte[] b) {
        return rt.codecs().loadsKey(keyType, b, spec.keySerializer());
    }

    V value(byte[] b) {
        return rt.codecs().loadsValue(valueType, b, spec.valueSerializer());
    }

    /**
     * Checks that a changelog record decodes with this table's types, as recovery does before it
     * stores the record.
     *
     * @param m the record
     * @throws RuntimeException the codec's error when it does not
     */
    void checkDecodes(TrackedMessage m) {
        byte[] k = m.key();
        if (k == null) {
            throw new IllegalArgumentException("a changelog record without a key");
        }
        key(k);
        byte[] v = m.value();
        if (v != null) {
            value(v);
        }
    }

    // ---- partitions ---------------------------------------------------------------------------

    /** @return the partition a write of this key goes to, checked to be one this worker holds */
    private int writePartition(byte[] key) {
        int p;
        if (spec.usePartitioner()) {
            p = Partitioner.partitionFor(key, partitions);
        } else {
            EventImpl<?, ?> e = CurrentEvent.get();
            if (e == null) {
                throw new FaustException("table '" + name + "' was written outside an agent's event: a write goes to the "
                        + "partition of the event being processed, and there is none. Write it from an agent, or declare "
                        + "the table with usePartitioner(true) to partition writes by key (Faust's use_partitioner=True).");
            }
            TrackedMessage m = e.tracked();
            checkCopartitioned(m.topic());
            p = m.partition();
        }
        holder.checkHeld(name, p);
        return p;
    }

    private void checkCopartitioned(String source) {
        if (copartitioned.contains(source)) {
            return;
        }
        OptionalInt n = holder.partitionCount(source);
        if (n.isPresent() && n.getAsInt() != partitions) {
            throw new ImproperlyConfiguredException("table '" + name + "' is written from events of topic '" + source
                    + "', which has " + n.getAsInt() + " partitions, but its changelog '" + changelog + "' has " + partitions
                    + ": a write goes to the partition of its event, so they must have the same number. Declare the table "
                    + "with partitions(" + n.getAsInt() + "), or repartition the stream with groupBy into a topic of "
                    + partitions + " partitions.");
        }
        copartitioned.add(source);
    }

    /** @return the partition a read of this key looks in first, or -1 for none in particular */
    private int readPartition(byte[] key) {
        if (spec.usePartitioner()) {
            return Partitioner.partitionFor(key, partitions);
        }
        EventImpl<?, ?> e = CurrentEvent.get();
        return e == null ? -1 : e.tracked().partition();
    }

    private byte @Nullable [] read(byte[] key) {
        int first = readPartition(key);
        List<Integer> held = holder.held();
        if (first >= 0 && held.contains(first)) {
            byte[] v = holder.get(first, key);
            if (v != null || spec.usePartitioner()) {
                return v;
            }
        }
        for (int p : held) {
            if (p != first) {
                byte[] v = holder.get(p, key);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    // ---- the map ------------------------------------------------------------------------------

    private @Nullable V stored(byte[] key) {
        byte[] v = read(key);
        return v == null ? null : value(v);
    }

    private @Nullable V orDefault(@Nullable V v) {
        return v != null || defaultValue == null ? v : defaultValue.get();
    }

    @Override
    public @Nullable V get(K key) {
        V v = orDefault(stored(keyBytes(key)));
        rt.sensors().onTableGet(name, key);
        return v;
    }

    @Override
    public void put(K key, @Nullable V value) {
        byte[] kb = keyBytes(key);
        write(writePartition(kb), kb, value == null ? null : valueBytes(value));
        changed(key, value);
    }

    /** Tells the sensors about a write (Faust's {@code on_key_set} / {@code on_key_del}). */
    private void changed(K key, @Nullable V value) {
        if (value == null) {
            rt.sensors().onTableDel(name, key);
        } else {
            rt.sensors().onTableSet(name, key, value);
        }
    }

    private void write(int partition, byte[] key, byte @Nullable [] value) {
        Overlay.Epoch epoch = null;
        if (rt.exactlyOnce() && CurrentEvent.get() != null) {
            // inside the event's transaction: kept off the store until the transaction commits
            epoch = holder.putUncommitted(epochs.getAsLong(), partition, key, value);
        } else {
            store().put(partition, key, value);
        }
        holder.sent(partition, rt.produce(changelog, partition, null, key, value, Headers.empty()), epoch);
    }

    @Override
    public @Nullable V remove(K key) {
        byte[] kb = keyBytes(key);
        int p = writePartition(kb);
        V old = stored(kb);
        write(p, kb, null);
        changed(key, null);
        return old;
    }

    @Override
    public void delete(K key) {
        byte[] kb = keyBytes(key);
        write(writePartition(kb), kb, null);
        changed(key, null);
    }

    @Override
    public @Nullable V merge(K key, V value, BiFunction<? super V, ? super V, ? extends @Nullable V> fn) {
        Objects.requireNonNull(value, "value");
        byte[] kb = keyBytes(key);
        int p = writePartition(kb);
        V old = orDefault(stored(kb));
        V next = old == null ? value : fn.apply(old, value);
        write(p, kb, next == null ? null : valueBytes(next));
        rt.sensors().onTableGet(name, key);
        changed(key, next);
        return next;
    }

    @Override
    public @Nullable V compute(K key, BiFunction<? super K, ? super @Nullable V, ? extends @Nullable V> fn) {
        byte[] kb = keyBytes(key);
        int p = writePartition(kb);
        V next = fn.apply(key, orDefault(stored(kb)));
        write(p, kb, next == null ? null : valueBytes(next));
        rt.sensors().onTableGet(name, key);
        changed(key, next);
        return next;
    }

    @Override
    public boolean containsKey(K key) {
        return read(keyBytes(key)) != null;
    }

    private Map<K, V> local() {
        Map<K, V> out = new LinkedHashMap<>();
        for (int p : holder.held()) {
            holder.forEach(p, (k, v) -> out.put(key(k), value(v)));
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
    public int size() {
        long n = 0;
        StateStore s = store();
        for (int p : holder.held()) {
            if (holder.hasUncommitted(p)) {
                long[] c = {0};
                holder.forEach(p, (k, v) -> c[0]++);
                n += c[0];
            } else {
                n += s.size(p);
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    @Override
    public String asAnsiTable() {
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<K, V> e : local().entrySet()) {
            rows.add(new String[] {String.valueOf(e.getKey()), String.valueOf(e.getValue())});
        }
        rows.sort(Comparator.comparing((String[] r) -> r[0]));
        return TextTable.render(spec.help().isEmpty() ? name : name + ": " + spec.help(), new String[] {"Key", "Value"}, rows);
    }

    @Override
    public String toString() {
        return "Table(" + name + ", " + partitions + " partitions, changelog " + changelog + ")";
    }
}
