package faust.store.internal;

import faust.store.StateStore;
import faust.store.StoreContext;
import faust.store.StoreFactory;
import faust.store.StoreWrite;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A test store, {@code kept-memory://NAME}: a memory store that outlives its app (closing
 * partitions and the store keeps the data), standing in for a store on disk across a restart.
 */
public final class KeptMemoryStoreFactory implements StoreFactory {
    private static final Map<String, MemoryStore> STORES = new ConcurrentHashMap<>();

    @Override
    public Set<String> schemes() {
        return Set.of("kept-memory");
    }

    @Override
    public StateStore open(StoreContext context) {
        MemoryStore s = STORES.computeIfAbsent(context.url().getHost() + "/" + context.table(), n -> new MemoryStore());
        return new StateStore() {
            @Override
            public void openPartition(int partition) {
                s.openPartition(partition);
            }

            @Override
            public void closePartition(int partition) {
            }

            @Override
            public void dropPartition(int partition) {
                s.dropPartition(partition);
            }

            @Override
            public byte @Nullable [] get(int partition, byte[] key) {
                return s.get(partition, key);
            }

            @Override
            public void put(int partition, byte[] key, byte @Nullable [] value) {
                s.put(partition, key, value);
            }

            @Override
            public void apply(int partition, List<StoreWrite> writes, long offset) {
                s.apply(partition, writes, offset);
            }

            @Override
            public long persistedOffset(int partition) {
                return s.persistedOffset(partition);
            }

            @Override
            public void persistOffset(int partition, long offset) {
                s.persistOffset(partition, offset);
            }

            @Override
            public void forEach(int partition, BiConsumer<byte[], byte[]> action) {
                s.forEach(partition, action);
            }

            @Override
            public long size(int partition) {
                return s.size(partition);
            }

            @Override
            public void close() {
            }
        };
    }
}
