package faust.table.internal;

import faust.errors.FaustException;
import faust.store.StateStore;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One table's store and the partitions of it this worker opened: the <em>active</em> ones it
 * holds for its assignment (recovered, or being recovered, and written by its agents), and the
 * <em>standby</em> ones it only follows from the changelog (standby replicas, and a global table's
 * partitions held elsewhere). A global table reads both; other tables read active partitions
 * only. When the worker does not consume (a test context, a client-only app) a partition is
 * opened on first write instead.
 */
final class TablePartitions {
    private final StateStore store;
    private final BooleanSupplier consuming;
    private final Function<String, OptionalInt> partitionCounts;
    private final boolean readsStandbys;
    private final Set<Integer> held = ConcurrentHashMap.newKeySet();
    private final Set<Integer> standby = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Overlay> overlays = new ConcurrentHashMap<>();
    private volatile List<Integer> heldSorted = List.of();
    private volatile List<Integer> readable = List.of();

    /**
     * @param store the table's store
     * @param consuming whether the worker consumes (partitions then come with the assignment)
     * @param partitionCounts a topic's partition count, when known
     * @param readsStandbys whether reads see standby partitions (a global table's)
     */
    TablePartitions(StateStore store, BooleanSupplier consuming, Function<String, OptionalInt> partitionCounts,
                    boolean readsStandbys) {
        this.store = store;
        this.consuming = consuming;
        this.partitionCounts = partitionCounts;
        this.readsStandbys = readsStandbys;
    }

    StateStore store() {
        return store;
    }

    /** @return the active partitions, ascending */
    List<Integer> held() {
        return heldSorted;
    }

    /** @return the partitions reads look in, ascending: the active ones, and a global table's standbys */
    List<Integer> readable() {
        return readable;
    }

    boolean holds(int partition) {
        return held.contains(partition);
    }

    /** @return whether the partition is open, active or standby */
    boolean isOpen(int partition) {
        return held.contains(partition) || standby.contains(partition);
    }
    /**
     * @param table the table's name, for the error
     * @param partition a partition about to be written
     * @throws FaustException when this worker does not hold it (the partition was revoked)
     */
    void checkHeld(String table, int partition) {
        if (held.contains(partition)) {
            return;
        }
        if (!consuming.getAsBoolean()) {
            open(partition);
            return;
        }
        throw new FaustException("table '" + table + "' partition " + partition + " is not held by this worker (it was "
                + "revoked, or the event comes from a topic the table is not co-partitioned with); the write is refused so "
                + "that two workers never write one changelog partition");
    }

    /** @param partition opened as an active partition (a standby one is promoted, keeping what it read) */
    void open(int partition) {
        store.openPartition(partition);
        standby.remove(partition);
        held.add(partition);
        changed();
    }

    /** @param partition opened as a standby partition (an active one is demoted, keeping its data) */
    void openStandby(int partition) {
        store.openPartition(partition);
        if (held.remove(partition)) {
            overlays.remove(partition);      // exactly-once: what was not committed at the revocation is gone
        }
        standby.add(partition);
        changed();
    }

    void close(int partition) {
        held.remove(partition);
        standby.remove(partition);
        changed();
        overlays.remove(partition);
        store.closePartition(partition);
    }

    private void changed() {
        heldSorted = held.stream().sorted().toList();
        readable = readsStandbys ? Stream.concat(held.stream(), standby.stream()).sorted().toList()
                : heldSorted;
    }

    // ---- exactly-once: uncommitted writes -------------------------------------------------------

    /**
     * Exactly-once: a write inside a transaction, kept off the store until it commits.
     *
     * @return the epoch it went to, for its changelog offset
     */
    Overlay.Epoch putUncommitted(long epoch, int partition, byte[] key, byte @Nullable [] value) {
        return overlays.computeIfAbsent(partition, p -> new Overlay()).put(epoch, key, value);
    }

    /**
     * @return the value as this worker sees it: an uncommitted write first, then the store; null when missing
     */
    byte @Nullable [] get(int partition, byte[] key) {
        Overlay o = overlays.get(partition);
        if (o != null) {
            byte[] v = o.get(key);
            if (v != null) {
                return v == Overlay.DELETED ? null : v;
            }
        }
        return store.get(partition, key);
    }

    /** @return whether the partition has uncommitted writes */
    boolean hasUncommitted(int partition) {
        Overlay o = overlays.get(partition);
        return o != null && !o.isEmpty();
    }

    /** @param action told each key and value of the partition as this worker sees it */
    void forEach(int partition, BiConsumer<byte[], byte[]> action) {
        Overlay o = overlays.get(partition);
        if (o == null || o.isEmpty()) {
            store.forEach(partition, action);
            return;
        }
        o.merged(store, partition).forEach((k, v) -> action.accept(k.bytes(), v));
    }

    /** @param sealed the last epoch of the transaction that committed: its writes go to the store */
    void commit(long sealed) {
        overlays.forEach((p, o) -> {
            if (held.contains(p)) {
                o.commit(sealed, store, p);
            }
        });
    }

    /** Forgets every uncommitted write (the transaction aborted). */
    void rollBack() {
        overlays.values().forEach(Overlay::rollBack);
    }

    OptionalInt partitionCount(String topic) {
        return partitionCounts.apply(topic);
    }
}
