package faust.bench.rpc;

import faust.embedded.EmbeddedKafka;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor under one ask on this broker: a request and a reply through Kafka with nothing else,
 * written with plain kafka-clients as a careful engineer would (one asker thread with a producer and
 * a consumer of the reply topic, one responder thread with a consumer of the request topic and a
 * producer; {@code acks=all}, {@code linger.ms=0}, as faust-java's defaults), one request at a time.
 */
final class RawPingPong {
    private RawPingPong() {}

    /**
     * @param kafka the broker
     * @param rounds round trips measured (after as many unmeasured)
     * @return the result, labelled with no reply form
     * @throws Exception on a failed run
     */
    static RpcResult run(EmbeddedKafka kafka, int rounds) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String requests = "raw-requests-" + id;
        String replies = "raw-replies-" + id;
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(requests, 1, (short) 1), new NewTopic(replies, 1, (short) 1))).all().get();
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread responder = Thread.ofPlatform().name("raw-responder").start(() -> {
            try (KafkaConsumer<byte[], byte[]> in = consumer(kafka, "raw-responder-" + id);
                 KafkaProducer<byte[], byte[]> out = producer(kafka)) {
                in.subscribe(List.of(requests));
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : in.poll(Duration.ofMillis(100))) {
                        out.send(new ProducerRecord<>(replies, null, r.value()));
                    }
                }
            }
        });
        long[] latencies = new long[rounds];
        long t0;
        long elapsed;
        try (KafkaProducer<byte[], byte[]> out = producer(kafka); KafkaConsumer<byte[], byte[]> in = consumer(kafka, "raw-asker-" + id)) {
            in.subscribe(List.of(replies));
            while (in.assignment().isEmpty()) {
                in.poll(Duration.ofMillis(100));
            }
            t0 = 0;
            for (int i = -rounds; i < rounds; i++) {      // the first half warms up
                if (i == 0) {
                    t0 = System.nanoTime();
                }
                long s = System.nanoTime();
                out.send(new ProducerRecord<>(requests, null, ByteBuffer.allocate(8).putLong(i).array()));
                boolean answered = false;
                while (!answered) {
                    for (ConsumerRecord<byte[], byte[]> r : in.poll(Duration.ofSeconds(30))) {
                        answered |= ByteBuffer.wrap(r.value()).getLong() == i;
                    }
                }
                if (i >= 0) {
                    latencies[i] = System.nanoTime() - s;
                }
            }
            elapsed = System.nanoTime() - t0;
        } finally {
            running.set(false);
            responder.join(Duration.ofSeconds(30));
        }
        long total = Arrays.stream(latencies).sum();
        Arrays.sort(latencies);
        return new RpcResult(null, 1, rounds, elapsed, latencies[rounds / 2], latencies[(int) (rounds * 0.99)],
                latencies[rounds - 1], total / rounds, 0, 0);
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
        Map<String, Object> p = new HashMap<>(kafka.clientProperties());
        p.put("key.serializer", ByteArraySerializer.class);
        p.put("value.serializer", ByteArraySerializer.class);
        p.put("acks", "all");
        p.put("linger.ms", 0);
        return new KafkaProducer<>(p);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedKafka kafka, String group) {
        Map<String, Object> p = new HashMap<>(kafka.clientProperties());
        p.put("group.id", group);
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", ByteArrayDeserializer.class);
        p.put("value.deserializer", ByteArrayDeserializer.class);
        return new KafkaConsumer<>(p);
    }
}
