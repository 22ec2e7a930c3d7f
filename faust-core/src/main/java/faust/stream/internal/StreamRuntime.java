package faust.stream.internal;

import faust.codec.Codecs;
import faust.sensor.internal.SensorDelegate;
import faust.topic.Topic;
import faust.transport.TrackedMessage;
import org.jspecify.annotations.Nullable;

/**
 * What channels and streams need from the app's runtime, which implements it: codecs, sensors,
 * the commit barrier, the rebalance generation, and topics by name for {@code through} and
 * {@code deriveTopic}. Streams get these services, never the app.
 */
public interface StreamRuntime {
    /** @return the codec registry */
    Codecs codecs();

    /** @return the sensors */
    SensorDelegate sensors();

    /** @return the barrier streams stop at while an exactly-once transaction ends */
    CommitBarrier commitBarrier();

    /** @return the rebalance generation; events fetched in an older one are dropped */
    int generation();

    /**
     * Logs (rate-limited per topic) and counts a message that could not be decoded; the caller
     * acks and skips it.
     *
     * @param message the message
     * @param codecs the codecs it was read with, for the log line
     * @param error why
     */
    void onDecodeError(TrackedMessage message, String codecs, Throwable error);

    /**
     * Logs (rate-limited per topic) a message that is readable but wrong in a way the caller
     * handles, such as an RPC request that cannot be answered.
     *
     * @param message the message
     * @param what what is wrong, and what happens to the message
     * @param cause the error behind it, or null
     */
    void onBadInput(TrackedMessage message, String what, @Nullable Throwable cause);

    /**
     * The app's topic of this name and types, created (and declared at start-up) on first use.
     *
     * @param name the topic name
     * @param keyType key type
     * @param valueType value type
     * @param <K> key type
     * @param <V> value type
     * @return the topic
     */
    <K, V> Topic<K, V> topic(String name, Class<K> keyType, Class<V> valueType);
}
