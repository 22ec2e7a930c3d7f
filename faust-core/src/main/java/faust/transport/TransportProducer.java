package faust.transport;

import faust.stream.Headers;
import faust.topic.RecordMetadata;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** Sends serialized messages. Thread-safe. */
public interface TransportProducer extends AutoCloseable {
    /**
     * @param topic destination topic
     * @param partition a partition, or null to let the partitioner choose from the key
     * @param timestamp epoch millis, or null for now
     * @param key key bytes, or null
     * @param value value bytes, or null (a tombstone)
     * @param headers headers
     * @return completes with where the message landed, or exceptionally
     */
    CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                           byte @Nullable [] key, byte @Nullable [] value, Headers headers);

    /** Blocks until every message sent so far is acknowledged or failed. */
    void flush();

    /**
     * @param topic a topic
     * @param key serialized key, or null
     * @return the partition the default partitioner gives this key
     */
    int partitionForKey(String topic, byte @Nullable [] key);

    @Override
    void close();
}
