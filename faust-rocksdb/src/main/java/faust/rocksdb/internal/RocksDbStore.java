package faust.rocksdb.internal;

import faust.errors.FaustException;
import faust.store.StateStore;
import faust.store.StoreWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table's partitions, one RocksDB each at {@code {tabledir}/{table}-{partition}.db}, as Faust
 * lays them out. The changelog offset a partition reaches is stored in the same DB under Faust's
 * key {@code __faust\0offset__} (ASCII decimal) and written in the same batch as the data it
 * covers. Keys compare bytewise (RocksDB's default comparator). The write-ahead log is off: the
 * changelog is the log, and a crash loses data and offset together, so recovery re-reads from
 * the offset that did reach disk.
 */
final class RocksDbStore implements StateStore {
    private static final Logger log = LoggerFactory.getLogger(RocksDbStore.class);
    static final byte[] OFFSET_KEY = "__faust\0offset__".getBytes(StandardCharsets.US_ASCII);
    /** How long an open waits for a lock another process (or a closing handle) still holds. */
    private static final long LOCK_WAIT_NANOS = 30_000_000_000L;

    private final Path dir;
    private final String table;
    private final RocksResources resources;
    private final WriteOptions write = new WriteOptions().setDisableWAL(true);
    private final Map<Integer, Db> open = new ConcurrentHashMap<>();

    /** One open partition DB and the offset it persisted. */
    private static final class Db {
        final RocksDB db;
        final Options options;
        final ReentrantLock offsetLock = new ReentrantLock();
        volatile long offset;

        Db(RocksDB db, Options options, long offset) {
            this.db = db;
            this.options = options;
            this.offset = offset;
        }

        void close() {
            db.close();
            options.close();
        }
    }

    private final RocksOptions userOptions;

    RocksDbStore(Path dir, String table, RocksResources resources, RocksOptions userOptions) {
        this.dir = dir;
        this.table = table;
        this.resources = resources;
        this.userOptions = userOptions;
    }

    Path path(int partition) {
        return dir.resolve(table + "-" + partition + ".db");
    }

    private Options options() {
        BlockBasedTableConfig t = new BlockBasedTableConfig().setBlockCache(resources.cache)
                .setCacheIndexAndFilterBlocks(true);
        return userOptions.create().setCreateIfMissing(true).setWriteBufferManager(resources.writeBuffers)
                .setTableFormatConfig(t);
    }

    @Override
    public void openPartition(int partition) {
        open.computeIfAbsent(partition, this::openDb);
    }

    private Db openDb(int partition) {
        Path p = path(partition);
        long deadline = System.nanoTime() + LOCK_WAIT_NANOS;
        boolean rebuilt = false;
        while (true) {
            Options o = options();
            try {
                RocksDB db = RocksDB.open(o, p.toString());
                return new Db(db, o, readOffset(db));
            } catch (RocksDBException e) {
                o.close();
                Status.Code code = e.getStatus() == null ? Status.Code.IOError : e.getStatus().getCode();
                String msg = String.valueOf(e.getMessage());
                if (code == Status.Code.IOError && msg.contains("lock") && System.nanoTime() < deadline) {
                    // a worker on this machine still holds it (a fast rebalance, or a stopping process): wait
                    log.info("table '{}' partition {}: {} is locked ({}); waiting for it", table, partition, p, msg);
                    sleep(200);
                    continue;
                }
                if (!rebuilt && Files.exists(p)) {
                    // corrupt, foreign or half-written: the changelog holds everything it had
                    log.warn("table '{}' partition {}: the local RocksDB {} cannot be opened ({}: {}); it is deleted and "
                            + "rebuilt from the changelog", table, partition, p, code, msg);
                    delete(p);
                    rebuilt = true;
                    continue;
                }
                throw new FaustException("table '" + table + "' partition " + partition + ": cannot open the RocksDB at "
                        + p.toAbsolutePath() + ": " + msg + (code == Status.Code.IOError && msg.contains("lock")
                        ? ". Another process holds it: is a second worker running with the same datadir?" : ""), e);
            }
        }
    }

    private static long readOffset(RocksDB db) throws RocksDBException {
        byte[] v = db.get(OFFSET_KEY);
        if (v == null) {
            return NO_OFFSET;
        }
        try {
            return Long.parseLong(new String(v, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new RocksDBException("the offset key holds '" + new String(v, StandardCharsets.US_ASCII)
                    + "', not an offset", new Status(Status.Code.Corruption, Status.SubCode.None, "bad offset"));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaustException("interrupted while opening a RocksDB", e);
        }
    }

    private static void delete(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }

    private Db db(int partition) {
        Db d = open.get(partition);
        if (d == null) {
            throw new FaustException("table '" + table + "' partition " + partition + " is not open on this worker");
        }
        return d;
    }

    @Override
    public void closePartition(int partition) {
        Db d = open.remove(partition);
        if (d != null) {
            d.close();
        }
    }

    @Override
    public void dropPartition(int partition) {
        boolean wasOpen = open.containsKey(partition);
        closePartition(partition);
        delete(path(partition));
        if (wasOpen) {
            openPartition(partition);
        }
    }

    @Override
    public byte @Nullable [] get(int partition, byte[] key) {
        try {
            return db(partition).db.get(key);
        } catch (RocksDBException e) {
            throw failed("read", partition, e);
        }
    }

    @Override
    public void put(int partition, byte[] key, byte @Nullable [] value) {
        Db d = db(partition);
        try {
            if (value == null) {
                d.db.delete(write, key);
            } else {
                d.db.put(write, key, value);
            }
        } catch (RocksDBException e) {
            throw failed("write", partition, e);
        }
    }

    @Override
    public void apply(int partition, List<StoreWrite> writes, long offset) {
        Db d = db(partition);
        try (WriteBatch batch = new WriteBatch()) {
            for (StoreWrite w : writes) {
                byte[] v = w.value();
                if (v == null) {
                    batch.delete(w.key());
                } else {
                    batch.put(w.key(), v);
                }
            }
            d.offsetLock.lock();
            try {
                if (offset > d.offset) {
                    batch.put(OFFSET_KEY, Long.toString(offset).getBytes(StandardCharsets.US_ASCII));
                }
                d.db.write(write, batch);       // data and offset in one atomic write
                if (offset > d.offset) {
                    d.offset = offset;
                }
            } finally {
                d.offsetLock.unlock();
            }
        } catch (RocksDBException e) {
            throw failed("write", partition, e);
        }
    }

    @Override
    public long persistedOffset(int partition) {
        return db(partition).offset;
    }

    @Override
    public void persistOffset(int partition, long offset) {
        Db d = db(partition);
        d.offsetLock.lock();
        try {
            if (offset > d.offset) {
                d.db.put(write, OFFSET_KEY, Long.toString(offset).getBytes(StandardCharsets.US_ASCII));
                d.offset = offset;
            }
        } catch (RocksDBException e) {
            throw failed("write", partition, e);
        } finally {
            d.offsetLock.unlock();
        }
    }

    @Override
    public void forEach(int partition, BiConsumer<byte[], byte[]> action) {
        try (RocksIterator it = db(partition).db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (!Arrays.equals(k, OFFSET_KEY)) {
                    action.accept(k, it.value());
                }
            }
        }
    }

    @Override
    public long size(int partition) {
        long n = 0;
        try (RocksIterator it = db(partition).db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                if (!Arrays.equals(it.key(), OFFSET_KEY)) {
                    n++;
                }
            }
        }
        return n;
    }

    private FaustException failed(String what, int partition, RocksDBException e) {
        return new FaustException("table '" + table + "' partition " + partition + ": RocksDB " + what + " failed at "
                + path(partition).toAbsolutePath() + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        for (Integer p : List.copyOf(open.keySet())) {
            closePartition(p);
        }
        write.close();
    }
}
