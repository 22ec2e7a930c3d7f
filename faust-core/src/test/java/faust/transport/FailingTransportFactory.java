package faust.transport;

import faust.topic.TP;
import faust.transport.internal.MemoryBroker;
import faust.transport.internal.MemoryTransport;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Test transport {@code failing://}: the memory transport, except that the consumer's third poll
 * throws, as a Kafka client does on an unrecoverable error.
 */
public final class FailingTransportFactory implements TransportFactory {
    /** For ServiceLoader. */
    public FailingTransportFactory() {}

    @Override
    public List<String> schemes() {
        return List.of("failing");
    }

    @Override
    public Transport create(List<URI> urls, TransportConfig config) {
        return new ForwardingTransport(new MemoryTransport(MemoryBroker.named("failing-" + urls.get(0).getAuthority()), 1)) {
            @Override
            public TransportConsumer createConsumer(String groupId, String clientId, TrackedMessage.AckListener ackListener,
                                                    IntSupplier generation) {
                TransportConsumer c = super.createConsumer(groupId, clientId, ackListener, generation);
                return new TransportConsumer() {
                    private int polls;

                    @Override
                    public void subscribe(Collection<String> topics, @Nullable Pattern pattern, RebalanceListener listener) {
                        c.subscribe(topics, pattern, listener);
                    }

                    @Override
                    public List<TpBatch> poll(Duration timeout) {
                        if (++polls > 2) {
                            throw new IllegalStateException("simulated unrecoverable consumer error");
                        }
                        return c.poll(timeout);
                    }

                    @Override
                    public void pause(Collection<TP> partitions) {
                        c.pause(partitions);
                    }

                    @Override
                    public void resume(Collection<TP> partitions) {
                        c.resume(partitions);
                    }

                    @Override
                    public void commit(Map<TP, Long> offsets) {
                        c.commit(offsets);
                    }

                    @Override
                    public Map<TP, Long> committed(Set<TP> partitions) {
                        return c.committed(partitions);
                    }

                    @Override
                    public Map<TP, Long> endOffsets(Set<TP> partitions) {
                        return c.endOffsets(partitions);
                    }

                    @Override
                    public Set<TP> assignment() {
                        return c.assignment();
                    }

                    @Override
                    public void seek(TP tp, long offset) {
                        c.seek(tp, offset);
                    }

                    @Override
                    public void wakeup() {
                        c.wakeup();
                    }

                    @Override
                    public void close() {
                        c.close();
                    }
                };
            }
        };
    }
}
