package faust.stream;

import faust.topic.Channel;
import faust.topic.RecordMetadata;
import faust.topic.SendOptions;
import faust.topic.internal.AbstractChannel;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A decoded message as one stream sees it: key, value, headers and the {@link Message} it came
 * from. Inside agent code, {@link #current()} returns the event being processed.
 *
 * <p>Not thread-safe; an event belongs to the stream that is processing it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Event<K, V> {
    private static final ThreadLocal<@Nullable Event<?, ?>> CURRENT = new ThreadLocal<>();

    private final @Nullable K key;
    private final @Nullable V value;
    private final Headers headers;
    private final Message message;
    private final @Nullable AbstractChannel<?, ?> source;
    private boolean acked;
    /** RPC reply address when the event carries a request (envelope or headers), else null; one field keeps events small. */
    private @Nullable Reply reply;

    /**
     * @param key decoded key
     * @param value decoded value
     * @param headers headers
     * @param message the message behind the event
     * @param source the channel the event was delivered to, or null
     */
    public Event(@Nullable K key, @Nullable V value, Headers headers, Message message, @Nullable AbstractChannel<?, ?> source) {
        this.key = key;
        this.value = value;
        this.headers = headers;
        this.message = message;
        this.source = source;
    }

    /**
     * @return the event the calling thread's stream is processing, or null outside a stream
     */
    public static @Nullable Event<?, ?> current() {
        return CURRENT.get();
    }

    /**
     * Sets the calling thread's current event. Runtime use.
     *
     * @param event the event, or null to clear
     */
    public static void setCurrent(@Nullable Event<?, ?> event) {
        CURRENT.set(event);
    }

    /** @return the key, or null */
    public @Nullable K key() {
        return key;
    }

    /** @return the value, or null */
    public @Nullable V value() {
        return value;
    }

    /** @return the headers */
    public Headers headers() {
        return headers;
    }

    /** @return the message: topic, partition, offset, timestamp, raw bytes and sizes */
    public Message message() {
        return message;
    }

    /**
     * Releases this stream's hold on the message. The message's offset becomes committable when
     * every stream that received it has acked. Streams ack automatically unless {@code noack()}.
     *
     * @return true if this call acked (false if already acked)
     */
    public boolean ack() {
        if (acked) {
            return false;
        }
        acked = true;
        message.ack();
        return true;
    }

    /**
     * Acks like {@link #ack()}, but a message whose last reference this releases is left for the
     * caller to report with others ({@link Message#reportAcked}). Runtime use: streams ack the
     * events of a batch as one run.
     *
     * @return true when the caller must report the message
     */
    public boolean release() {
        if (acked) {
            return false;
        }
        acked = true;
        return message.release();
    }

    /** @return whether this event was acked */
    public boolean isAcked() {
        return acked;
    }

    /**
     * Sends the original message bytes on to another channel without decoding or re-encoding.
     *
     * @param channel destination
     * @return completes with where it landed
     */
    public CompletableFuture<RecordMetadata> forward(Channel<?, ?> channel) {
        return AbstractChannel.of(channel).forwardEvent(this, null, false);
    }

    /**
     * Forwards the original value bytes with a new key, encoded with the destination's key serializer.
     *
     * @param channel destination
     * @param newKey the key to send
     * @return completes with where it landed
     */
    public CompletableFuture<RecordMetadata> forward(Channel<?, ?> channel, @Nullable Object newKey) {
        return AbstractChannel.of(channel).forwardEvent(this, newKey, true);
    }

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
    public <K2, V2> CompletableFuture<RecordMetadata> send(Channel<K2, V2> channel, @Nullable K2 key, @Nullable V2 value) {
        return channel.send(key, value, SendOptions.defaults().withHeaders(headers));
    }

    /** @return the channel this event was delivered to, or null. Runtime use. */
    public @Nullable AbstractChannel<?, ?> source() {
        return source;
    }

    /**
     * Marks the event as an RPC request. Runtime use.
     *
     * @param replyTo reply topic
     * @param correlationId request id
     */
    public void setReply(String replyTo, String correlationId) {
        this.reply = new Reply(replyTo, correlationId);
    }

    /** @return the RPC reply topic, or null when the event is not a request */
    public @Nullable String replyTo() {
        Reply r = reply;
        return r == null ? null : r.replyTo;
    }

    /** @return the RPC correlation id, or null when the event is not a request */
    public @Nullable String correlationId() {
        Reply r = reply;
        return r == null ? null : r.correlationId;
    }

    private record Reply(String replyTo, String correlationId) {}

    @Override
    public String toString() {
        return "Event{key=" + key + ", value=" + value + ", " + message + "}";
    }
}
