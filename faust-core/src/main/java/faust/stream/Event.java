package faust.stream;

import faust.topic.Channel;
import faust.topic.RecordMetadata;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A decoded message as one stream sees it: key, value, headers and the {@link Message} it came
 * from. Inside agent code, {@code Faust.currentEvent()} returns the event being processed (Faust's
 * {@code faust.current_event()}), and {@link Stream#events()} yields the events themselves.
 *
 * <p>Not thread-safe; an event belongs to the stream that is processing it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Event<K, V> {
    /** @return the key, or null */
    @Nullable K key();

    /** @return the value, or null */
    @Nullable V value();

    /** @return the headers */
    Headers headers();

    /** @return the message: topic, partition, offset, timestamp, raw bytes and sizes */
    Message message();

    /**
     * Releases this stream's hold on the message. The message's offset becomes committable when
     * every stream that received it has acked. Streams ack automatically unless {@code noack()}.
     *
     * @return true if this call acked (false if already acked)
     */
    boolean ack();

    /** @return whether this event was acked */
    boolean isAcked();

    /**
     * Sends the original message bytes on to another channel without decoding or re-encoding.
     *
     * @param channel destination
     * @return completes with where it landed
     */
    CompletableFuture<RecordMetadata> forward(Channel<?, ?> channel);

    /**
     * Forwards the original value bytes with a new key, encoded with the destination's key serializer.
     *
     * @param channel destination
     * @param newKey the key to send
     * @return completes with where it landed
     */
    CompletableFuture<RecordMetadata> forward(Channel<?, ?> channel, @Nullable Object newKey);

    /**
     * Sends a new key and value to a channel, keeping this event's headers.
     *
     * @param channel destination
     * @param key key to send
     * @param value value to send
     * @param <K2> destination key type
     * @param <V2> destination value type
     * @return completes with where it landed
     */
    <K2, V2> CompletableFuture<RecordMetadata> send(Channel<K2, V2> channel, @Nullable K2 key, @Nullable V2 value);

    /** @return the RPC reply topic, or null when the event is not a request */
    @Nullable String replyTo();

    /** @return the RPC correlation id, or null when the event is not a request */
    @Nullable String correlationId();
}
