package faust.store;

import java.util.List;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A table's local state, one partition at a time: what the table's changelog says, up to the
 * changelog offset the store persisted with it. Keys and values are the changelog's bytes.
 *
 * <p>Partitions are opened when this worker takes them and closed when it gives them up. A
 * partition's reads and writes come from one thread at a time (the agent that owns the partition,
 * or recovery before the agent starts); reads of every open partition
 * ({@link #forEach}, {@link #size}) may come from any thread while writes go on, and see each
 * write whole or not at all.
 */
public interface StateStore extends AutoCloseable {
    /** No changelog offset persisted (nothing recovered or written yet). */
    long NO_OFFSET = -1;

    /**
     * Makes a partition readable and writable, with what was stored for it before, if the store
     * keeps anything across restarts. Opening an open partition does nothing.
     *
     * @param partition the table partition
     */
    void openPartition(int partition);

    /**
     * Releases a partition this worker gave up; a store that persists keeps its data for when it
     * comes back. Closing a partition that is not open does nothing.
     *
     * @param partition the table partition
     */
    void closePartition(int partition);

    /**
     * Deletes what is stored for a partition (open or not), so that it is rebuilt from the
     * changelog; it is left open (empty) if it was open.
     *
     * @param partition the table partition
     */
    void dropPartition(int partition);

    /**
     * @param partition an open partition
     * @param key the key's bytes
     * @return the value's bytes, or null when the key is not there
     */
    byte @Nullable [] get(int partition, byte[] key);

    /**
     * @param partition an open partition
     * @param key the key's bytes
     * @param value the value's bytes, or null to delete the key
     */
    void put(int partition, byte[] key, byte @Nullable [] value);

    /**
     * Applies writes and persists the changelog offset they reach, atomically: after a crash the
     * store has all of them and the offset, or none of them and the offset before.
     *
     * @param partition an open partition
     * @param writes the writes, in changelog order
     * @param offset the changelog offset of the last of them, or {@link #NO_OFFSET} to leave the
     *     persisted offset as it is
     */
    void apply(int partition, List<StoreWrite> writes, long offset);

    /**
     * @param partition an open partition
     * @return the changelog offset of the last record the partition holds, or {@link #NO_OFFSET}
     */
    long persistedOffset(int partition);

    /**
     * Persists a changelog offset without writes (under at-least-once, when a changelog send the
     * partition already holds is acknowledged). An offset below the persisted one is ignored.
     *
     * @param partition an open partition
     * @param offset the changelog offset
     */
    void persistOffset(int partition, long offset);

    /**
     * @param partition an open partition
     * @param action called with each key and value
     */
    void forEach(int partition, BiConsumer<byte[], byte[]> action);

    /**
     * @param partition an open partition
     * @return its number of keys
     */
    long size(int partition);

    /** Closes every partition and releases the store. */
    @Override
    void close();
}
