package faust.store.internal;

import faust.errors.FaustException;
import faust.store.StateStore;
import faust.store.StoreWrite;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A table's partitions on the heap. Nothing survives the process, so every start recovers the
 * whole changelog, as with Faust's {@code memory://} store; a partition this worker gives up is
 * dropped, since nothing would keep it current while another worker owns it.
 */
final class MemoryStore implements StateStore {
    private final Map<Integer, Partition> partitions = new ConcurrentHashMap<>();

    /** One partition's keys and the changelog offset they reach. */
    private static final class Partition {
        final Map<Key, byte[]> data = new ConcurrentHashMap<>();
        final AtomicLong offset = new AtomicLong(NO_OFFSET);
    }

    /** A key's bytes with value equality. */
    private record Key(byte[] bytes, int hash) {
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

    private Partition open(int partition) {
        Partition p = partitions.get(partition);
        if (p == null) {
            throw new FaustException("table partition " + partition + " is not open on this worker");
        }
        return p;
    }

    @Override
    public void openPartition(int partition) {
        partitions.computeIfAbsent(partition, n -> new Partition());
    }

    @Override
    public void closePartition(int partition) {
        partitions.remove(partition);
    }

    @Override
    public void dropPartition(int partition) {
        partitions.computeIfPresent(partition, (n, p) -> new Partition());
    }

    @Override
    public byte @Nullable [] get(int partition, byte[] key) {
        return open(partition).data.get(Key.of(key));
    }

    @Override
    public void put(int partition, byte[] key, byte @Nullable [] value) {
        Partition p = open(partition);
        if (value == null) {
            p.data.remove(Key.of(key));
        } else {
            p.data.put(Key.of(key), value);
        }
    }

    @Override
    public void apply(int partition, List<StoreWrite> writes, long offset) {
        Partition p = open(partition);
        for (StoreWrite w : writes) {
            byte[] v = w.value();
            if (v == null) {
                p.data.remove(Key.of(w.key()));
            } else {
                p.data.put(Key.of(w.key()), v);
            }
        }
        p.offset.accumulateAndGet(offset, Math::max);
    }

    @Override
    public long persistedOffset(int partition) {
        return open(partition).offset.get();
    }

    @Override
    public void persistOffset(int partition, long offset) {
        Partition p = open(partition);
        p.offset.accumulateAndGet(offset, Math::max);
    }

    @Override
    public void forEach(int partition, BiConsumer<byte[], byte[]> action) {
        for (Map.Entry<Key, byte[]> e : open(partition).data.entrySet()) {
            action.accept(e.getKey().bytes(), e.getValue());
        }
    }

    @Override
    public long size(int partition) {
        return open(partition).data.size();
    }

    @Override
    public void close() {
        partitions.clear();
    }
}
