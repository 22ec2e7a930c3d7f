package faust.table.internal;

import faust.errors.FaustException;
import faust.errors.ImproperlyConfiguredException;
import faust.internal.AppRuntime;
import faust.stream.Headers;
import faust.stream.internal.CurrentEvent;
import faust.stream.internal.EventImpl;
import faust.table.TableSpec;
import faust.transport.TrackedMessage;
import faust.transport.internal.Partitioner;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What every kind of table shares: its changelog, the partition a write goes to (Faust's
 * {@code partition_for_key}), reads across the partitions this worker holds, and a write that
 * reaches the store and the changelog together (through the transaction's overlay under
 * exactly-once). Subclasses decide what a key's stored value is and how a changelog record
 * changes it in recovery.
 *
 * @param <K> key type
 */
abstract sealed class StoredTable<K> permits ChangelogTable, ChangelogSetTable {
    final AppRuntime rt;
    private final TablePartitions holder;
    private final LongSupplier epochs;
    private final String name;
    private final String changelog;
    private final int partitions;
    private final Class<K> keyType;
    private final TableSpec spec;
    private final boolean global;
    /** Source topics checked to have as many partitions as the table. */
    private final Set<String> copartitioned = ConcurrentHashMap.newKeySet();
    private final ChangelogWriter writer;

    StoredTable(TableContext c, Class<K> keyType) {
        this.rt = c.rt();
        this.holder = c.holder();
        this.epochs = c.epochs();
        this.name = c.name();
        this.changelog = c.changelog();
        this.partitions = c.partitions();
        this.spec = c.spec();
        this.global = c.global();
        this.keyType = keyType;
        this.writer = new ChangelogWriter(c.rt(), c.changelog(), c.holder());
    }

    /**
     * Where a table lives: the runtime, its partitions and store, and its changelog.
     *
     * @param rt the runtime
     * @param holder the partitions held and the store
     * @param epochs exactly-once: the transaction epoch a write belongs to
     * @param name the table's name
     * @param changelog the changelog topic
     * @param partitions the partition count
     * @param spec the options
     * @param global whether every worker holds every partition
     * @param manager the app's tables
     */
    record TableContext(AppRuntime rt, TablePartitions holder, LongSupplier epochs, String name, String changelog,
                        int partitions, TableSpec spec, boolean global, TableManager manager) {
    }

    public final String name() {
        return name;
    }

    public final String changelogTopic() {
        return changelog;
    }

    public final int partitions() {
        return partitions;
    }

    public final String help() {
        return spec.help();
    }

    public final boolean isGlobal() {
        return global;
    }

    /** @return the options */
    final TableSpec spec() {
        return spec;
    }

    /** @return the key type */
    final Class<K> keyType() {
        return keyType;
    }

    /** @return the partitions this worker holds and their store */
    final TablePartitions holder() {
        return holder;
    }

    // ---- encoding -----------------------------------------------------------------------------

    final byte[] keyBytes(K key) {
        return rt.codecs().dumpsKey(Objects.requireNonNull(key, "key"), spec.keySerializer());
    }

    final K key(byte[] b) {
        return rt.codecs().loadsKey(keyType, b, spec.keySerializer());
    }

    /**
     * @param raw a key as another worker encoded it (Python Faust's JSON, say)
     * @return the key as this table encodes it, so that a lookup finds it
     */
    final byte[] canonicalKey(byte[] raw) {
        byte[] mine = keyBytes(key(raw));
        return Arrays.equals(raw, mine) ? raw : mine;
    }

    /**
     * Recovery: turns one changelog record into its store write, reading the key's current value
     * from the batch when the record changes it rather than replaces it.
     *
     * @param m the changelog record
     * @param batch the writes of the batch being built
     * @throws RuntimeException when the record does not decode with the table's types
     */
    abstract void recover(TrackedMessage m, ChangelogBatch batch);

    /** @return how the changelog is encoded, for a decode error */
    abstract String encoding();

    // ---- partitions ---------------------------------------------------------------------------

    /** @return the partition a write of this key goes to, checked to be one this worker holds */
    final int writePartition(byte[] key) {
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

    /** @return the stored value of a key: the current event's partition first, then every partition held */
    final byte @Nullable [] read(byte[] key) {
        int first = readPartition(key);
        List<Integer> held = holder.readable();
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

    /**
     * Writes a key's new stored value and its changelog record.
     *
     * @param partition the partition
     * @param key the key's bytes in the store
     * @param value the new stored value, or null to delete it
     * @param changelogKey the changelog record's key
     * @param changelogValue the changelog record's value, or null for a tombstone
     */
    final void write(int partition, byte[] key, byte @Nullable [] value, byte[] changelogKey,
                     byte @Nullable [] changelogValue) {
        write(partition, key, value, changelogKey, changelogValue, Headers.empty(), CurrentEvent.get() != null);
    }

    /**
     * Writes a key's new stored value and its changelog record.
     *
     * @param partition the partition
     * @param key the key's bytes in the store
     * @param value the new stored value, or null to delete it
     * @param changelogKey the changelog record's key
     * @param changelogValue the changelog record's value, or null for a tombstone
     * @param headers the changelog record's headers
     * @param commits whether the write belongs to the next commit: an agent's event, or the runtime
     *     writing as a commit begins (a windowed table closing its windows)
     */
    final void write(int partition, byte[] key, byte @Nullable [] value, byte[] changelogKey,
                     byte @Nullable [] changelogValue, Headers headers, boolean commits) {
        Overlay.Epoch epoch = null;
        if (commits) {
            // kept off the store until the commit: exactly-once, until the transaction commits (an abort
            // forgets it); at-least-once, until the next commit begins, which writes a key once however
            // often it changed (a write cache, as Kafka Streams' record cache)
            epoch = holder.putUncommitted(epochs.getAsLong(), partition, key, value);
        } else {
            holder.store().put(partition, key, value);
        }
        writer.write(partition, key, changelogKey, changelogValue, headers, epoch, commits && coalesces());
    }

    /**
     * @return whether a key's changelog records may be coalesced until the commit (only its last
     *     value sent): true when a record replaces the key's value, false when records change it
     */
    abstract boolean coalesces();

    /**
     * @param partition a partition about to be recovered
     * @return whether it must be read from the changelog's start, its local store dropped first (a
     *     windowed table partition this worker has no window state for)
     */
    boolean replaysWhole(int partition) {
        return false;
    }

    /** @param partition a partition this worker no longer holds nor follows */
    void closed(int partition) {
    }

    /** @return what sends the changelog records */
    final ChangelogWriter writer() {
        return writer;
    }

    public final void resetState() {
        for (int p = 0; p < partitions; p++) {
            holder.store().dropPartition(p);
        }
    }

    /** @return the number of keys held by this worker */
    public final int size() {
        long n = 0;
        for (int p : holder.readable()) {
            if (holder.hasUncommitted(p)) {
                long[] c = {0};
                holder.forEach(p, (k, v) -> c[0]++);
                n += c[0];
            } else {
                n += holder.store().size(p);
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }
}
