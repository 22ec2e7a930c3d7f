package faust.kafka.internal;

import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.jspecify.annotations.Nullable;

/**
 * Lets a {@link Partitioner} instance given as the {@code producer_partitioner} setting serve a
 * Kafka producer, which only builds partitioners from class names: the instance travels in a
 * config entry of its own.
 */
public final class DelegatingPartitioner implements Partitioner {
    static final String INSTANCE_CONFIG = "faust.partitioner.instance";
    private @Nullable Partitioner delegate;

    /** Created by Kafka's producer from {@code partitioner.class}. */
    public DelegatingPartitioner() {}

    @Override
    public void configure(Map<String, ?> configs) {
        Partitioner p = (Partitioner) configs.get(INSTANCE_CONFIG);
        if (p == null) {
            throw new IllegalStateException(INSTANCE_CONFIG + " holds no partitioner");
        }
        delegate = p;
    }

    @Override
    public int partition(String topic, @Nullable Object key, byte @Nullable [] keyBytes, @Nullable Object value,
                         byte @Nullable [] valueBytes, Cluster cluster) {
        Partitioner p = delegate;
        if (p == null) {
            throw new IllegalStateException("not configured");
        }
        return p.partition(topic, key, keyBytes, value, valueBytes, cluster);
    }

    @Override
    public void close() {
        // the instance belongs to the app
    }
}
