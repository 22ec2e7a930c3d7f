package faust.bench;

import faust.errors.ImproperlyConfiguredException;
import faust.stream.Headers;
import faust.topic.RecordMetadata;
import faust.transport.TopicDeclaration;
import faust.transport.TrackedMessage;
import faust.transport.Transport;
import faust.transport.TransportConfig;
import faust.transport.TransportConsumer;
import faust.transport.TransportFactory;
import faust.transport.TransportProducer;
import faust.transport.TransportReader;
import faust.transport.internal.MemoryBroker;
import faust.transport.internal.MemoryTransport;
import java.net.URI;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Benchmark transport {@code discard://name}: the memory transport, except that its producer
 * acknowledges every send at once and keeps nothing. What a send then costs is faust-java's own
 * send path ({@link SendPathBenchmark}), with no broker and no growing log behind it.
 */
public final class DiscardTransportFactory implements TransportFactory {
    /** For ServiceLoader. */
    public DiscardTransportFactory() {}

    @Override
    public List<String> schemes() {
        return List.of("discard");
    }

    @Override
    public Transport create(List<URI> urls, TransportConfig config) {
        MemoryTransport inner = new MemoryTransport(MemoryBroker.named("discard-" + urls.get(0).getAuthority()), 1);
        TransportProducer discarding = new TransportProducer() {
            private long offset;

            @Override
            public CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                          byte @Nullable [] key, byte @Nullable [] value, Headers headers) {
                return CompletableFuture.completedFuture(new RecordMetadata(topic, 0, offset++, 0L));
            }

            @Override     // the form the runtime uses, one object per send as Kafka's producer makes it
            public CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                          byte @Nullable [] key, byte @Nullable [] value, Headers headers,
                                                          SendListener listener, long token, @Nullable Object attachment) {
                RecordMetadata md = new RecordMetadata(topic, 0, offset++, 0L);
                listener.onSent(token, attachment, md);
                return CompletableFuture.completedFuture(md);
            }

            @Override
            public void flush() {}

            @Override
            public int partitionForKey(String topic, byte @Nullable [] key) {
                return 0;
            }

            @Override
            public void close() {}
        };
        return new Transport() {
            @Override
            public TransportConsumer createConsumer(String groupId, String clientId, TrackedMessage.AckListener ackListener,
                                                    IntSupplier generation) {
                return inner.createConsumer(groupId, clientId, ackListener, generation);
            }

            @Override
            public TransportReader createReader(String clientId) {
                return inner.createReader(clientId);
            }

            @Override
            public TransportProducer createProducer() {
                return discarding;
            }

            @Override
            public TransportProducer createTransactionalProducer(String transactionalId) {
                throw new ImproperlyConfiguredException("broker discard:// keeps nothing, so it cannot run transactions: "
                        + "set processing_guarantee=at_least_once for it");
            }

            @Override
            public void declareTopic(TopicDeclaration declaration) {
                inner.declareTopic(declaration);
            }

            @Override
            public OptionalInt partitionCount(String topic) {
                return inner.partitionCount(topic);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
