package faust.transport;

import faust.stream.Headers;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Sends serialized messages. Thread-safe.
 *
 * <p>A transactional producer ({@link Transport#createTransactionalProducer}) always has one
 * transaction open: every send goes into it until {@link #commitTransaction} or
 * {@link #abortTransaction} ends it and opens the next. Sends that arrive while a transaction is
 * being committed or aborted wait for the next one.
 */
public interface TransportProducer extends AutoCloseable {
    /**
     * @param topic destination topic
     * @param partition a partition, or null to let the partitioner choose from the key
     * @param timestamp epoch millis, or null for now
     * @param key key bytes, or null
     * @param value value bytes, or null (a tombstone)
     * @param headers headers
     * @return completes with where the message landed, or exceptionally
     */
    CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                           byte @Nullable [] key, byte @Nullable [] value, Headers headers);

    /**
     * What a send made with {@link #send(String, Integer, Long, byte[], byte[], Headers, SendCallback)}
     * reports: exactly once, with the metadata or with the error.
     */
    @FunctionalInterface
    interface SendCallback {
        /**
         * Called on the producer's I/O thread (or on the sender's, when the send fails at once):
         * must not block.
         *
         * @param metadata where the message landed, when {@code error} is null
         * @param error why the send failed, or null
         */
        void onCompletion(@Nullable RecordMetadata metadata, @Nullable Throwable error);
    }

    /**
     * Sends like {@link #send(String, Integer, Long, byte[], byte[], Headers)} and reports the
     * outcome to {@code callback} instead of completing a future: the runtime's own send path,
     * which saves a future and its completion stage per message. The default adapts the future;
     * a transport whose client takes callbacks (Kafka's does) overrides it.
     *
     * @param topic destination topic
     * @param partition a partition, or null to let the partitioner choose from the key
     * @param timestamp epoch millis, or null for now
     * @param key key bytes, or null
     * @param value value bytes, or null (a tombstone)
     * @param headers headers
     * @param callback told the outcome, exactly once
     */
    default void send(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                      byte @Nullable [] key, byte @Nullable [] value, Headers headers, SendCallback callback) {
        CompletableFuture<RecordMetadata> f;
        try {
            f = send(topic, partition, timestamp, key, value, headers);
        } catch (RuntimeException e) {
            callback.onCompletion(null, e);
            return;
        }
        f.whenComplete(callback::onCompletion);
    }

    /** Blocks until every message sent so far is acknowledged or failed. */
    void flush();

    /**
     * @param topic a topic
     * @param key serialized key, or null
     * @return the partition the default partitioner gives this key
     */
    int partitionForKey(String topic, byte @Nullable [] key);

    /** @return whether sends go into transactions (exactly-once) */
    default boolean transactional() {
        return false;
    }

    /**
     * Commits the open transaction together with the consumed offsets, atomically, then opens the
     * next one. May be called on a thread other than the consumer's (exactly-once commits run
     * beside the consumer thread), so only the consumer's thread-safe accessors may be used.
     *
     * @param consumer the consumer whose group the offsets belong to
     * @param offsets next offset to read, per partition; may be empty
     * @throws faust.errors.ProducerFencedException when another worker took over this producer's
     *     transactional id; the worker must stop consuming
     * @throws IllegalStateException when this producer is not transactional
     */
    default void commitTransaction(TransportConsumer consumer, Map<TP, Long> offsets) {
        throw new IllegalStateException("commitTransaction on a producer that is not transactional");
    }

    /**
     * Aborts the open transaction (nothing sent in it becomes visible to read_committed readers),
     * then opens the next one.
     *
     * @throws IllegalStateException when this producer is not transactional
     */
    default void abortTransaction() {
        throw new IllegalStateException("abortTransaction on a producer that is not transactional");
    }

    @Override
    void close();
}
