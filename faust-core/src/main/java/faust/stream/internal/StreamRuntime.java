package faust.stream.internal;

import faust.codec.Codecs;
import faust.sensor.internal.SensorDelegate;
import faust.topic.Topic;
import faust.transport.TrackedMessage;

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
     * Logs and counts a message that could not be decoded; the caller acks and skips it.
     *
     * @param message the message
     * @param error why
     */
    void onDecodeError(TrackedMessage message, Throwable error);

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
