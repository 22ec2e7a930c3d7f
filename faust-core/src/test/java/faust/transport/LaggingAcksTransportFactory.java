package faust.transport;

import faust.stream.Headers;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import faust.transport.internal.MemoryBroker;
import faust.transport.internal.MemoryTransport;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * {@code lagging-acks://name}: the memory transport, except that a transactional producer
 * acknowledges a send only when its transaction commits, and an abort fails every send still in
 * flight, as Kafka's producer does ({@code TransactionAbortedException}). {@link #aborts} counts
 * the aborts per broker name.
 */
public final class LaggingAcksTransportFactory implements TransportFactory {
    private static final Map<String, AtomicInteger> ABORTS = new ConcurrentHashMap<>();

    /** For ServiceLoader. */
    public LaggingAcksTransportFactory() {}

    /**
     * @param name the broker name (URL authority)
     * @return how many transactions producers of that broker aborted
     */
    public static int aborts(String name) {
        return ABORTS.computeIfAbsent(name, n -> new AtomicInteger()).get();
    }

    @Override
    public List<String> schemes() {
        return List.of("lagging-acks");
    }

    @Override
    public Transport create(List<URI> urls, TransportConfig config) {
        String name = urls.get(0).getAuthority();
        AtomicInteger aborts = ABORTS.computeIfAbsent(name, n -> new AtomicInteger());
        MemoryTransport inner = new MemoryTransport(MemoryBroker.named("lagging-" + name), 1, config.exactlyOnce());
        return new ForwardingTransport(inner) {
            @Override
            public TransportProducer createTransactionalProducer(String transactionalId) {
                return new Lagging(inner.createTransactionalProducer(transactionalId), aborts);
            }
        };
    }

    /** Holds each send's acknowledgement until its transaction ends. */
    private static final class Lagging implements TransportProducer {
        private record Pending(CompletableFuture<RecordMetadata> appended, CompletableFuture<RecordMetadata> acked) {}

        private final TransportProducer inner;
        private final AtomicInteger aborts;
        private final ReentrantLock lock = new ReentrantLock();
        private final List<Pending> inFlight = new ArrayList<>();

        Lagging(TransportProducer inner, AtomicInteger aborts) {
            this.inner = inner;
            this.aborts = aborts;
        }

        @Override
        public CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                      byte @Nullable [] key, byte @Nullable [] value, Headers headers) {
            CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
            lock.lock();
            try {
                inFlight.add(new Pending(inner.send(topic, partition, timestamp, key, value, headers), acked));
            } finally {
                lock.unlock();
            }
            return acked;
        }

        private List<Pending> takeInFlight() {
            lock.lock();
            try {
                List<Pending> out = new ArrayList<>(inFlight);
                inFlight.clear();
                return out;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void commitTransaction(TransportConsumer consumer, Map<TP, Long> offsets) {
            List<Pending> sent = takeInFlight();
            inner.commitTransaction(consumer, offsets);
            for (Pending p : sent) {
                p.appended().whenComplete((md, err) -> {
                    if (err != null) {
                        p.acked().completeExceptionally(err);
                    } else {
                        p.acked().complete(md);
                    }
                });
            }
        }

        @Override
        public void abortTransaction() {
            aborts.incrementAndGet();
            List<Pending> sent = takeInFlight();
            inner.abortTransaction();
            IllegalStateException aborted = new IllegalStateException(
                    "TransactionAbortedException: failing batch since transaction was aborted");
            sent.forEach(p -> p.acked().completeExceptionally(aborted));
        }

        @Override
        public boolean transactional() {
            return true;
        }

        @Override
        public void flush() {
            inner.flush();
        }

        @Override
        public int partitionForKey(String topic, byte @Nullable [] key) {
            return inner.partitionForKey(topic, key);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
