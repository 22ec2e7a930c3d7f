package faust.table.internal;

import faust.internal.AppRuntime;
import faust.store.StateStore;
import faust.store.StoreWrite;
import faust.stream.Message;
import faust.transport.TrackedMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One changelog partition being read into its store, by recovery or by a global table's follower:
 * turns records into store writes (the last write of a key in a batch wins), and applies them
 * with the offset of the last record read in one store batch every {@code buffer} records. A
 * record that does not decode is reported with its topic, partition and offset and skipped.
 */
final class ChangelogBatch {
    private static final Logger log = LoggerFactory.getLogger(ChangelogBatch.class);

    final StoredTable<?> table;
    final int partition;
    /** Records from this offset on are not read (written since recovery began), or Long.MAX_VALUE to follow. */
    final long end;
    final long total;
    long read;
    private final int buffer;
    private final @Nullable BatchApplier applier;
    private final Map<Overlay.Key, byte[]> pending = new LinkedHashMap<>();
    private long lastOffset = StateStore.NO_OFFSET;
    private int sinceFlush;

    /**
     * @param table the table
     * @param partition the partition
     * @param start the first offset to read
     * @param end the offset to stop before, or Long.MAX_VALUE to follow
     * @param buffer records per store batch
     * @param applier applies the batches on other threads, or null to apply them on the caller's
     */
    ChangelogBatch(StoredTable<?> table, int partition, long start, long end, int buffer, @Nullable BatchApplier applier) {
        this.applier = applier;
        this.table = table;
        this.partition = partition;
        this.end = end;
        this.total = end == Long.MAX_VALUE ? 0 : Math.max(0, end - start);
        this.buffer = Math.max(1, buffer);
    }

    /**
     * @param key a key's bytes
     * @return its value as this batch leaves it: a write of the batch, else the store's; null when missing
     */
    byte @Nullable [] current(byte[] key) {
        byte[] v = pending.get(Overlay.Key.of(key));
        if (v != null) {
            return v == Overlay.DELETED ? null : v;
        }
        if (applier != null) {
            applier.await(table, partition);       // a batch still being applied may hold the key
        }
        return table.holder().store().get(partition, key);
    }

    /**
     * @param key a key's bytes
     * @param value its new value, or null to delete it
     */
    void put(byte[] key, byte @Nullable [] value) {
        pending.put(Overlay.Key.of(key), value == null ? Overlay.DELETED : value);
    }

    /**
     * Reads records into the batch, applying it whenever it is full.
     *
     * @param rt the runtime, told about records that do not decode
     * @param msgs the records, in offset order
     */
    void take(AppRuntime rt, TrackedMessage[] msgs) {
        Consumer<Message> onEvent = table.spec().onChangelogEvent();
        for (TrackedMessage m : msgs) {
            if (m.offset() >= end) {
                continue;       // written since recovery began: the store gets it through its own write
            }
            read++;
            sinceFlush++;
            lastOffset = m.offset();
            try {
                table.recover(m, this);
            } catch (RuntimeException e) {
                rt.onDecodeError(m, "changelog of table '" + table.name() + "': " + table.encoding(), e);
                continue;
            }
            if (onEvent != null) {
                try {
                    onEvent.accept(m);
                } catch (RuntimeException e) {
                    log.error("[{}] on_changelog_event callback of table '{}' failed", rt.settings().id(), table.name(), e);
                }
            }
            if (sinceFlush >= buffer) {
                flush();
            }
        }
    }

    /** Applies the pending writes and the offset of the last record read in one store batch. */
    void flush() {
        if (pending.isEmpty() && lastOffset == StateStore.NO_OFFSET) {
            return;
        }
        List<StoreWrite> writes = new ArrayList<>(pending.size());
        pending.forEach((k, v) -> writes.add(new StoreWrite(k.bytes(), v == Overlay.DELETED ? null : v)));
        if (applier != null) {
            applier.submit(table, partition, writes, lastOffset);
        } else {
            table.holder().store().apply(partition, writes, lastOffset);
        }
        pending.clear();
        lastOffset = StateStore.NO_OFFSET;
        sinceFlush = 0;
    }
}
