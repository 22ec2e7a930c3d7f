package faust.stream;

import faust.topic.TP;
import org.jspecify.annotations.Nullable;

/**
 * A message as read from a transport: where it came from and its raw bytes. The {@link Event} a
 * stream yields holds the message it was decoded from; sensors see messages as they flow.
 *
 * <p>Read-only and thread-safe.
 */
public interface Message {
    /** @return the topic */
    default String topic() {
        return tp().topic();
    }

    /** @return the partition */
    default int partition() {
        return tp().partition();
    }

    /** @return the topic partition */
    TP tp();

    /** @return the offset */
    long offset();

    /** @return the timestamp in epoch millis */
    long timestamp();

    /** @return the raw key, or null */
    byte @Nullable [] key();

    /** @return the raw value, or null (a tombstone) */
    byte @Nullable [] value();

    /** @return the headers */
    Headers headers();

    /** @return the serialized key size in bytes, -1 when there is no key */
    default int serializedKeySize() {
        byte[] k = key();
        return k == null ? -1 : k.length;
    }

    /** @return the serialized value size in bytes, -1 when there is no value */
    default int serializedValueSize() {
        byte[] v = value();
        return v == null ? -1 : v.length;
    }
}
