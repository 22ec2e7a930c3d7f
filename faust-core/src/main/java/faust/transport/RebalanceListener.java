package faust.transport;

import faust.topic.TP;
import java.util.Set;

/**
 * Told about partition assignment changes. Called on the consumer's own thread, from inside
 * {@link TransportConsumer#poll}, like Kafka's {@code ConsumerRebalanceListener}.
 */
public interface RebalanceListener {
    /**
     * Partitions are being taken away. Commit what is done before returning.
     *
     * @param revoked the partitions leaving this consumer
     */
    void onPartitionsRevoked(Set<TP> revoked);

    /**
     * Partitions were given to this consumer.
     *
     * @param assigned the partitions now owned, including ones kept from before
     */
    void onPartitionsAssigned(Set<TP> assigned);
}
