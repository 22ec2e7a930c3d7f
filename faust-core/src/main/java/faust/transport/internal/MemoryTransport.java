package faust.transport.internal;

import faust.stream.Headers;
import faust.topic.RecordMetadata;
import faust.transport.TopicDeclaration;
import faust.transport.TrackedMessage;
import faust.transport.Transport;
import faust.transport.TransportConsumer;
import faust.transport.TransportProducer;
import faust.transport.TransportReader;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/** The {@code memory://} transport: consumers and producers on an in-process {@link MemoryBroker}. */
public final class MemoryTransport implements Transport {
    private final MemoryBroker broker;
    private final int defaultPartitions;
    private final boolean readCommitted;

    /**
     * @param broker the broker
     * @param defaultPartitions partitions of topics created on first send
     */
    public MemoryTransport(MemoryBroker broker, int defaultPartitions) {
        this(broker, defaultPartitions, false);
    }

    /**
     * @param broker the broker
     * @param defaultPartitions partitions of topics created on first send
     * @param readCommitted consumers skip aborted and open transactions (exactly-once)
     */
    public MemoryTransport(MemoryBroker broker, int defaultPartitions, boolean readCommitted) {
        this.broker = broker;
        this.defaultPartitions = defaultPartitions;
        this.readCommitted = readCommitted;
    }

    /** @return the broker */
    public MemoryBroker broker() {
        return broker;
    }

    @Override
    public TransportConsumer createConsumer(String groupId, String clientId, TrackedMessage.AckListener ackListener,
                                            IntSupplier generation) {
        return new MemoryConsumer(broker, groupId, ackListener, generation, readCommitted);
    }

    @Override
    public TransportReader createReader(String clientId) {
        return new MemoryReader(broker, readCommitted);
    }

    @Override
    public TransportProducer createProducer() {
        return new TransportProducer() {
            @Override
            public CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                          byte @Nullable [] key, byte @Nullable [] value, Headers headers) {
                try {
                    return CompletableFuture.completedFuture(
                            broker.append(topic, partition, timestamp, key, value, headers, defaultPartitions));
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public void flush() {
                // appends are synchronous
            }

            @Override
            public int partitionForKey(String topic, byte @Nullable [] key) {
                int n = broker.partitionCount(topic).orElse(defaultPartitions);
                return key == null ? 0 : Partitioner.partitionFor(key, n);
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    @Override
    public TransportProducer createTransactionalProducer(String transactionalId) {
        return new MemoryTransactionalProducer(broker, defaultPartitions);
    }

    @Override
    public void declareTopic(TopicDeclaration declaration) {
        broker.declare(declaration);
    }

    @Override
    public OptionalInt partitionCount(String topic) {
        return broker.partitionCount(topic);
    }

    @Override
    public void close() {
        // the broker outlives apps in the JVM, as a real broker would
    }
}
