package faust.transport;

import faust.stream.Headers;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import faust.transport.internal.MemoryBroker;
import faust.transport.internal.MemoryTransport;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Test transport {@code gated://name}: the memory transport, except that a test can hold, at a
 * {@link Gate}, the transaction commits of one app's workers (to see what happens while a commit
 * is slow) or the completion of its plain producer's sends (as if the broker had not acknowledged
 * them yet). The gate also counts the plain producer's flushes.
 */
public final class GatedTransportFactory implements TransportFactory {
    private static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

    /** For ServiceLoader. */
    public GatedTransportFactory() {}

    /** Holds commits while closed. */
    public static final class Gate {
        private volatile CountDownLatch opened = new CountDownLatch(0);
        private final AtomicInteger waiting = new AtomicInteger();
        private final AtomicInteger flushes = new AtomicInteger();
        private final AtomicInteger commitsToFail = new AtomicInteger();
        private final AtomicInteger failedCommits = new AtomicInteger();

        /** The next transaction commit fails, after aborting, as a Kafka commit that times out does. */
        public void failNextCommit() {
            commitsToFail.incrementAndGet();
        }

        /** @return how many commits were made to fail */
        public int failedCommits() {
            return failedCommits.get();
        }
        private volatile CompletableFuture<Void> sendsAcknowledged = CompletableFuture.completedFuture(null);

        /** Sends from now on are written but complete only at {@link #acknowledgeSends}. */
        public void holdSends() {
            sendsAcknowledged = new CompletableFuture<>();
        }

        /** Completes the held sends and lets later ones complete at once. */
        public void acknowledgeSends() {
            sendsAcknowledged.complete(null);
        }

        /** @return how many times the app's plain producer was flushed */
        public int flushes() {
            return flushes.get();
        }

        /** Commits from now on wait. */
        public void close() {
            opened = new CountDownLatch(1);
        }

        /** Lets waiting and later commits through. */
        public void open() {
            opened.countDown();
        }

        /** @return how many commits are waiting at the gate now */
        public int waiting() {
            return waiting.get();
        }

        void pass() {
            CountDownLatch l = opened;
            if (l.getCount() == 0) {
                return;
            }
            waiting.incrementAndGet();
            try {
                if (!l.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test gate stayed closed for 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.decrementAndGet();
            }
        }
    }

    /**
     * @param appId the app whose transaction commits the gate holds
     * @return its gate, open until closed
     */
    public static Gate gate(String appId) {
        return GATES.computeIfAbsent(appId, k -> new Gate());
    }

    @Override
    public List<String> schemes() {
        return List.of("gated");
    }

    @Override
    public Transport create(List<URI> urls, TransportConfig config) {
        MemoryTransport inner = new MemoryTransport(MemoryBroker.named("gated-" + urls.get(0).getAuthority()), 1,
                config.exactlyOnce());   // read_committed as memory://
        Gate gate = gate(config.appId());
        return new ForwardingTransport(inner) {
            @Override
            public TransportProducer createProducer() {
                TransportProducer p = inner.createProducer();
                return new TransportProducer() {
                    @Override
                    public CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition,
                                                                  @Nullable Long timestamp, byte @Nullable [] key,
                                                                  byte @Nullable [] value, Headers headers) {
                        CompletableFuture<RecordMetadata> f = p.send(topic, partition, timestamp, key, value, headers);
                        return f.thenCombine(gate.sendsAcknowledged, (md, v) -> md);
                    }

                    @Override
                    public void flush() {
                        gate.flushes.incrementAndGet();
                        gate.sendsAcknowledged.join();
                        p.flush();
                    }

                    @Override
                    public int partitionForKey(String topic, byte @Nullable [] key) {
                        return p.partitionForKey(topic, key);
                    }

                    @Override
                    public void close() {
                        p.close();
                    }
                };
            }

            @Override
            public TransportProducer createTransactionalProducer(String transactionalId) {
                TransportProducer p = inner.createTransactionalProducer(transactionalId);
                return new TransportProducer() {
                    @Override
                    public CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition,
                                                                  @Nullable Long timestamp, byte @Nullable [] key,
                                                                  byte @Nullable [] value, Headers headers) {
                        return p.send(topic, partition, timestamp, key, value, headers);
                    }

                    @Override
                    public void flush() {
                        p.flush();
                    }

                    @Override
                    public int partitionForKey(String topic, byte @Nullable [] key) {
                        return p.partitionForKey(topic, key);
                    }

                    @Override
                    public boolean transactional() {
                        return true;
                    }

                    @Override
                    public void commitTransaction(TransportConsumer consumer, Map<TP, Long> offsets) {
                        gate.pass();
                        if (gate.commitsToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            p.abortTransaction();
                            gate.failedCommits.incrementAndGet();
                            throw new faust.errors.FaustException("simulated transaction commit failure (test gate)");
                        }
                        p.commitTransaction(consumer, offsets);
                    }

                    @Override
                    public void abortTransaction() {
                        p.abortTransaction();
                    }

                    @Override
                    public void close() {
                        p.close();
                    }
                };
            }
        };
    }
}
