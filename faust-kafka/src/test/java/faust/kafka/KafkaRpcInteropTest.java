package faust.kafka;

import static faust.kafka.KafkaTestSupport.unique;
import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.BootStrategy;
import faust.agent.AgentProxy;
import faust.agent.ReplyForm;
import faust.codec.FaustRecord;
import faust.embedded.EmbeddedKafka;
import faust.topic.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Agent RPC between faust-java and Python Faust on a real broker. A plain Kafka producer and
 * consumer play the Python worker, writing and reading exactly the bytes real faust-streaming
 * 0.15.2 wrote (test resources {@code faust-wire/}).
 */
@Tag("integration")
@SuppressWarnings({"rawtypes", "unchecked"})   // a result type of Map: Class<R> can only be the raw Map.class
class KafkaRpcInteropTest {
    /** The reply topic of the Python worker that wrote the samples; it is in their bytes. */
    private static final String PY_REPLY_TO = "f-reply-92788781-0c01-472a-872d-ba6ba6b1801b";
    private static EmbeddedKafka kafka;

    @FaustRecord(namespace = "interop_rpc.Point")
    record Point(int x, int y) {}

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestSupport.broker();
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            if (!admin.listTopics().names().get().contains(PY_REPLY_TO)) {
                admin.createTopics(List.of(new NewTopic(PY_REPLY_TO, 1, (short) 1))).all().get();
            }
        }
    }

    private static String text(String name) {
        try (InputStream in = KafkaRpcInteropTest.class.getResourceAsStream("/faust-wire/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> p = new HashMap<>(kafka.clientProperties());
        p.put("key.serializer", ByteArraySerializer.class);
        p.put("value.serializer", ByteArraySerializer.class);
        return new KafkaProducer<>(p);
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> p = new HashMap<>(kafka.clientProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, unique("python"));
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put("key.deserializer", ByteArrayDeserializer.class);
        p.put("value.deserializer", ByteArrayDeserializer.class);
        return new KafkaConsumer<>(p);
    }

    /** @return the request as the Python worker wrote it: value, and key and headers where it had them */
    private static ProducerRecord<byte[], byte[]> pythonRequest(String topic, String sample) {
        String base = sample.substring(0, sample.lastIndexOf('.'));
        byte[] key = base.endsWith("keyed") ? text(base + ".key").getBytes(StandardCharsets.UTF_8) : null;
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, key, text(sample).getBytes(StandardCharsets.UTF_8));
        if (base.startsWith("06-")) {
            for (String line : text(base + ".headers").split("\n")) {
                int eq = line.indexOf('=');
                r.headers().add(line.substring(0, eq), line.substring(eq + 1).getBytes(StandardCharsets.UTF_8));
            }
        }
        return r;
    }

    private static String correlationId(String json) {
        int i = json.indexOf("\"correlation_id\":\"") + "\"correlation_id\":\"".length();
        return json.substring(i, json.indexOf('"', i));
    }

    @Test
    void faust_s_requests_in_both_forms_reach_faust_java_agents_and_the_replies_are_faust_s_bytes() throws Exception {
        String id = unique("interop-rpc");
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> { });
        // an agent's own topic is <app id>-<name>: named <module>.<function>, it is the Python agent's topic
        app.agent("interop_rpc.mul", String.class, Double.class, Double.class, (stream, results) -> {
            for (Double v : stream) {
                results.emit(v * 100);
            }
        });
        app.agent("interop_rpc.norm", String.class, Point.class, Point.class, (stream, results) -> {
            for (Point p : stream) {
                results.emit(new Point(p.x() * 2, p.y() * 2));
            }
        });
        app.agent("interop_rpc.mul_keyed", byte[].class, Integer.class, Map.class, (stream, results) -> {
            for (var kv : stream.items()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("key", "b'" + new String(Objects.requireNonNull(kv.key()), StandardCharsets.UTF_8) + "'");
                r.put("doubled", Objects.requireNonNull(kv.value()) * 2);
                results.emit(r);
            }
        });
        Map<String, String> expected = new HashMap<>();
        for (String reply : List.of("08-rpc-reply-ReqRepResponse-float.value", "08-rpc-reply-ModelReqRepResponse-record.value",
                "08-rpc-reply-ReqRepResponse-keyed.value", "08-rpc-reply-ReqRepResponse-float-envelope-req.value",
                "08-rpc-reply-ModelReqRepResponse-record-envelope-req.value")) {
            expected.put(correlationId(text(reply)), text(reply));
        }
        app.start();
        try (KafkaProducer<byte[], byte[]> python = producer(); KafkaConsumer<byte[], byte[]> replies = consumer()) {
            replies.subscribe(List.of(PY_REPLY_TO));
            // the app created these topics at start; its wait for their leaders lets two batches in flight to a
            // new partition land in order (KAFKA-15591: else the first can be dropped after delivery.timeout.ms)
            List<Future<RecordMetadata>> sent = List.of(
                    python.send(pythonRequest(id + "-interop_rpc.mul", "06-rpc-request-headers-float.value")),
                    python.send(pythonRequest(id + "-interop_rpc.norm", "06-rpc-request-headers-record.value")),
                    python.send(pythonRequest(id + "-interop_rpc.mul_keyed", "06-rpc-request-headers-keyed.value")),
                    python.send(pythonRequest(id + "-interop_rpc.mul", "07-rpc-request-envelope-ReqRepRequest.value")),
                    python.send(pythonRequest(id + "-interop_rpc.norm", "07-rpc-request-envelope-ModelReqRepRequest.value")));
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);      // a request the broker refused fails here, not as a missing reply
            }

            Map<String, String> got = new HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!got.keySet().containsAll(expected.keySet()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : replies.poll(Duration.ofMillis(200))) {
                    assertThat(r.key()).as("a reply's record key is NULL, as Faust's").isNull();
                    assertThat(r.headers().toArray()).as("and it has no headers").isEmpty();
                    String v = new String(r.value(), StandardCharsets.UTF_8);
                    got.put(correlationId(v), v);
                }
            }
            assertThat(got).containsAllEntriesOf(expected);
        } finally {
            app.stop();
        }
    }

    @Test
    void a_client_only_app_s_proxies_ask_faust_agents_in_both_forms_and_read_their_replies() throws Exception {
        String id = unique("java-caller");
        String prefix = unique("billing");
        String replyTo = "f-reply-" + unique("java");
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> c.set("reply_to", replyTo).set("reply_create_topic", true));
        Topic<String, Double> mulTopic = app.topic(prefix + "-interop_rpc.mul", String.class, Double.class);
        Topic<String, Point> normTopic = app.topic(prefix + "-interop_rpc.norm_env", String.class, Point.class);
        AgentProxy<String, Double, Double> mul = app.agentProxy(mulTopic, Double.class);
        AgentProxy<String, Point, Point> norm = app.agentProxy(normTopic, Point.class, p -> p.replyForm(ReplyForm.ENVELOPE));
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(mulTopic.topics().get(0), 1, (short) 1),
                    new NewTopic(normTopic.topics().get(0), 1, (short) 1))).all().get();
        }

        // the Python worker's agents: read a request, check it is Faust's bytes, answer with Faust's reply bytes
        Map<String, String> requests = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread python = Thread.ofPlatform().name("python-agents").start(() -> {
            try (KafkaConsumer<byte[], byte[]> in = consumer(); KafkaProducer<byte[], byte[]> out = producer()) {
                in.subscribe(List.of(mulTopic.topics().get(0), normTopic.topics().get(0)));
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : in.poll(Duration.ofMillis(100))) {
                        String value = new String(r.value(), StandardCharsets.UTF_8);
                        Header to = r.headers().lastHeader("Faust-Ag-ReplyTo");
                        Header cid = r.headers().lastHeader("Faust-Ag-CorrelationId");
                        String reply;
                        String correlation;
                        if (cid != null) {
                            correlation = new String(cid.value(), StandardCharsets.UTF_8);
                            requests.put("headers", value + "|" + new String(to.value(), StandardCharsets.UTF_8));
                            reply = text("08-rpc-reply-ReqRepResponse-float.value").replace("bcc191ca-0fc4-4d5b-9bb9-38d92b3400b5",
                                    correlation);
                        } else {
                            correlation = correlationId(value);
                            requests.put("envelope", value.replace(correlation, "<id>"));
                            reply = text("08-rpc-reply-ModelReqRepResponse-record-envelope-req.value")
                                    .replace("52548288-1bc2-4e38-b2f6-7656c65eb2ee", correlation);
                        }
                        out.send(new ProducerRecord<>(replyTo, null, reply.getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
        });
        app.start(BootStrategy.CLIENT_ONLY);
        try {
            assertThat(mul.ask(3.0, Duration.ofSeconds(60))).isEqualTo(300.0);
            assertThat(norm.ask(new Point(1, 2), Duration.ofSeconds(60))).isEqualTo(new Point(2, 4));
            until(Duration.ofSeconds(10), () -> requests.size() == 2, "both requests seen");
            assertThat(requests.get("headers")).isEqualTo(text("06-rpc-request-headers-float.value") + "|" + replyTo);
            assertThat(requests.get("envelope")).isEqualTo(text("07-rpc-request-envelope-ModelReqRepRequest.value")
                    .replace("52548288-1bc2-4e38-b2f6-7656c65eb2ee", "<id>").replace(PY_REPLY_TO, replyTo));
        } finally {
            running.set(false);
            python.join(Duration.ofSeconds(30));
            app.stop();
        }
    }
}
