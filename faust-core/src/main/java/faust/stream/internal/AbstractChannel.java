package faust.stream.internal;

import faust.errors.FaustException;
import faust.stream.Event;
import faust.stream.Headers;
import faust.stream.Stream;
import faust.topic.Channel;
import faust.topic.RecordMetadata;
import faust.topic.SendOptions;
import faust.topic.TP;
import faust.transport.TrackedMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What plain channels and topics share: types, the event buffer, decoding of fetched messages
 * and the ways events enter the buffer ({@link #deliver}, {@link #put}).
 *
 * @param <K> key type
 * @param <V> value type
 */
public abstract class AbstractChannel<K, V> implements Channel<K, V> {
    private static final Logger log = LoggerFactory.getLogger(AbstractChannel.class);

    private final StreamRuntime rt;
    protected final Class<K> keyType;
    protected final Class<V> valueType;
    protected final EventQueue queue;
    private volatile @Nullable Function<TP, EventQueue> router;
    private final AtomicLong putOffset = new AtomicLong();
    private volatile @Nullable Unwrapper unwrapper;

    /** Recognizes RPC requests (envelope or headers) in fetched messages; set by agents that reply. */
    @FunctionalInterface
    public interface Unwrapper {
        /**
         * @param channel the receiving channel
         * @param message the fetched message
         * @return the unwrapped event, or null when the message is not a request
         */
        @Nullable EventImpl<?, ?> tryUnwrap(AbstractChannel<?, ?> channel, TrackedMessage message);
    }

    protected AbstractChannel(StreamRuntime rt, Class<K> keyType, Class<V> valueType, int maxsize) {
        this.rt = rt;
        this.keyType = keyType;
        this.valueType = valueType;
        this.queue = new EventQueue(maxsize);
    }

    /**
     * @param channel any channel made by an app
     * @return it as this base type
     */
    public static AbstractChannel<?, ?> of(Channel<?, ?> channel) {
        if (channel instanceof AbstractChannel<?, ?> c) {
            return c;
        }
        throw new FaustException("channel " + channel + " was not created by app.topic() or app.channel()");
    }

    @Override
    public Class<K> keyType() {
        return keyType;
    }

    @Override
    public Class<V> valueType() {
        return valueType;
    }

    @Override
    public int maxsize() {
        return queue.maxsize();
    }

    /** @return the event buffer */
    public EventQueue queue() {
        return queue;
    }

    /** @return the runtime */
    public StreamRuntime runtime() {
        return rt;
    }

    /** @param u recognizes RPC requests in fetched messages */
    public void setUnwrapper(@Nullable Unwrapper u) {
        this.unwrapper = u;
    }

    /** @return the key codec name */
    public abstract String keyCodec();

    /** @return the value codec name */
    public abstract String valueCodec();

    /**
     * @return whether the channel's names carry an app or agent prefix already (Faust's
     *     {@code has_prefix}): a repartition topic derived from it then adds none
     */
    public boolean hasPrefix() {
        return false;
    }

    /** @return whether tombstones (null values) reach streams */
    protected boolean deliversEmpty() {
        return true;
    }

    /**
     * Routes fetched messages to one buffer per partition instead of the shared one
     * ({@code isolated_partitions}), or back to the shared buffer when null.
     *
     * @param router gives the buffer of a partition
     */
    public void setPartitionRouter(@Nullable Function<TP, EventQueue> router) {
        this.router = router;
    }

    /** Drops every buffered event (shared and per-partition buffers); they are read again after a rebalance. */
    public void clearBuffers() {
        queue.clear();
        Function<TP, EventQueue> r = router;
        if (r instanceof PartitionBuffers pb) {
            pb.clearAll();
        }
    }

    /** Per-partition buffers handed out by a router; lets {@link #clearBuffers} reach them. */
    public interface PartitionBuffers extends Function<TP, EventQueue> {
        /** Empties every partition buffer. */
        void clearAll();
    }

    /**
     * Decodes fetched messages of one partition and buffers them. Called on the consumer thread.
     * A message that cannot be decoded is logged with topic, partition and offset, reported to
     * sensors, acked (released by this channel) and skipped.
     *
     * @param messages the fetched messages of one partition, each already holding a reference for this channel
     * @return the buffer that is now full, or null
     */
    public @Nullable EventQueue deliver(TrackedMessage[] messages) {
        EventImpl<?, ?>[] events = new EventImpl<?, ?>[messages.length];
        int n = 0;
        for (TrackedMessage m : messages) {
            EventImpl<?, ?> e = decode(m);
            if (e != null) {
                events[n++] = e;
            }
        }
        Function<TP, EventQueue> r = router;
        EventQueue q = r == null || messages.length == 0 ? queue : r.apply(messages[0].tp());
        return q.put(events, 0, n) ? q : null;
    }

    /**
     * @param m a fetched message
     * @return its event, or null when it was skipped (and released)
     */
    public @Nullable EventImpl<?, ?> decode(TrackedMessage m) {
        try {
            Unwrapper u = unwrapper;
            if (u != null) {
                EventImpl<?, ?> e = u.tryUnwrap(this, m);
                if (e != null) {
                    return e;
                }
            }
            byte[] v = m.value();
            if (v == null && !deliversEmpty()) {
                m.ack();
                return null;
            }
            K key = m.key() == null ? null : rt.codecs().loadsKey(keyType, m.key(), keyCodec());
            V value = v == null ? null : rt.codecs().loadsValue(valueType, v, valueCodec());
            return new EventImpl<>(key, value, m.headers(), m, this);
        } catch (RuntimeException e) {
            rt.onDecodeError(m, "key_serializer=" + keyCodec() + ", value_serializer=" + valueCodec(), e);
            m.ack();
            return null;
        }
    }

    @Override
    public void put(@Nullable K key, @Nullable V value) {
        putEvent(key, value, Headers.empty(), null);
    }

    /**
     * Buffers an already-decoded value, with a synthetic message (offset counts from 0).
     *
     * @param key key
     * @param value value
     * @param headers headers
     * @param timestamp epoch millis or null for now
     * @return the metadata of the synthetic message
     */
    protected RecordMetadata putEvent(@Nullable Object key, @Nullable Object value, Headers headers, @Nullable Long timestamp) {
        long ts = timestamp == null ? System.currentTimeMillis() : timestamp;
        TrackedMessage m = new TrackedMessage(label(), 0, putOffset.getAndIncrement(), ts, null, null, headers, null, -1);
        m.incref(1);
        EventImpl<?, ?> e = new EventImpl<>(key, value, headers, m, this);
        if (queue.put(new EventImpl<?, ?>[] {e}, 0, 1)) {
            rt.sensors().onTopicBufferFull(label());
        }
        return new RecordMetadata(label(), -1, m.offset(), ts);
    }

    @Override
    public @Nullable Event<K, V> get(Duration timeout) {
        try {
            EventQueue.Chunk c = queue.take(1, timeout.toNanos());
            if (c == null) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Event<K, V> e = (Event<K, V>) c.events()[c.start()];
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public Stream<K, V> stream() {
        subscribe();
        return new StreamImpl<>(rt, this, null, "stream-" + label());
    }

    /** Makes sure messages reach this channel (topics subscribe; plain channels need nothing). */
    public void subscribe() {}

    /**
     * Sends an event's bytes on (topics) or the event itself (plain channels).
     *
     * @param event the event
     * @param newKey a replacement key when {@code replaceKey}
     * @param replaceKey whether to replace the key
     * @return where it landed
     */
    public abstract CompletableFuture<RecordMetadata> forwardEvent(EventImpl<?, ?> event, @Nullable Object newKey,
                                                                   boolean replaceKey);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "<" + label() + ">";
    }

    /**
     * Runs the send's callback, if {@code options} has one, when {@code f} completes.
     *
     * @param f the send
     * @param options its options
     */
    protected static void completeCallback(CompletableFuture<RecordMetadata> f, SendOptions options) {
        var cb = options.callback();
        if (cb != null) {
            f.whenComplete((md, err) -> {
                try {
                    cb.accept(md, err);
                } catch (RuntimeException e) {
                    log.warn("send callback failed", e);
                }
            });
        }
    }
}
