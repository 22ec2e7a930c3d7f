package faust.transport;

import faust.stream.Headers;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
     * Told how each send made with
     * {@link #send(String, Integer, Long, byte[], byte[], Headers, SendListener, long, Object)} ended,
     * before that send's future completes. One listener serves every send of its owner (the runtime
     * has one for all its sends), so a send needs no callback object of its own: what the listener
     * needs to know of a send travels with it as a {@code token} and an {@code attachment}, handed
     * back unchanged.
     */
    interface SendListener {
        /**
         * The send was acknowledged. Called on the producer's I/O thread: must not block.
         *
         * @param token the send's token
         * @param attachment the send's attachment
         * @param metadata where the message landed
         */
        void onSent(long token, @Nullable Object attachment, RecordMetadata metadata);

        /**
         * The send failed. Called on the producer's I/O thread, or on the sender's when the send
         * fails at once: must not block.
         *
         * @param token the send's token
         * @param attachment the send's attachment
         * @param topic the topic the send was for
         * @param error why it failed
         * @return the error the send's future completes with
         */
        Throwable onFailed(long token, @Nullable Object attachment, String topic, Throwable error);
    }

    /**
     * Sends like {@link #send(String, Integer, Long, byte[], byte[], Headers)} and tells
     * {@code listener} the outcome before completing the returned future: the runtime's own send
     * path. Never throws: a send that fails at once is reported to the listener too. The default
     * relays the future of the plain {@code send}; a transport whose client takes a callback per
     * send (Kafka's does) overrides it to make one object per send both that callback and the
     * future returned.
     *
     * @param topic destination topic
     * @param partition a partition, or null to let the partitioner choose from the key
     * @param timestamp epoch millis, or null for now
     * @param key key bytes, or null
     * @param value value bytes, or null (a tombstone)
     * @param headers headers
     * @param listener told the outcome, exactly once, before the future completes
     * @param token handed back to the listener
     * @param attachment handed back to the listener
     * @return completes with where the message landed, or with the error {@code listener} returned
     */
    default CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                   byte @Nullable [] key, byte @Nullable [] value, Headers headers,
                                                   SendListener listener, long token, @Nullable Object attachment) {
        CompletableFuture<RecordMetadata> sent;
        try {
            sent = send(topic, partition, timestamp, key, value, headers);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return relay(sent, topic, listener, token, attachment);
    }

    /**
     * Tells {@code listener} how {@code sent} ended, then completes the returned future alike (for
     * transports and senders whose sends end in a future).
     *
     * @param sent the send's own future
     * @param topic the topic the send was for
     * @param listener told the outcome first
     * @param token handed back to the listener
     * @param attachment handed back to the listener
     * @return completes with {@code sent}'s metadata, or with the error the listener returned
     */
    static CompletableFuture<RecordMetadata> relay(CompletableFuture<RecordMetadata> sent, String topic,
                                                   SendListener listener, long token, @Nullable Object attachment) {
        CompletableFuture<RecordMetadata> out = new CompletableFuture<>();
        sent.whenComplete((md, err) -> {
            if (err == null && md != null) {
                listener.onSent(token, attachment, md);
                out.complete(md);
            } else {
                Throwable cause = err instanceof CompletionException && err.getCause() != null
                        ? err.getCause()
                        : err != null ? err : new IllegalStateException("the producer reported neither metadata nor an error");
                out.completeExceptionally(listener.onFailed(token, attachment, topic, cause));
            }
        });
        return out;
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
