package faust.bench.tables;

import faust.bench.tables.WindowInput.Slot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a windowed count's final results as they are written (read_committed): records keyed by
 * the key, valued {@code "<window start ms>:<count>"}, the same bytes from both systems. Tells when
 * every closing window has its result (the end of a timed run), then checks each against the
 * input's count.
 */
final class WindowResultWatcher implements AutoCloseable {
    private static final int SHOWN = 5;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Slot, Long> results = new HashMap<>();
    private final List<String> conflicts = new ArrayList<>();
    private long repeated;

    /**
     * @param client the broker's client properties
     * @param topic the results topic, already created
     * @param partitions its partitions
     */
    WindowResultWatcher(Map<String, Object> client, String topic, int partitions) {
        Map<String, Object> p = new HashMap<>(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> tps = new ArrayList<>();
        for (int q = 0; q < partitions; q++) {
            tps.add(new TopicPartition(topic, q));
        }
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
    }

    /**
     * Reads results until {@code windows} distinct windows have one.
     *
     * @param windows the windows that close
     * @param timeout the longest wait
     * @param failure a failure of the system under test, checked while waiting
     * @return null when they have, else why not
     */
    @Nullable String await(int windows, Duration timeout, Supplier<@Nullable Throwable> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (results.size() < windows) {
            if (System.nanoTime() > deadline) {
                return "timed out with " + results.size() + " of " + windows + " windows' results";
            }
            Throwable f = failure.get();
            if (f != null) {
                return "the system failed: " + f;
            }
            poll(Duration.ofMillis(100));
        }
        return null;
    }

    private int poll(Duration wait) {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
            n++;
            String v = new String(r.value(), StandardCharsets.US_ASCII);
            int colon = v.indexOf(':');
            Slot s = new Slot(new String(r.key(), StandardCharsets.UTF_8), Long.parseLong(v, 0, colon, 10));
            long count = Long.parseLong(v, colon + 1, v.length(), 10);
            Long before = results.put(s, count);
            if (before != null) {
                repeated++;
                if (before != count && conflicts.size() < SHOWN) {
                    conflicts.add(s + " sent " + before + " then " + count);
                }
            }
        }
        return n;
    }

    /**
     * Reads on until the topic has been quiet for a second, then compares every result with the
     * input's count.
     *
     * @param expected each closing window's count in the input
     * @param exactlyOnce whether a window's result sent twice is a failure
     * @return null when each window has exactly its count, else the differences
     */
    @Nullable String verify(Map<Slot, Long> expected, boolean exactlyOnce) {
        while (poll(Duration.ofSeconds(1)) > 0) {
            // drain: a result sent late or twice shows here
        }
        List<String> wrong = new ArrayList<>(conflicts);
        long missing = 0;
        long differ = 0;
        for (Map.Entry<Slot, Long> e : expected.entrySet()) {
            Long got = results.get(e.getKey());
            if (got == null) {
                missing++;
            } else if (!got.equals(e.getValue())) {
                differ++;
            }
            if ((got == null || !got.equals(e.getValue())) && wrong.size() < SHOWN) {
                wrong.add(e.getKey() + " expected " + e.getValue() + ", got " + got);
            }
        }
        long extra = 0;
        for (Map.Entry<Slot, Long> e : results.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                extra++;
                if (wrong.size() < SHOWN) {
                    wrong.add(e.getKey() + " not in the input's closing windows, got " + e.getValue());
                }
            }
        }
        if (missing == 0 && differ == 0 && extra == 0 && conflicts.isEmpty() && (repeated == 0 || !exactlyOnce)) {
            return null;
        }
        return String.format("%d missing, %d wrong counts, %d extra windows, %d results repeated; e.g. %s", missing,
                differ, extra, repeated, wrong);
    }

    /** @return results received for a window that had one already */
    long repeated() {
        return repeated;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
