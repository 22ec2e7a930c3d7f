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
import org.apache.kafka.clients.producer.Callback;
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
        return send(topic, partition, timestamp, key, value, headers, NO_LISTENER, 0L, null);
    }

    @Override
    public CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                  byte @Nullable [] key, byte @Nullable [] value, Headers headers,
                                                  SendListener listener, long token, @Nullable Object attachment) {
        Send send = new Send(topic, listener, token, attachment);
        ProducerRecord<byte[], byte[]> record;
        try {
            record = new ProducerRecord<>(topic, partition, timestamp, key, value, kafkaHeaders(headers));
        } catch (IllegalArgumentException e) {     // a negative partition or timestamp
            send.failed(e);
            return send;
        }
        submit(record, send);
        return send;
    }

    /**
     * Both forms of {@code send} end here; the transactional producer adds its transaction checks.
     *
     * @param record the record
     * @param send told the outcome once
     */
    void submit(ProducerRecord<byte[], byte[]> record, Send send) {
        doSend(record, send);
    }

    /**
     * Hands the record to the Kafka producer, whose I/O thread then tells {@code send} the outcome.
     *
     * @param record the record
     * @param send told the outcome once: security failures as {@link FaustException}s naming the fix
     */
    final void doSend(ProducerRecord<byte[], byte[]> record, Send send) {
        try {
            producer.send(record, send);
        } catch (RuntimeException e) {     // failed at once: too large, not serializable, producer closed, ...
            send.failed(e);
        }
    }

    /**
     * One send: the Kafka producer's callback and the future the caller holds, in one object, so
     * the producer's I/O thread reads one object of ours per record. Tells the send's listener
     * first, then completes.
     */
    final class Send extends CompletableFuture<RecordMetadata> implements Callback {
        private final String topic;
        private final SendListener listener;
        private final long token;
        private final @Nullable Object attachment;

        Send(String topic, SendListener listener, long token, @Nullable Object attachment) {
            this.topic = topic;
            this.listener = listener;
            this.token = token;
            this.attachment = attachment;
        }

        @Override
        public void onCompletion(org.apache.kafka.clients.producer.@Nullable RecordMetadata md, @Nullable Exception e) {
            if (e != null || md == null) {
                failed(e != null ? e : new IllegalStateException("the Kafka producer reported neither metadata nor an error"));
                return;
            }
            RecordMetadata out = new RecordMetadata(md.topic(), md.partition(), md.offset(), md.timestamp());
            listener.onSent(token, attachment, out);
            complete(out);
        }

        /** @param e why the send failed; security failures become {@link FaustException}s naming the fix */
        void failed(Throwable e) {
            FaustException security = KafkaErrors.security(e, configs, List.of(topic));
            completeExceptionally(listener.onFailed(token, attachment, topic, security != null ? security : e));
        }
    }

    /** The listener of sends made with the plain {@code send}: nothing to do but complete the future. */
    private static final SendListener NO_LISTENER = new SendListener() {
        @Override
        public void onSent(long token, @Nullable Object attachment, RecordMetadata metadata) {}

        @Override
        public Throwable onFailed(long token, @Nullable Object attachment, String topic, Throwable error) {
            return error;
        }
    };

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
