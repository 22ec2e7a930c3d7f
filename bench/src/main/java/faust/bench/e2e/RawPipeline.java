package faust.bench.e2e;

import faust.bench.e2e.Options.Mode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The job written directly on kafka-clients, as a careful engineer would: one thread owns the
 * consumer and a batching producer; offsets are committed by hand every commit interval.
 * <ul>
 *   <li>At-least-once: the producer is flushed before the offsets of what was sent are committed
 *       ({@code commitAsync}), so no offset is committed before its output is durable.</li>
 *   <li>Exactly-once: a {@code read_committed} consumer and a transactional producer; a
 *       transaction opens at the first record after a commit, and every commit interval the
 *       consumed offsets go into it ({@code sendOffsetsToTransaction}) and it commits.</li>
 * </ul>
 */
final class RawPipeline implements Pipeline {
    private static final Duration POLL = Duration.ofMillis(100);

    private final RunSpec spec;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile @Nullable Throwable failure;

    RawPipeline(RunSpec spec) {
        this.spec = spec;
        this.thread = Thread.ofPlatform().name("raw-" + spec.runId()).daemon(true).unstarted(this::run);
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public @Nullable Throwable failure() {
        return failure;
    }

    private void run() {
        Map<String, Object> producerProps = spec.producerProps();
        boolean eos = spec.mode() == Mode.EOS;
        if (eos) {
            producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, spec.runId());
        }
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(spec.consumerProps());
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producerProps)) {
            c.subscribe(List.of(spec.inTopic()));
            if (eos) {
                exactlyOnce(c, p);
            } else {
                atLeastOnce(c, p);
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    private void atLeastOnce(KafkaConsumer<byte[], byte[]> c, KafkaProducer<byte[], byte[]> p) {
        long intervalNanos = spec.commitMs() * 1_000_000L;
        Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
        Callback onSent = this::onSent;
        long lastCommit = System.nanoTime();
        while (running) {
            ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
            sendAll(records, p, onSent, pending);
            checkFailure();
            if (!pending.isEmpty() && System.nanoTime() - lastCommit >= intervalNanos) {
                p.flush();                  // outputs are durable before their inputs' offsets are committed
                checkFailure();
                c.commitAsync(new HashMap<>(pending), (offsets, e) -> {
                    if (e != null && failure == null) {
                        failure = e;
                    }
                });
                pending.clear();
                lastCommit = System.nanoTime();
            }
        }
        p.flush();
        checkFailure();
        if (!pending.isEmpty()) {
            c.commitSync(pending);
        }
    }

    private void exactlyOnce(KafkaConsumer<byte[], byte[]> c, KafkaProducer<byte[], byte[]> p) {
        long intervalNanos = spec.commitMs() * 1_000_000L;
        Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
        Callback onSent = this::onSent;
        p.initTransactions();
        boolean inTransaction = false;
        long lastCommit = System.nanoTime();
        while (running) {
            ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
            if (!records.isEmpty() && !inTransaction) {
                p.beginTransaction();
                inTransaction = true;
            }
            sendAll(records, p, onSent, pending);
            checkFailure();
            if (inTransaction && System.nanoTime() - lastCommit >= intervalNanos) {
                p.sendOffsetsToTransaction(pending, c.groupMetadata());
                p.commitTransaction();      // flushes, then commits outputs and offsets atomically
                pending.clear();
                inTransaction = false;
                lastCommit = System.nanoTime();
            }
        }
        if (inTransaction) {
            p.sendOffsetsToTransaction(pending, c.groupMetadata());
            p.commitTransaction();
        }
    }

    private void sendAll(ConsumerRecords<byte[], byte[]> records, KafkaProducer<byte[], byte[]> p,
                         Callback onSent, Map<TopicPartition, OffsetAndMetadata> pending) {
        String out = spec.outTopic();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            for (ConsumerRecord<byte[], byte[]> r : list) {
                p.send(new ProducerRecord<byte[], byte[]>(out, Payload.transform(r.value())), onSent);
            }
            pending.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
    }

    private void onSent(org.apache.kafka.clients.producer.RecordMetadata md, @Nullable Exception e) {
        if (e != null && failure == null) {
            failure = e;
        }
    }

    private void checkFailure() {
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("raw pipeline failed: " + f, f);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(60));
    }
}
