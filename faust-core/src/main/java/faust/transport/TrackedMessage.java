package faust.transport;

import faust.stream.Headers;
import faust.stream.Message;
import faust.topic.TP;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Message} transports hand to the runtime: the read-only message plus what the runtime
 * tracks of it. One message may feed several streams; it holds one reference per stream it was
 * delivered to, and is acked (its offset becomes committable) when every stream is done with it.
 * Transports construct these ({@link TransportConsumer#poll}); the rest is runtime use.
 *
 * <p>Thread-safe: the reference count is atomic.
 */
public final class TrackedMessage implements Message {
    private static final VarHandle REFCOUNT;

    static {
        try {
            REFCOUNT = MethodHandles.lookup().findVarHandle(TrackedMessage.class, "refcount", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long offset;
    private final long timestamp;
    private final byte @Nullable [] key;
    private final byte @Nullable [] value;
    private final Headers headers;
    private final @Nullable AckListener ackListener;
    private volatile int refcount;
    private final TP tp;
    /** Rebalance generation the message was fetched in; events from older generations are dropped. */
    private final int generation;

    /** Told when a message has been acked by every stream that received it. */
    @FunctionalInterface
    public interface AckListener {
        /** @param message the message whose last reference was released */
        void onAcked(TrackedMessage message);

        /**
         * Several messages whose last references were released, reported together (a stream
         * reports the events of a fetched batch it finished as one run). The default reports each
         * with {@link #onAcked}.
         *
         * @param messages holds the messages, all with this listener
         * @param from index of the first
         * @param to index after the last
         */
        default void onAckedAll(TrackedMessage[] messages, int from, int to) {
            for (int i = from; i < to; i++) {
                onAcked(messages[i]);
            }
        }
    }

    /**
     * @param topic source topic
     * @param partition source partition
     * @param offset source offset
     * @param timestamp epoch millis
     * @param key raw key bytes or null
     * @param value raw value bytes or null (a tombstone)
     * @param headers the headers
     * @param ackListener told when the message is fully acked, or null for messages that are not tracked
     * @param generation the consumer generation the message was fetched in
     */
    public TrackedMessage(String topic, int partition, long offset, long timestamp, byte @Nullable [] key, byte @Nullable [] value,
                   Headers headers, @Nullable AckListener ackListener, int generation) {
        this(new TP(topic, partition), offset, timestamp, key, value, headers, ackListener, generation);
    }

    /**
     * The form transports use: one {@link TP} shared by every message of a fetched batch.
     *
     * @param tp source partition
     * @param offset source offset
     * @param timestamp epoch millis
     * @param key raw key bytes or null
     * @param value raw value bytes or null (a tombstone)
     * @param headers the headers
     * @param ackListener told when the message is fully acked, or null for messages that are not tracked
     * @param generation the consumer generation the message was fetched in
     */
    public TrackedMessage(TP tp, long offset, long timestamp, byte @Nullable [] key, byte @Nullable [] value,
                   Headers headers, @Nullable AckListener ackListener, int generation) {
        this.tp = Objects.requireNonNull(tp, "tp");
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.ackListener = ackListener;
        this.generation = generation;
    }

    @Override
    public String topic() {
        return tp.topic();
    }

    @Override
    public int partition() {
        return tp.partition();
    }

    @Override
    public TP tp() {
        return tp;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public byte @Nullable [] key() {
        return key;
    }

    @Override
    public byte @Nullable [] value() {
        return value;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public int serializedKeySize() {
        return key == null ? -1 : key.length;
    }

    @Override
    public int serializedValueSize() {
        return value == null ? -1 : value.length;
    }

    /** @return the consumer generation this message was fetched in */
    public int generation() {
        return generation;
    }

    /** @return how many streams still hold this message */
    public int refcount() {
        return refcount;
    }

    /**
     * Adds references, one per stream the message is delivered to. Runtime use, and only before
     * the message is handed to any stream: {@link #ack()} relies on a count of one meaning that no
     * other thread holds or will take a reference.
     *
     * @param n references to add
     */
    public void incref(int n) {
        // No other thread sees the message yet (see above), so a plain add is enough; handing the
        // message to a stream's buffer publishes the count with it.
        REFCOUNT.set(this, (int) REFCOUNT.get(this) + n);
    }

    /**
     * Releases one reference; when the last one goes, the message is acked.
     *
     * @return true when this call released the last reference
     */
    public boolean ack() {
        if (release()) {
            AckListener l = ackListener;
            if (l != null) {
                l.onAcked(this);
            }
            return true;
        }
        return false;
    }

    /**
     * Releases one reference like {@link #ack()}, but leaves telling the listener to the caller,
     * who reports the message later with others ({@link #reportAcked}). Runtime use.
     *
     * @return true when this call released the last reference: the caller must then report it
     */
    public boolean release() {
        if (refcount == 1) {
            // The last holder: no other thread will touch the count again, so no atomic update is needed.
            REFCOUNT.setOpaque(this, 0);
            return true;
        }
        return (int) REFCOUNT.getAndAdd(this, -1) == 1;
    }

    /**
     * Tells the listeners of messages {@link #release() released} for the last time, each run of
     * messages that share a listener in one call. Runtime use.
     *
     * @param messages holds the messages
     * @param from index of the first
     * @param to index after the last
     */
    public static void reportAcked(TrackedMessage[] messages, int from, int to) {
        int i = from;
        while (i < to) {
            AckListener l = messages[i].ackListener;
            int j = i + 1;
            while (j < to && messages[j].ackListener == l) {
                j++;
            }
            if (l != null) {
                l.onAckedAll(messages, i, j);
            }
            i = j;
        }
    }

    @Override
    public String toString() {
        return "Message{" + tp.topic() + "-" + tp.partition() + "@" + offset + ", ts=" + timestamp + "}";
    }
}
