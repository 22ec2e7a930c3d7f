package faust.kafka.internal;

import faust.errors.FaustException;
import faust.errors.ImproperlyConfiguredException;
import faust.settings.BrokerSettings;
import faust.stream.Header;
import faust.stream.Headers;
import faust.topic.TP;
import faust.transport.RebalanceListener;
import faust.transport.TpBatch;
import faust.transport.TrackedMessage;
import faust.transport.TransportConsumer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidSessionTimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of a consumer group on Kafka: wraps one {@link KafkaConsumer} and is owned, like it, by
 * one thread. Rebalance callbacks run inside {@link #poll}. A {@link #wakeup()} that lands in another
 * blocking call (a commit, say) is absorbed there and makes the next poll return at once.
 */
final class KafkaTransportConsumer implements TransportConsumer {
    private static final Logger log = LoggerFactory.getLogger(KafkaTransportConsumer.class);
    private static final long MAX_BACKOFF_MS = 5000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaConfigs configs;
    private final AssignorContext context;
    private final TrackedMessage.AckListener ackListener;
    private final IntSupplier generation;
    private final String clientId;
    private final String label;
    private boolean subscribed;
    private boolean pollSoon;
    private long backoffMs;
    private volatile boolean closed;
    private volatile @Nullable ConsumerGroupMetadata groupMetadata;

    KafkaTransportConsumer(KafkaConfigs configs, String groupId, String clientId, TrackedMessage.AckListener ackListener,
                           IntSupplier generation) {
        this.configs = configs;
        this.ackListener = ackListener;
        this.generation = generation;
        this.label = configs.settings().appId();
        this.context = new AssignorContext(label, configs.settings().canonicalUrl());
        this.clientId = ClientIds.acquire("consumer", clientId);
        try {
            this.consumer = new KafkaConsumer<>(configs.consumer(groupId, this.clientId, context));
        } catch (RuntimeException e) {
            ClientIds.release("consumer", this.clientId);
            throw configs.configError("consumer", e);
        }
    }

    /** @return the Kafka consumer, for the transactional producer's {@code sendOffsetsToTransaction} */
    KafkaConsumer<byte[], byte[]> kafka() {
        return consumer;
    }

    /**
     * The group's metadata (generation, member id) as of the last poll or rebalance callback. Safe
     * from any thread: an exactly-once transaction may commit off the consumer's thread, and the
     * Kafka consumer itself must only be touched from that one.
     */
    ConsumerGroupMetadata groupMetadataSnapshot() {
        ConsumerGroupMetadata m = groupMetadata;
        if (m == null) {
            throw new IllegalStateException("no group metadata yet: commit a transaction only after the consumer has polled");
        }
        return m;
    }

    @Override
    public void subscribe(Collection<String> topics, @Nullable Pattern pattern, RebalanceListener listener) {
        ConsumerRebalanceListener l = new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                groupMetadata = consumer.groupMetadata();
                if (!partitions.isEmpty()) {
                    listener.onPartitionsRevoked(tps(partitions));
                }
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                groupMetadata = consumer.groupMetadata();
                listener.onPartitionsAssigned(tps(partitions));
            }
        };
        if (pattern != null) {
            StringBuilder b = new StringBuilder("(?:").append(pattern.pattern()).append(')');
            for (String t : topics) {
                b.append("|").append(Pattern.quote(t));
            }
            consumer.subscribe(Pattern.compile(b.toString()), l);
            subscribed = true;
        } else if (!topics.isEmpty()) {
            consumer.subscribe(List.copyOf(topics), l);
            subscribed = true;
        } else {
            consumer.unsubscribe();
            subscribed = false;
        }
    }

    @Override
    public List<TpBatch> poll(Duration timeout) {
        if (!subscribed) {
            sleep(timeout.toMillis());
            return List.of();
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(pollSoon ? Duration.ZERO : timeout);
            groupMetadata = consumer.groupMetadata();
            pollSoon = false;
            backoffMs = 0;
        } catch (WakeupException e) {
            pollSoon = false;
            return List.of();
        } catch (InvalidSessionTimeoutException e) {
            throw new ImproperlyConfiguredException("the Kafka broker rejected broker_session_timeout="
                    + configs.settings().get(BrokerSettings.BROKER_SESSION_TIMEOUT) + ": " + e.getMessage() + ". Pick a value within the broker's "
                    + "group.min.session.timeout.ms and group.max.session.timeout.ms.", e);
        } catch (KafkaException e) {
            FaustException security = KafkaErrors.security(e, configs);
            if (security != null) {
                throw security;
            }
            if (!(e instanceof RetriableException)) {
                throw e;
            }
            backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(100, backoffMs * 2));
            log.warn("[{}] poll failed, retrying in {} ms: {}", label, backoffMs, e.toString());
            sleep(backoffMs);
            return List.of();
        }
        if (records.isEmpty()) {
            return List.of();
        }
        int gen = generation.getAsInt();
        List<TpBatch> out = new ArrayList<>(records.partitions().size());
        Map<TopicPartition, OffsetAndMetadata> next = records.nextOffsets();
        for (TopicPartition p : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> rs = records.records(p);
            TP tp = new TP(p.topic(), p.partition());
            TrackedMessage[] msgs = new TrackedMessage[rs.size()];
            for (int i = 0; i < msgs.length; i++) {
                ConsumerRecord<byte[], byte[]> r = rs.get(i);
                msgs[i] = new TrackedMessage(tp, r.offset(), r.timestamp(), r.key(), r.value(), headers(r.headers()), ackListener, gen);
            }
            out.add(new TpBatch(tp, msgs, endOffset(p, next.get(p))));
            if (log.isTraceEnabled()) {
                log.trace("[{}] fetched {} from {} at offsets {}..{} (generation {})", label, msgs.length, tp, msgs[0].offset(),
                        msgs[msgs.length - 1].offset(), gen);
            }
        }
        return out;
    }

    /**
     * The partition's end offset as the last fetch saw it: the next offset to read plus the lag,
     * both known locally (no request); the high watermark, or the last stable offset when reading
     * committed.
     */
    private long endOffset(TopicPartition p, @Nullable OffsetAndMetadata nextOffset) {
        if (nextOffset == null) {
            return TpBatch.UNKNOWN_END_OFFSET;
        }
        OptionalLong lag = consumer.currentLag(p);
        return lag.isPresent() ? nextOffset.offset() + lag.getAsLong() : TpBatch.UNKNOWN_END_OFFSET;
    }

    static Headers headers(org.apache.kafka.common.header.Headers kh) {
        org.apache.kafka.common.header.Header[] arr = kh.toArray();
        if (arr.length == 0) {
            return Headers.empty();
        }
        List<Header> list = new ArrayList<>(arr.length);
        for (org.apache.kafka.common.header.Header h : arr) {
            byte[] v = h.value();
            list.add(new Header(h.key(), v == null ? new byte[0] : v));
        }
        return Headers.of(list);
    }

    @Override
    public void pause(Collection<TP> partitions) {
        consumer.pause(assigned(partitions));
    }

    @Override
    public void resume(Collection<TP> partitions) {
        consumer.resume(assigned(partitions));
    }

    /** Only assigned partitions: Kafka refuses to pause or resume others, and a rebalance may have taken some. */
    private List<TopicPartition> assigned(Collection<TP> partitions) {
        Set<TopicPartition> now = consumer.assignment();
        List<TopicPartition> out = new ArrayList<>(partitions.size());
        for (TP tp : partitions) {
            TopicPartition p = new TopicPartition(tp.topic(), tp.partition());
            if (now.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public void commit(Map<TP, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        offsets.forEach((tp, off) -> m.put(new TopicPartition(tp.topic(), tp.partition()), new OffsetAndMetadata(off)));
        blocking("commit offsets", false, () -> {
            consumer.commitSync(m);
            return null;
        });
    }

    @Override
    public void commitAsync(Map<TP, Long> offsets, Consumer<@Nullable Throwable> done) {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        offsets.forEach((tp, off) -> m.put(new TopicPartition(tp.topic(), tp.partition()), new OffsetAndMetadata(off)));
        try {
            consumer.commitAsync(m, (committed, e) -> {
                FaustException security = e == null ? null : KafkaErrors.security(e, configs);
                done.accept(security != null ? security : e);
            });
        } catch (KafkaException e) {
            FaustException security = KafkaErrors.security(e, configs);
            done.accept(security != null ? security : e);
        }
    }

    @Override
    public Map<TP, Long> committed(Set<TP> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndMetadata> m = blocking("read committed offsets", true,
                () -> consumer.committed(topicPartitions(partitions)));
        Map<TP, Long> out = new HashMap<>();
        m.forEach((p, o) -> {
            if (o != null) {
                out.put(new TP(p.topic(), p.partition()), o.offset());
            }
        });
        return out;
    }

    @Override
    public Map<TP, Long> endOffsets(Set<TP> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> m = blocking("read end offsets", true, () -> consumer.endOffsets(topicPartitions(partitions)));
        Map<TP, Long> out = new HashMap<>();
        m.forEach((p, o) -> out.put(new TP(p.topic(), p.partition()), o));
        return out;
    }

    /**
     * Runs a blocking call; a wakeup meant for poll is absorbed (the call is repeated and the next
     * poll returns at once); when {@code retry}, timeouts are retried with back-off until it works or
     * the consumer is closed.
     */
    private <T> T blocking(String what, boolean retry, Supplier<T> call) {
        long backoff = 100;
        while (true) {
            try {
                return call.get();
            } catch (WakeupException e) {
                pollSoon = true;
            } catch (KafkaException e) {
                FaustException security = KafkaErrors.security(e, configs);
                if (security != null) {
                    throw security;
                }
                if (!retry || !(e instanceof RetriableException) || closed) {
                    throw e;
                }
                log.warn("[{}] could not {} ({}); retrying in {} ms", label, what, e.toString(), backoff);
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private static Set<TopicPartition> topicPartitions(Set<TP> tps) {
        Set<TopicPartition> s = new HashSet<>();
        for (TP tp : tps) {
            s.add(new TopicPartition(tp.topic(), tp.partition()));
        }
        return s;
    }

    private static Set<TP> tps(Collection<TopicPartition> ps) {
        Set<TP> s = new HashSet<>();
        for (TopicPartition p : ps) {
            s.add(new TP(p.topic(), p.partition()));
        }
        return s;
    }

    @Override
    public Set<TP> assignment() {
        return Set.copyOf(tps(consumer.assignment()));
    }

    @Override
    public void seek(TP tp, long offset) {
        consumer.seek(new TopicPartition(tp.topic(), tp.partition()), offset);
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public Map<URI, Set<TP>> groupAssignment() {
        return context.group();
    }

    @Override
    public void requestStandbys(Map<String, Integer> changelogs, int replicas) {
        context.requestStandbys(changelogs, replicas);
    }

    @Override
    public Set<TP> standbyAssignment() {
        return context.standbys();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            consumer.close();
        } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
            log.debug("[{}] consumer closed abruptly: {}", label, e.toString());
        } finally {
            ClientIds.release("consumer", clientId);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
