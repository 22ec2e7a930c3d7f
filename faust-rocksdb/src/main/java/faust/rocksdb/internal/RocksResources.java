package faust.rocksdb.internal;

import org.jspecify.annotations.Nullable;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory every RocksDB of this JVM shares: one LRU block cache and one write-buffer budget
 * (RocksDB's {@link WriteBufferManager}, charged to the same cache), so a worker's off-heap
 * memory is bounded by these two figures however many table partitions it holds. Made once, by
 * the first store opened; a later store asking for other sizes is told in the log and shares these.
 */
final class RocksResources {
    private static final Logger log = LoggerFactory.getLogger(RocksResources.class);
    private static @Nullable RocksResources shared;

    final long blockCacheBytes;
    final long writeBufferBytes;
    final Cache cache;
    final WriteBufferManager writeBuffers;

    private RocksResources(long blockCacheBytes, long writeBufferBytes) {
        RocksDB.loadLibrary();
        this.blockCacheBytes = blockCacheBytes;
        this.writeBufferBytes = writeBufferBytes;
        // the write buffers are charged to the cache, so the two together stay within the cache's size
        this.cache = new LRUCache(blockCacheBytes + writeBufferBytes);
        this.writeBuffers = new WriteBufferManager(writeBufferBytes, cache);
    }

    static synchronized RocksResources get(long blockCacheBytes, long writeBufferBytes) {
        if (shared == null) {
            shared = new RocksResources(blockCacheBytes, writeBufferBytes);
            log.info("RocksDB stores share a {} MiB block cache and a {} MiB write-buffer budget", blockCacheBytes >> 20,
                    writeBufferBytes >> 20);
        } else if (shared.blockCacheBytes != blockCacheBytes || shared.writeBufferBytes != writeBufferBytes) {
            log.warn("a RocksDB store asks for a {} MiB block cache and {} MiB of write buffers, but this JVM's stores "
                    + "already share {} MiB and {} MiB; it shares those", blockCacheBytes >> 20, writeBufferBytes >> 20,
                    shared.blockCacheBytes >> 20, shared.writeBufferBytes >> 20);
        }
        return shared;
    }
}
