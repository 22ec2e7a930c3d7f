package faust.transport;

import faust.topic.TP;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A consumer in a consumer group. Owned by one thread: every method but {@link #wakeup()}
 * must be called from the thread that polls.
 */
public interface TransportConsumer extends AutoCloseable {
    /**
     * Subscribes to topics by name and, optionally, by pattern; replaces any earlier subscription.
     *
     * @param topics topic names
     * @param pattern a pattern of topic names, or null
     * @param listener told about assignment changes
     */
    void subscribe(Collection<String> topics, @Nullable Pattern pattern, RebalanceListener listener);

    /**
     * Fetches what is available, waiting up to {@code timeout} when nothing is. Rebalance
     * callbacks run inside this call.
     *
     * @param timeout the longest wait when nothing is available
     * @return batches per partition, possibly empty
     */
    List<TpBatch> poll(Duration timeout);

    /** @param partitions partitions to stop fetching from until resumed */
    void pause(Collection<TP> partitions);

    /** @param partitions paused partitions to fetch from again */
    void resume(Collection<TP> partitions);

    /**
     * Commits offsets (Kafka semantics: the next offset to read).
     *
     * @param offsets per partition
     */
    void commit(Map<TP, Long> offsets);

    /**
     * Commits offsets without waiting for the broker. {@code done} runs on the consumer's thread,
     * during a later {@link #poll} or at once, with {@code null} or the error. The default commits
     * synchronously.
     *
     * @param offsets per partition
     * @param done told how the commit ended
     */
    default void commitAsync(Map<TP, Long> offsets, Consumer<@Nullable Throwable> done) {
        try {
            commit(offsets);
        } catch (RuntimeException e) {
            done.accept(e);
            return;
        }
        done.accept(null);
    }

    /**
     * @param partitions partitions to ask about
     * @return the committed offset (next to read) of each partition that has one
     */
    Map<TP, Long> committed(Set<TP> partitions);

    /**
     * @param partitions partitions to ask about
     * @return the end offset (the offset the next message will get) of each partition
     */
    Map<TP, Long> endOffsets(Set<TP> partitions);

    /** @return the partitions assigned now */
    Set<TP> assignment();

    /**
     * @param tp an assigned partition
     * @param offset the next offset to read
     */
    void seek(TP tp, long offset);

    /** Makes a blocked {@link #poll} return early. Thread-safe. */
    void wakeup();

    /**
     * The whole group's assignment as of the last rebalance: each member's web URL (its
     * {@code canonical_url}) and the partitions it owns, for routing table queries to the worker
     * that holds a key. Updated before {@link RebalanceListener#onPartitionsAssigned} runs.
     * Thread-safe (an immutable snapshot), unlike the other methods.
     *
     * @return URL to partitions; empty when the transport does not share URLs (the memory transport)
     */
    default Map<URI, Set<TP>> groupAssignment() {
        return Map.of();
    }

    /**
     * Asks the group's assignment for standby replicas of table changelogs (Faust's
     * {@code table_standby_replicas}): each partition of each changelog gets up to
     * {@code replicas} members other than the one assigned that partition number of the
     * co-partitioned source topics, which then follow it in the background so that taking the
     * partition over replays only what they had not read yet. Called before {@link #subscribe};
     * a transport that cannot assign standbys ignores it (the default).
     *
     * @param changelogs changelog topic to its partition count
     * @param replicas standbys wanted per partition (0 for none)
     */
    default void requestStandbys(Map<String, Integer> changelogs, int replicas) {
    }

    /**
     * @return the changelog partitions this member is a standby for, as of the last rebalance;
     *     updated before {@link RebalanceListener#onPartitionsAssigned} runs; empty by default
     */
    default Set<TP> standbyAssignment() {
        return Set.of();
    }

    /** Leaves the group and releases resources. */
    @Override
    void close();
}
