package faust.table.internal;

import faust.errors.FaustException;
import faust.store.StateStore;
import faust.topic.RecordMetadata;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One table's store and the partitions of it this worker holds (those recovered, or being
 * recovered, for its assignment). When the worker does not consume (a test context, a client-only
 * app) a partition is opened on first write instead.
 */
final class TablePartitions {
    private final StateStore store;
    private final BooleanSupplier consuming;
    private final Function<String, OptionalInt> partitionCounts;
    private final Set<Integer> held = ConcurrentHashMap.newKeySet();
    private volatile List<Integer> heldSorted = List.of();

    TablePartitions(StateStore store, BooleanSupplier consuming, Function<String, OptionalInt> partitionCounts) {
        this.store = store;
        this.consuming = consuming;
        this.partitionCounts = partitionCounts;
    }

    StateStore store() {
        return store;
    }

    /** @return the partitions held, ascending */
    List<Integer> held() {
        return heldSorted;
    }

    boolean holds(int partition) {
        return held.contains(partition);
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

    void open(int partition) {
        store.openPartition(partition);
        if (held.add(partition)) {
            heldSorted = held.stream().sorted().toList();
        }
    }

    void close(int partition) {
        if (held.remove(partition)) {
            heldSorted = held.stream().sorted().toList();
        }
        store.closePartition(partition);
    }

    OptionalInt partitionCount(String topic) {
        return partitionCounts.apply(topic);
    }

    /**
     * At-least-once: the persisted offset follows the changelog sends as they are acknowledged,
     * as in Faust.
     */
    void sent(int partition, CompletableFuture<RecordMetadata> send) {
        send.thenAccept(md -> {
            if (held.contains(partition)) {
                store.persistOffset(partition, md.offset());
            }
        });
    }
}
