package faust.table.internal;

import faust.internal.AppRuntime;
import faust.stream.Headers;
import faust.topic.RecordMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Writes one table's changelog records. A plain table's writes inside an event are coalesced
 * per key until the next commit begins (Kafka Streams' record cache does the same): only each key's
 * last value reaches the changelog, sent just before the commit, so the commit waits for it
 * (at-least-once) or carries it in its transaction (exactly-once). At most {@link #MAX_PENDING}
 * keys wait; more are sent at once. Records that are not idempotent per key (a set table's
 * operations) and writes outside an event are sent at once.
 *
 * <p>At-least-once, the highest changelog offset acknowledged per partition is kept and persisted
 * in the store when the next commit begins (after the writes it covers reached the store), not once
 * per record (a write to disk per record is
 * what the persisted offset would otherwise cost); a lower persisted offset only makes recovery
 * read records it already has. Exactly-once, the offset goes to the transaction epoch of the write
 * and reaches the store with the epoch's data when the transaction commits.
 */
final class ChangelogWriter {
    /** Keys of one table waiting for the next commit beyond which they are sent at once. */
    static final int MAX_PENDING = 50_000;

    private final AppRuntime rt;
    private final String topic;
    private final TablePartitions holder;
    private final ReentrantLock lock = new ReentrantLock();
    /** Partition to its pending records, by key; guarded by {@link #lock}, which also keeps sends in order. */
    private final Map<Integer, Map<Overlay.Key, Pending>> pending = new LinkedHashMap<>();
    private int pendingCount;
    /** At-least-once: the highest acknowledged changelog offset per partition, not yet persisted. */
    private final Map<Integer, AtomicLong> acked = new ConcurrentHashMap<>();

    /** A record waiting for the commit, and the transaction epoch whose offset it sets (exactly-once). */
    private record Pending(byte[] key, byte @Nullable [] value, Headers headers, Overlay.@Nullable Epoch epoch) {}

    ChangelogWriter(AppRuntime rt, String topic, TablePartitions holder) {
        this.rt = rt;
        this.topic = topic;
        this.holder = holder;
    }

    /**
     * @param partition the changelog partition
     * @param storeKey the key as stored, which identifies the record to coalesce
     * @param key the record's key
     * @param value the record's value, or null for a tombstone
     * @param headers the record's headers
     * @param epoch exactly-once: the transaction epoch of the write, or null
     * @param coalesce whether the record may wait for the commit and be replaced by a later one of the key
     */
    void write(int partition, byte[] storeKey, byte[] key, byte @Nullable [] value, Headers headers,
               Overlay.@Nullable Epoch epoch, boolean coalesce) {
        lock.lock();
        try {
            if (!coalesce) {
                flushLocked();      // what waits for the key goes first: the changelog keeps the order of writes
                send(partition, key, value, headers, epoch, false);
                return;
            }
            Map<Overlay.Key, Pending> m = pending.computeIfAbsent(partition, p -> new LinkedHashMap<>());
            if (m.put(Overlay.Key.of(storeKey), new Pending(key, value, headers, epoch)) == null) {
                pendingCount++;
            }
            if (pendingCount > MAX_PENDING) {
                flushLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends every pending record, then persists the acknowledged offsets (at-least-once). */
    void flush() {
        lock.lock();
        try {
            flushLocked();
        } finally {
            lock.unlock();
        }
        acked.forEach((p, offset) -> {
            long o = offset.get();
            if (o >= 0 && holder.holds(p)) {
                holder.store().persistOffset(p, o);
            }
        });
    }

    private void flushLocked() {
        if (pendingCount == 0) {
            return;
        }
        pending.forEach((p, m) -> m.values().forEach(r -> send(p, r.key(), r.value(), r.headers(), r.epoch(), true)));
        pending.clear();
        pendingCount = 0;
    }

    private void send(int partition, byte[] key, byte @Nullable [] value, Headers headers, Overlay.@Nullable Epoch epoch,
                      boolean atCommit) {
        CompletableFuture<RecordMetadata> f = atCommit ? rt.produceCommitted(topic, partition, key, value, headers)
                : rt.produce(topic, partition, null, key, value, headers);
        if (epoch != null && rt.exactlyOnce()) {
            // exactly-once: the offset is persisted when the epoch's writes are applied at commit
            f.thenAccept(md -> epoch.offset.accumulateAndGet(md.offset(), Math::max));
        } else {
            f.thenAccept(md -> acked.computeIfAbsent(partition, x -> new AtomicLong(-1))
                    .accumulateAndGet(md.offset(), Math::max));
        }
    }

    /** @return how many records wait for the next commit */
    int pending() {
        lock.lock();
        try {
            return pendingCount;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets what waits for a partition given up, or rolled back (exactly-once abort: every partition). */
    void forget(int partition) {
        lock.lock();
        try {
            Map<Overlay.Key, Pending> m = pending.remove(partition);
            if (m != null) {
                pendingCount -= m.size();
            }
        } finally {
            lock.unlock();
        }
        acked.remove(partition);
    }

    /** Exactly-once: the open transaction aborted; nothing pending may be sent. */
    void rollBack() {
        lock.lock();
        try {
            pending.clear();
            pendingCount = 0;
        } finally {
            lock.unlock();
        }
    }
}
