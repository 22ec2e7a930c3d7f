package faust.table.internal;

import faust.store.StateStore;
import faust.store.StoreWrite;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Exactly-once: one table partition's writes that are not committed yet, per transaction epoch,
 * kept off the store. Reads see them first; a commit applies an epoch's writes to the store in one
 * batch with the changelog offset they reach; a rollback forgets them. The store so only ever
 * holds committed state, also after a crash, and an abort never needs the store rebuilt.
 */
final class Overlay {
    /** The value of a key deleted in the overlay (compared by identity). */
    static final byte[] DELETED = new byte[0];

    private final ReentrantLock lock = new ReentrantLock();
    /** Oldest first. */
    private final ArrayDeque<Epoch> epochs = new ArrayDeque<>();

    /** One transaction's writes to the partition and the highest changelog offset they were written at. */
    static final class Epoch {
        final long id;
        final Map<Key, byte[]> writes = new LinkedHashMap<>();
        final AtomicLong offset = new AtomicLong(StateStore.NO_OFFSET);

        Epoch(long id) {
            this.id = id;
        }
    }

    /** A key's bytes with value equality. */
    record Key(byte[] bytes, int hash) {
        static Key of(byte[] b) {
            return new Key(b, Arrays.hashCode(b));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * @param epoch the current epoch
     * @param key the key
     * @param value the value, or null to delete
     * @return the epoch the write went to, to record its changelog offset in
     */
    Epoch put(long epoch, byte[] key, byte @Nullable [] value) {
        lock.lock();
        try {
            Epoch last = epochs.peekLast();
            if (last == null || last.id != epoch) {
                last = new Epoch(epoch);
                epochs.addLast(last);
            }
            last.writes.put(Key.of(key), value == null ? DELETED : value);
            return last;
        } finally {
            lock.unlock();
        }
    }

    /** @return the newest uncommitted value ({@link #DELETED} for a delete), or null when the overlay has none */
    byte @Nullable [] get(byte[] key) {
        lock.lock();
        try {
            if (epochs.isEmpty()) {
                return null;
            }
            Key k = Key.of(key);
            for (Iterator<Epoch> it = epochs.descendingIterator(); it.hasNext(); ) {
                byte[] v = it.next().writes.get(k);
                if (v != null) {
                    return v;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether nothing is uncommitted */
    boolean isEmpty() {
        lock.lock();
        try {
            return epochs.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies the epochs up to {@code sealed} to the store, each in one batch with its offset, and
     * forgets them. The store is written before the epoch is dropped, so a concurrent read sees the
     * value in one or the other.
     */
    void commit(long sealed, StateStore store, int partition) {
        lock.lock();
        try {
            while (!epochs.isEmpty() && epochs.peekFirst().id <= sealed) {
                Epoch e = epochs.peekFirst();
                List<StoreWrite> writes = new ArrayList<>(e.writes.size());
                for (Map.Entry<Key, byte[]> w : e.writes.entrySet()) {
                    writes.add(new StoreWrite(w.getKey().bytes(), w.getValue() == DELETED ? null : w.getValue()));
                }
                // an offset callback not run yet leaves the persisted offset lower: recovery then re-reads
                // committed records it has, which is harmless; a higher one is never written
                store.apply(partition, writes, e.offset.get());
                epochs.pollFirst();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets every uncommitted write. */
    void rollBack() {
        lock.lock();
        try {
            epochs.clear();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param store the store under the overlay
     * @param partition the partition
     * @return the partition as reads see it: the store's keys and values with the uncommitted
     *     writes over them. Read under the lock that a commit holds while it moves an epoch into the
     *     store, so that no key is seen in neither place (writers of the partition wait meanwhile)
     */
    Map<Key, byte[]> merged(StateStore store, int partition) {
        Map<Key, byte[]> merged = new LinkedHashMap<>();
        lock.lock();
        try {
            store.forEach(partition, (k, v) -> merged.put(Key.of(k), v));
            for (Epoch e : epochs) {
                e.writes.forEach((k, v) -> {
                    if (v == DELETED) {
                        merged.remove(k);
                    } else {
                        merged.put(k, v);
                    }
                });
            }
        } finally {
            lock.unlock();
        }
        return merged;
    }
}
