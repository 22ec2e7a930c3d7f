package faust.topic;

import faust.stream.Event;
import faust.stream.Stream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Somewhere to send messages and read them from. A plain channel ({@code app.channel()}) is an
 * in-memory buffer; a {@link Topic} is backed by the broker. Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Channel<K, V> {
    /** @return a label for logs: the topic names, or a channel id */
    String label();

    /** @return the key type */
    Class<K> keyType();

    /** @return the value type */
    Class<V> valueType();

    /**
     * @param value the value
     * @return completes with where the message landed
     */
    default CompletableFuture<RecordMetadata> send(@Nullable V value) {
        return send(null, value, SendOptions.defaults());
    }

    /**
     * @param key the key
     * @param value the value
     * @return completes with where the message landed
     */
    default CompletableFuture<RecordMetadata> send(@Nullable K key, @Nullable V value) {
        return send(key, value, SendOptions.defaults());
    }

    /**
     * Sends a message. For topics the key and value are encoded with the topic's serializers
     * (or those in {@code options}); a null value is sent as a tombstone.
     *
     * @param key the key
     * @param value the value
     * @param options partition, timestamp, headers, serializers, callback
     * @return completes with where the message landed, or exceptionally with a
     *     {@link faust.errors.ProducerSendException} or {@link faust.errors.EncodeException}
     */
    CompletableFuture<RecordMetadata> send(@Nullable K key, @Nullable V value, SendOptions options);

    /**
     * Puts a value straight into this channel's buffer, as if it had arrived (Faust's {@code put}).
     *
     * @param key the key
     * @param value the value
     */
    void put(@Nullable K key, @Nullable V value);

    /**
     * Takes the next event from the buffer (Faust's {@code get}); the caller should ack it.
     *
     * @param timeout longest wait
     * @return the event, or null on timeout
     */
    @Nullable Event<K, V> get(Duration timeout);

    /** @return a new stream reading this channel */
    Stream<K, V> stream();

    /** @return the most events buffered before the source is paused */
    int maxsize();
}
