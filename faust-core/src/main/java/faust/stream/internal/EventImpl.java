package faust.stream.internal;

import faust.stream.Event;
import faust.stream.Headers;
import faust.stream.Message;
import faust.topic.Channel;
import faust.topic.RecordMetadata;
import faust.topic.SendOptions;
import faust.transport.TrackedMessage;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's {@link Event}: the decoded key and value, the tracked message, the channel the
 * event was delivered to, and the RPC reply address when the event is a request.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class EventImpl<K, V> implements Event<K, V> {
    private final @Nullable K key;
    private final @Nullable V value;
    private final Headers headers;
    private final TrackedMessage message;
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
    public EventImpl(@Nullable K key, @Nullable V value, Headers headers, TrackedMessage message,
                     @Nullable AbstractChannel<?, ?> source) {
        this.key = key;
        this.value = value;
        this.headers = headers;
        this.message = message;
        this.source = source;
    }

    @Override
    public @Nullable K key() {
        return key;
    }

    @Override
    public @Nullable V value() {
        return value;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public Message message() {
        return message;
    }

    /** @return the message with its reference count and ack listener */
    public TrackedMessage tracked() {
        return message;
    }

    @Override
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
     * caller to report with others ({@link TrackedMessage#reportAcked}): streams ack the events of
     * a batch as one run.
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

    @Override
    public boolean isAcked() {
        return acked;
    }

    /**
     * Sends the original message bytes on to another channel without decoding or re-encoding.
     *
     * @param channel destination
     * @return completes with where it landed
     */
    @Override
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
    @Override
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
    @Override
    public <K2, V2> CompletableFuture<RecordMetadata> send(Channel<K2, V2> channel, @Nullable K2 key, @Nullable V2 value) {
        return channel.send(key, value, SendOptions.defaults().withHeaders(headers));
    }

    /** @return the channel this event was delivered to, or null */
    public @Nullable AbstractChannel<?, ?> source() {
        return source;
    }

    /**
     * Marks the event as an RPC request.
     *
     * @param replyTo reply topic
     * @param correlationId request id
     */
    public void setReply(String replyTo, String correlationId) {
        this.reply = new Reply(replyTo, correlationId);
    }

    @Override
    public @Nullable String replyTo() {
        Reply r = reply;
        return r == null ? null : r.replyTo;
    }

    @Override
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
