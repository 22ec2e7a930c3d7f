package faust.bench.tables;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The windowed-count input: {@code records} events whose timestamps rise evenly over one hour of
 * event time, each keyed by one of {@code keys} keys ({@code key-00000}..) drawn deterministically,
 * key {@code k} on partition {@code k % partitions}; then on every partition one record of key
 * {@link #END_KEY} stamped at the hour's end plus the grace, which moves every partition's stream
 * time far enough to close each window of the hour, and opens only a window that never closes.
 */
final class WindowInput {
    static final Duration SIZE = Duration.ofMinutes(1);
    static final Duration SPAN = Duration.ofHours(1);
    static final String END_KEY = "end";

    /** A key's window, by its start in epoch milliseconds. */
    record Slot(String key, long start) {}

    /** What the input holds: each closing window's count, and the records late for their window. */
    record Expected(Map<Slot, Long> counts, long late) {}

    private final long records;
    private final int keys;
    private final int partitions;
    private final long start;
    private final long grace;

    /**
     * @param records the events of the hour
     * @param keys distinct keys
     * @param partitions the input's partitions
     * @param start the hour's start, epoch milliseconds, a whole minute
     * @param grace how long after its end a window closes
     */
    WindowInput(long records, int keys, int partitions, long start, Duration grace) {
        this.records = records;
        this.keys = keys;
        this.partitions = partitions;
        this.start = start;
        this.grace = grace.toMillis();
    }

    /** @return the key index of event {@code i}, spread evenly */
    private int keyOf(long i) {
        long h = i * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) Math.floorMod(h >>> 17, (long) keys);
    }

    private static String key(int k) {
        return String.format("key-%05d", k);
    }

    /**
     * Writes the events, then each partition's end record.
     *
     * @param client the broker's client properties
     * @param topic the input topic
     */
    void load(Map<String, Object> client, String topic) {
        byte[][] keyBytes = new byte[keys][];
        for (int k = 0; k < keys; k++) {
            keyBytes[k] = key(k).getBytes(StandardCharsets.UTF_8);
        }
        try (KafkaProducer<byte[], byte[]> p = TableBench.producer(client)) {
            for (long i = 0; i < records; i++) {
                int k = keyOf(i);
                long t = start + i * SPAN.toMillis() / records;
                p.send(new ProducerRecord<>(topic, k % partitions, t, keyBytes[k], ByteBuffer.allocate(8).putLong(i).array()));
            }
            p.flush();
            byte[] end = END_KEY.getBytes(StandardCharsets.UTF_8);
            for (int q = 0; q < partitions; q++) {
                p.send(new ProducerRecord<>(topic, q, start + SPAN.toMillis() + grace, end, new byte[8]));
            }
        }
    }

    /**
     * Reads the input back as the systems will, partition by partition in offset order, and counts
     * each key's window as a tumbling-window count with stream-time closing does: a record whose
     * window closed already (end + grace at or before the partition's largest timestamp so far) is
     * late and not counted. Only windows that close by the end record are kept.
     *
     * @param client the broker's client properties
     * @param topic the input topic
     * @return the final count of each window that closes
     */
    Expected expected(Map<String, Object> client, String topic) {
        Map<String, Object> c = new HashMap<>(client);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        Map<Slot, Long> counts = new HashMap<>();
        long size = SIZE.toMillis();
        long late = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int q = 0; q < partitions; q++) {
                tps.add(new TopicPartition(topic, q));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            long[] streamTime = new long[partitions];
            Arrays.fill(streamTime, Long.MIN_VALUE);
            long read = 0;
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            while (read < total) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    int q = r.partition();
                    streamTime[q] = Math.max(streamTime[q], r.timestamp());
                    long windowStart = r.timestamp() - Math.floorMod(r.timestamp(), size);
                    if (windowStart + size + grace <= streamTime[q]) {
                        late++;
                        continue;
                    }
                    String k = new String(r.key(), StandardCharsets.UTF_8);
                    if (!k.equals(END_KEY)) {
                        counts.merge(new Slot(k, windowStart), 1L, Long::sum);
                    }
                }
            }
        }
        return new Expected(counts, late);
    }
}
