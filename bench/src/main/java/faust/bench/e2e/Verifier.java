package faust.bench.e2e;

import faust.bench.e2e.Options.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the output topic from the beginning on its own thread ({@code read_committed} under
 * exactly-once, so only committed transactions count) and checks every value: it must be the
 * transform of an input message, and every index in {@code [0, messages)} must show up. Records
 * the time the last missing output arrived.
 */
final class Verifier implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(20);

    private final Map<String, Object> props;
    private final String topic;
    private final int partitions;
    private final long messages;
    private final int valueSize;
    private final BitSet seen;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch complete = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long distinct;
    private volatile long total;
    private volatile long invalid;
    private volatile long firstNanos;
    private volatile long doneNanos;
    private volatile @Nullable Throwable failure;

    Verifier(Map<String, Object> client, String topic, int partitions, long messages, int valueSize, Mode mode) {
        Map<String, Object> p = new HashMap<>(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, mode == Mode.EOS ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.props = p;
        this.topic = topic;
        this.partitions = partitions;
        this.messages = messages;
        this.valueSize = valueSize;
        if (messages > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the verifier tracks at most " + Integer.MAX_VALUE + " messages, got " + messages);
        }
        this.seen = new BitSet((int) messages);
        this.thread = Thread.ofPlatform().name("verifier-" + topic).daemon(true).unstarted(this::run);
    }

    /** Starts reading; returns once the consumer is positioned at the start of every partition. */
    void start() throws InterruptedException {
        thread.start();
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the verifier of " + topic + " did not get ready in 60 s");
        }
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            for (TopicPartition tp : tps) {
                c.position(tp);
            }
            ready.countDown();
            while (running) {
                ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                if (firstNanos == 0) {
                    firstNanos = System.nanoTime();
                }
                count(records);
                if (distinct == messages && doneNanos == 0) {
                    doneNanos = System.nanoTime();
                    complete.countDown();
                }
            }
        } catch (Throwable e) {
            failure = e;
            ready.countDown();
            complete.countDown();
        }
    }

    private void count(ConsumerRecords<byte[], byte[]> records) {
        long d = distinct;
        long bad = invalid;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            byte[] v = r.value();
            long idx = v == null ? -1 : Payload.outputIndex(v, valueSize);
            if (idx < 0 || idx >= messages) {
                bad++;
            } else if (!seen.get((int) idx)) {
                seen.set((int) idx);
                d++;
            }
        }
        total += records.count();
        invalid = bad;
        distinct = d;
    }

    /**
     * @param timeout longest wait
     * @return whether every output arrived in time
     */
    boolean awaitComplete(Duration timeout) throws InterruptedException {
        return complete.await(timeout.toNanos(), TimeUnit.NANOSECONDS) && failure == null;
    }

    /**
     * Keeps reading until nothing new arrives for {@code quiet}, to count late duplicates.
     *
     * @param quiet how long the topic must stay quiet
     * @param max the longest wait
     */
    void drain(Duration quiet, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long last = total;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(50);
            long t = total;
            if (t != last) {
                last = t;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange >= quiet.toNanos()) {
                return;
            }
        }
    }

    /** @return the number of distinct outputs expected */
    long expected() {
        return messages;
    }

    long distinct() {
        return distinct;
    }

    long total() {
        return total;
    }

    long invalid() {
        return invalid;
    }

    /** @return nanoTime of the first output read, 0 if none */
    long firstNanos() {
        return firstNanos;
    }

    /** @return nanoTime at which the last missing output was read, 0 if not yet */
    long doneNanos() {
        return doneNanos;
    }

    @Nullable Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(30));
    }
}
