package faust.table.internal;

import faust.store.StoreWrite;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Applies recovery's store batches on threads of their own, so that reading and decoding the next
 * changelog records overlaps writing the last ones (the store's batch writes take most of a
 * recovery's time). Each table partition always goes to the same lane, so its batches apply in
 * changelog order; lanes take different partitions (different RocksDBs) in parallel. Each lane
 * holds a few batches at most: a full lane makes the reader wait.
 */
final class BatchApplier implements AutoCloseable {
    private static final int QUEUED_PER_LANE = 16;

    private record Job(StoredTable<?> table, int partition, List<StoreWrite> writes, long offset,
                       CompletableFuture<Void> done) {}

    private final Lane[] lanes;
    /** The last batch submitted per table partition: what a read of its store must wait for. */
    private final Map<PartitionKey, CompletableFuture<Void>> last = new ConcurrentHashMap<>();
    private volatile @Nullable RuntimeException failure;

    /**
     * @param name names the lanes' threads
     * @param lanes how many batches apply at once
     */
    BatchApplier(String name, int lanes) {
        this.lanes = new Lane[Math.max(1, lanes)];
        for (int i = 0; i < this.lanes.length; i++) {
            this.lanes[i] = new Lane(name + "-" + i);
        }
    }

    /** One thread applying its partitions' batches in the order submitted. */
    private final class Lane {
        final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUED_PER_LANE);
        final Thread thread;

        Lane(String name) {
            thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
        }

        private void run() {
            while (true) {
                Job j;
                try {
                    j = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    j.table.holder().store().apply(j.partition, j.writes, j.offset);
                    j.done.complete(null);
                } catch (RuntimeException e) {
                    failure = e;
                    j.done.completeExceptionally(e);
                }
            }
        }
    }

    /**
     * Queues a batch of writes and the changelog offset they reach; waits while the lane is full.
     *
     * @throws RuntimeException a failure of an earlier batch (the store could not write)
     */
    void submit(StoredTable<?> table, int partition, List<StoreWrite> writes, long offset) {
        rethrow();
        CompletableFuture<Void> done = new CompletableFuture<>();
        last.put(key(table, partition), done);
        Lane lane = lanes[Math.floorMod(key(table, partition).hashCode(), lanes.length)];
        try {
            lane.queue.put(new Job(table, partition, writes, offset, done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing a batch to the store", e);
        }
    }

    /** Waits until every batch of the table partition submitted so far is in its store. */
    void await(StoredTable<?> table, int partition) {
        CompletableFuture<Void> f = last.get(key(table, partition));
        if (f != null) {
            f.join();
        }
    }

    /** Waits until every batch submitted so far is in its store, and reports a failed one. */
    void awaitAll() {
        for (CompletableFuture<Void> f : last.values()) {
            try {
                f.join();
            } catch (RuntimeException e) {
                // reported below
            }
        }
        rethrow();
    }

    private void rethrow() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
    }

    private record PartitionKey(String table, int partition) {}

    private static PartitionKey key(StoredTable<?> table, int partition) {
        return new PartitionKey(table.name(), partition);
    }

    /** Waits for what was submitted, then ends the lanes. */
    @Override
    public void close() {
        try {
            for (CompletableFuture<Void> f : last.values()) {
                f.exceptionally(e -> null).join();
            }
        } finally {
            for (Lane l : lanes) {
                l.thread.interrupt();
            }
        }
    }
}
