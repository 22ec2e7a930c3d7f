package faust.topic;

import java.util.Objects;

/**
 * A topic partition.
 *
 * @param topic the topic name
 * @param partition the partition number, 0 or more
 */
public record TP(String topic, int partition) implements Comparable<TP> {
    /** Validates the parts. */
    public TP {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition + " for topic " + topic);
        }
    }

    @Override
    public int compareTo(TP o) {
        int c = topic.compareTo(o.topic);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
