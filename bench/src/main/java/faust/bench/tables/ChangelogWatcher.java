package faust.bench.tables;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a word-count table's changelog as it is written (read_committed), keeps each word's last
 * count, and tells when the counts add up to the words sent: the moment the table is complete and
 * durable, the end of a timed run whatever the system.
 */
final class ChangelogWatcher implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ToLongFunction<byte[]> decode;
    private final Map<ByteBuffer, Long> counts = new HashMap<>();
    private final AtomicLong sum = new AtomicLong();

    /**
     * @param client the broker's client properties
     * @param decode a changelog value to its count
     */
    ChangelogWatcher(Map<String, Object> client, ToLongFunction<byte[]> decode) {
        Map<String, Object> p = new HashMap<>(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);     // the system under test creates it, with its partitions
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.decode = decode;
    }

    /** @return Kafka Streams' Long serde: 8 bytes, big-endian */
    static long longValue(byte[] v) {
        return ByteBuffer.wrap(v).getLong();
    }

    /** @return faust-java's JSON number */
    static long jsonValue(byte[] v) {
        return Long.parseLong(new String(v, StandardCharsets.US_ASCII));
    }

    /**
     * Waits for the topic to exist, then reads it until the counts add up to {@code expected}.
     *
     * @param topic the changelog
     * @param expected the words sent
     * @param timeout the longest wait
     * @param failure a failure of the system under test, checked while waiting
     * @return null when complete, else what was missing
     */
    @Nullable String await(String topic, long expected, Duration timeout, Supplier<@Nullable Throwable> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> tps = new ArrayList<>();
        while (tps.isEmpty()) {
            List<PartitionInfo> ps = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (ps != null) {
                ps.forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
            }
            if (System.nanoTime() > deadline) {
                return "the changelog " + topic + " was never created";
            }
        }
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        while (sum.get() < expected) {
            if (System.nanoTime() > deadline) {
                return "timed out with counts adding up to " + sum.get() + " of " + expected;
            }
            Throwable f = failure.get();
            if (f != null) {
                return "the system failed: " + f;
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                long now = r.value() == null ? 0 : decode.applyAsLong(r.value());
                Long before = counts.put(ByteBuffer.wrap(r.key()), now);
                sum.addAndGet(now - (before == null ? 0 : before));
            }
        }
        return sum.get() == expected ? null : "counts add up to " + sum.get() + ", more than the " + expected + " words";
    }

    /** @return distinct words counted */
    int words() {
        return counts.size();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
