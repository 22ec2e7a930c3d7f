package faust.kafka;

import static faust.testing.Await.until;
import static faust.kafka.KafkaTestSupport.committedSum;
import static faust.kafka.KafkaTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.embedded.EmbeddedKafka;
import faust.errors.ImproperlyConfiguredException;
import faust.settings.ProcessingGuarantee;
import faust.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** processing_guarantee=exactly_once end to end on Kafka: the core's commit loop on this transport's transactions. */
@Tag("integration")
class KafkaExactlyOnceTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaTestSupport.broker();
    }

    /** Everything a read_committed consumer sees in {@code topic} within {@code window} after the first {@code n}. */
    private static List<String> readCommitted(String topic, int n, Duration window) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("group.id", unique("check"));
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    seen.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            long until = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < until) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    seen.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return seen;
    }

    @Test
    void an_agent_that_crashes_mid_event_leaves_neither_partial_nor_duplicate_output() {
        String id = unique("eos");
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> c.processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE));
        Topic<String, Integer> in = app.topic(id + "-in", String.class, Integer.class, o -> o.partitions(2));
        Topic<String, String> out = app.topic(id + "-out", String.class, String.class, o -> o.partitions(1).valueSerializer("raw"));
        AtomicBoolean crashed = new AtomicBoolean();
        AtomicInteger attempts = new AtomicInteger();
        app.agent("twice", in, stream -> {
            for (Integer v : stream) {
                attempts.incrementAndGet();
                out.send("k", v + "-a").join();
                if (v == 25 && crashed.compareAndSet(false, true)) {
                    throw new IllegalStateException("boom on " + v);
                }
                out.send("k", v + "-b").join();
            }
        });
        app.start();
        try {
            for (int i = 0; i < 50; i++) {
                in.send("key-" + i, i).join();
            }
            until(Duration.ofSeconds(60), () -> committedSum(kafka, id, id + "-in") >= 50, "all 50 input offsets committed");
            List<String> seen = readCommitted(id + "-out", 100, Duration.ofSeconds(1));
            Map<String, Long> counts = seen.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(crashed).isTrue();
            assertThat(attempts.get()).as("events were processed again after the rewind").isGreaterThan(50);
            for (int i = 0; i < 50; i++) {
                assertThat(counts.get(i + "-a")).as(i + "-a").isEqualTo(1L);
                assertThat(counts.get(i + "-b")).as(i + "-b").isEqualTo(1L);
            }
            assertThat(seen).hasSize(100);
        } finally {
            app.stop();
        }
    }

    @Test
    void exactly_once_on_a_broker_that_cannot_host_transactions_fails_at_start_naming_what_the_broker_needs() {
        // a single node that asks for 3 replicas of its transaction state log can never create it
        try (EmbeddedKafka noTxn = EmbeddedKafka.newBuilder().nodes(1)
                .brokerProperty("transaction.state.log.replication.factor", "3").start()) {
            App app = KafkaTestSupport.app(unique("eos-no-txn"), noTxn.brokerUrl(),
                    c -> c.processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE));
            app.topic("in", String.class, String.class, o -> o.partitions(1));
            long t0 = System.nanoTime();
            try {
                assertThatThrownBy(app::start)
                        .isInstanceOf(ImproperlyConfiguredException.class)
                        .hasMessageContaining("processing_guarantee=exactly_once")
                        .hasMessageContaining(noTxn.bootstrapServers())
                        .hasMessageContaining("transaction.state.log.replication.factor")
                        .hasMessageContaining("transaction.state.log.min.isr");
            } finally {
                app.stop();
            }
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(tookMs).as("fails within a bounded time instead of hanging").isLessThan(10_000);
        }
    }

    @Test
    void exactly_once_for_a_principal_denied_its_transactional_id_fails_at_start_naming_the_acl_to_grant() throws Exception {
        // alice denies herself every transactional id the app could use
        try (EmbeddedKafka acl = KafkaTestSupport.authorizingBrokerForAlice()) {
            String id = unique("eos-acl");
            KafkaTestSupport.createAcl(acl, KafkaTestSupport.denyAlice(org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID,
                    id, org.apache.kafka.common.resource.PatternType.PREFIXED, org.apache.kafka.common.acl.AclOperation.ALL));
            App app = KafkaTestSupport.app(id, acl.brokerUrl(), c -> c.processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE)
                    .set("broker_credentials", faust.auth.SASLCredentials.plain("alice", "alice-pw")));
            app.topic(id + "-in", String.class, String.class, o -> o.partitions(1));
            try {
                assertThatThrownBy(app::start)
                        .isInstanceOf(ImproperlyConfiguredException.class)
                        .hasMessageContaining("processing_guarantee=exactly_once")
                        .hasMessageContaining("denied transactional id '" + id + "-")
                        .hasMessageContaining("username=alice")
                        .hasMessageContaining("grant the principal WRITE on that transactional id")
                        .hasMessageContaining("--transactional-id " + id + "- --resource-pattern-type prefixed")
                        .message().doesNotContain("..");
            } finally {
                app.stop();
            }
        }
    }
}
