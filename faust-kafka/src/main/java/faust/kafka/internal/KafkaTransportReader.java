package faust.kafka.internal;

import faust.topic.TP;
import faust.transport.TpBatch;
import faust.transport.TrackedMessage;
import faust.transport.TransportReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka consumer without a group that reads assigned changelog partitions ({@code assign},
 * not {@code subscribe}), as Kafka Streams' restore consumer does. A position that retention
 * deleted reads on from the log start ({@code auto.offset.reset=earliest}), so recovery never
 * stalls on an offset out of range.
 */
final class KafkaTransportReader implements TransportReader {
    private static final Logger log = LoggerFactory.getLogger(KafkaTransportReader.class);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String clientId;

    KafkaTransportReader(KafkaConfigs configs, String clientId) {
        this.clientId = ClientIds.acquire("reader", clientId);
        try {
            this.consumer = new KafkaConsumer<>(configs.reader(this.clientId));
        } catch (KafkaException e) {
            ClientIds.release("reader", this.clientId);
            throw configs.configError("changelog reader", e);
        }
    }

    private static TopicPartition kafka(TP tp) {
        return new TopicPartition(tp.topic(), tp.partition());
    }

    private static List<TopicPartition> kafka(Set<TP> tps) {
        List<TopicPartition> out = new ArrayList<>(tps.size());
        for (TP tp : tps) {
            out.add(kafka(tp));
        }
        return out;
    }

    private static Map<TP, Long> ours(Map<TopicPartition, Long> m) {
        Map<TP, Long> out = new HashMap<>();
        m.forEach((p, o) -> out.put(new TP(p.topic(), p.partition()), o));
        return out;
    }

    @Override
    public void assign(Set<TP> partitions) {
        consumer.assign(kafka(partitions));
    }

    @Override
    public void seek(TP tp, long offset) {
        if (offset <= 0) {
            consumer.seekToBeginning(List.of(kafka(tp)));
        } else {
            consumer.seek(kafka(tp), offset);
        }
    }

    @Override
    public long position(TP tp) {
        return consumer.position(kafka(tp));
    }

    @Override
    public List<TpBatch> poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(timeout);
        } catch (RetriableException e) {
            log.warn("[{}] changelog read failed, retrying: {}", clientId, e.toString());
            return List.of();
        }
        List<TpBatch> out = new ArrayList<>(records.partitions().size());
        for (TopicPartition p : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> rs = records.records(p);
            TP tp = new TP(p.topic(), p.partition());
            TrackedMessage[] msgs = new TrackedMessage[rs.size()];
            for (int i = 0; i < msgs.length; i++) {
                ConsumerRecord<byte[], byte[]> r = rs.get(i);
                msgs[i] = new TrackedMessage(tp, r.offset(), r.timestamp(), r.key(), r.value(),
                        KafkaTransportConsumer.headers(r.headers()), null, -1);
            }
            out.add(new TpBatch(tp, msgs));
        }
        return out;
    }

    @Override
    public Map<TP, Long> endOffsets(Set<TP> partitions) {
        return ours(consumer.endOffsets(kafka(partitions)));
    }

    @Override
    public Map<TP, Long> beginningOffsets(Set<TP> partitions) {
        return ours(consumer.beginningOffsets(kafka(partitions)));
    }

    @Override
    public void close() {
        try {
            // nothing to commit or leave: a reader has no group; waiting for its last fetch to return (up to
            // fetch.max.wait.ms) would only delay the end of a recovery
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
            log.debug("[{}] changelog reader closed abruptly: {}", clientId, e.toString());
        } finally {
            ClientIds.release("reader", clientId);
        }
    }
}
