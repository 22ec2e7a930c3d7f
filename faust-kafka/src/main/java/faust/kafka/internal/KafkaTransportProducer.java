package faust.kafka.internal;

import faust.errors.FaustException;
import faust.stream.Header;
import faust.stream.Headers;
import faust.topic.RecordMetadata;
import faust.transport.TransportProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KafkaProducer} of bytes behind the producer SPI. Thread-safe, as the Kafka producer is.
 * Futures complete on the producer's I/O thread: stages chained on them must not block.
 */
class KafkaTransportProducer implements TransportProducer {
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    final KafkaProducer<byte[], byte[]> producer;
    final KafkaConfigs configs;
    private final String clientId;

    KafkaTransportProducer(KafkaConfigs configs, String clientId, @Nullable String transactionalId) {
        this.configs = configs;
        this.clientId = ClientIds.acquire("producer", clientId);
        try {
            this.producer = new KafkaProducer<>(configs.producer(this.clientId, transactionalId));
        } catch (RuntimeException e) {
            ClientIds.release("producer", this.clientId);
            throw configs.configError("producer", e);
        }
    }

    @Override
    public CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                  byte @Nullable [] key, byte @Nullable [] value, Headers headers) {
        CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
        submit(new ProducerRecord<>(topic, partition, timestamp, key, value, kafkaHeaders(headers)), (md, e) -> {
            if (e != null) {
                f.completeExceptionally(e);
            } else {
                f.complete(md);
            }
        });
        return f;
    }

    @Override
    public void send(String topic, @Nullable Integer partition, @Nullable Long timestamp, byte @Nullable [] key,
                     byte @Nullable [] value, Headers headers, SendCallback callback) {
        submit(new ProducerRecord<>(topic, partition, timestamp, key, value, kafkaHeaders(headers)), callback);
    }

    /**
     * Both forms of {@code send} end here; the transactional producer adds its transaction checks.
     *
     * @param record the record
     * @param callback told the outcome once
     */
    void submit(ProducerRecord<byte[], byte[]> record, SendCallback callback) {
        doSend(record, callback);
    }

    /**
     * Hands the record to the Kafka producer; its callback runs on the producer's I/O thread.
     *
     * @param record the record
     * @param callback told the outcome once: security failures as {@link FaustException}s naming the fix
     */
    final void doSend(ProducerRecord<byte[], byte[]> record, SendCallback callback) {
        try {
            producer.send(record, (md, e) -> {
                if (e != null) {
                    // on failure Kafka still reports the topic (and -1 for the rest)
                    FaustException security = KafkaErrors.security(e, configs, md == null ? List.of() : List.of(md.topic()));
                    callback.onCompletion(null, security != null ? security : e);
                } else {
                    callback.onCompletion(new RecordMetadata(md.topic(), md.partition(), md.offset(), md.timestamp()), null);
                }
            });
        } catch (KafkaException e) {
            FaustException security = KafkaErrors.security(e, configs, List.of(record.topic()));
            callback.onCompletion(null, security != null ? security : e);
        }
    }

    static @Nullable List<org.apache.kafka.common.header.Header> kafkaHeaders(Headers headers) {
        if (headers.isEmpty()) {
            return null;
        }
        List<org.apache.kafka.common.header.Header> out = new ArrayList<>(headers.size());
        for (Header h : headers) {
            out.add(new RecordHeader(h.key(), h.value()));
        }
        return out;
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public int partitionForKey(String topic, byte @Nullable [] key) {
        List<PartitionInfo> ps;
        try {
            ps = producer.partitionsFor(topic);
        } catch (KafkaException e) {
            FaustException security = KafkaErrors.security(e, configs);
            throw security != null ? security : new FaustException("cannot learn the partitions of topic '" + topic
                    + "' from the broker at " + configs.bootstrapServers() + ": " + e.getMessage(), e);
        }
        return key == null ? 0 : Utils.toPositive(Utils.murmur2(key)) % ps.size();
    }

    @Override
    public void close() {
        try {
            producer.close(CLOSE_TIMEOUT);
        } finally {
            ClientIds.release("producer", clientId);
        }
    }
}
