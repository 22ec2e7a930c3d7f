package faust.topic;

import java.util.Objects;

/**
 * Where a sent message landed.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset given by the broker
 * @param timestamp the message timestamp in epoch millis
 */
public record RecordMetadata(String topic, int partition, long offset, long timestamp) {
    /** Validates the parts. */
    public RecordMetadata {
        Objects.requireNonNull(topic, "topic");
    }

    /** @return the topic partition */
    public TP tp() {
        return new TP(topic, partition);
    }
}
