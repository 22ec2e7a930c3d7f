package faust.kafka;

import static faust.kafka.KafkaTestSupport.unique;
import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.AppConfig;
import faust.embedded.EmbeddedKafka;
import faust.errors.ImproperlyConfiguredException;
import faust.errors.ProducerFencedException;
import faust.kafka.internal.KafkaTransport;
import faust.settings.ProcessingGuarantee;
import faust.settings.Settings;
import faust.stream.Header;
import faust.stream.Headers;
import faust.stream.Message;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import faust.transport.RebalanceListener;
import faust.transport.TopicDeclaration;
import faust.transport.TpBatch;
import faust.transport.TrackedMessage;
import faust.transport.TransportConfig;
import faust.transport.TransportConsumer;
import faust.transport.TransportProducer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The transport SPI on a real broker, below the App: topics, sends, consumers, transactions. */
@Tag("integration")
class KafkaTransportTest {
    private static EmbeddedKafka kafka;
    private static KafkaTransport transport;

    @BeforeAll
    static void start() {
        kafka = KafkaTestSupport.broker();
        transport = transport(unique("transport"), c -> { });
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    private static KafkaTransport transport(String id, Consumer<AppConfig> more) {
        AppConfig cfg = AppConfig.forApp(id).environment(Map.of()).broker(kafka.brokerUrl());
        more.accept(cfg);
        Settings s = cfg.build();
        return new KafkaTransport(TransportConfig.of(s));
    }

    private static TopicDeclaration topic(String name, int partitions) {
        return new TopicDeclaration(name, partitions, 1, null, false, false, Map.of());
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Polls until {@code n} messages arrived; collects them in order of arrival. */
    private static List<TrackedMessage> pollUntil(TransportConsumer c, int n) {
        List<TrackedMessage> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (got.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("got " + got.size() + " of " + n + " messages");
            }
            for (TpBatch b : c.poll(Duration.ofMillis(100))) {
                got.addAll(List.of(b.messages()));
            }
        }
        return got;
    }

    private static final RebalanceListener NOOP = new RebalanceListener() {
        @Override
        public void onPartitionsRevoked(Set<TP> revoked) {}

        @Override
        public void onPartitionsAssigned(Set<TP> assigned) {}
    };

    @Test
    void declares_topic_with_partitions_retention_and_cleanup_policy() throws Exception {
        String name = unique("declared");
        transport.declareTopic(new TopicDeclaration(name, 3, 1, Duration.ofHours(2), true, true,
                Map.of("max.message.bytes", "200000")));
        assertThat(transport.partitionCount(name)).isEqualTo(OptionalInt.of(3));
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, name);
            Config c = admin.describeConfigs(List.of(r)).all().get().get(r);
            assertThat(c.get("retention.ms").value()).isEqualTo(String.valueOf(Duration.ofHours(2).toMillis()));
            assertThat(c.get("cleanup.policy").value()).isEqualTo("compact,delete");
            assertThat(c.get("max.message.bytes").value()).isEqualTo("200000");
        }
    }

    @Test
    void declaring_an_existing_topic_again_with_the_same_count_is_fine() {
        String name = unique("again");
        transport.declareTopic(topic(name, 2));
        transport.declareTopic(topic(name, 2));
        assertThat(transport.partitionCount(name)).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void declaring_an_existing_topic_with_another_partition_count_fails_naming_both_counts_and_the_fix() {
        String name = unique("mismatch");
        transport.declareTopic(topic(name, 4));
        assertThatThrownBy(() -> transport.declareTopic(topic(name, 8)))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("'" + name + "'").hasMessageContaining("exists with 4 partitions")
                .hasMessageContaining("declared with 8").hasMessageContaining("Declare it with 4 partitions");
    }

    @Test
    void topics_declared_together_are_created_or_checked_in_one_batch_with_the_same_errors_as_one_by_one() {
        String fresh1 = unique("batch-new");
        String fresh2 = unique("batch-new");
        String same = unique("batch-same");
        String other = unique("batch-other");
        transport.declareTopic(topic(same, 2));
        transport.declareTopic(topic(other, 4));

        transport.declareTopics(List.of(topic(fresh1, 3), topic(same, 2), topic(fresh2, 1), topic(fresh1, 3)));
        assertThat(transport.partitionCount(fresh1)).isEqualTo(OptionalInt.of(3));
        assertThat(transport.partitionCount(fresh2)).isEqualTo(OptionalInt.of(1));
        assertThat(transport.partitionCount(same)).isEqualTo(OptionalInt.of(2));

        String fresh3 = unique("batch-new");
        assertThatThrownBy(() -> transport.declareTopics(List.of(topic(fresh3, 2), topic(other, 8))))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("'" + other + "'").hasMessageContaining("exists with 4 partitions")
                .hasMessageContaining("declared with 8");
        assertThat(transport.partitionCount(fresh3)).as("the rest of the batch is still created").isEqualTo(OptionalInt.of(2));
        assertThatThrownBy(() -> transport.declareTopics(List.of(topic(unique("batch-new"), 1),
                new TopicDeclaration(unique("batch-rf"), 1, 3, null, false, true, Map.of()))))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("replication factor 3").hasMessageContaining("topic_replication_factor");
    }

    @Test
    void a_replication_factor_above_the_broker_count_fails_naming_the_setting() {
        assertThatThrownBy(() -> transport.declareTopic(new TopicDeclaration(unique("rf"), 1, 3, null, false, true, Map.of())))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("replication factor 3").hasMessageContaining("topic_replication_factor");
    }

    @Test
    void a_missing_topic_has_no_partition_count() {
        assertThat(transport.partitionCount(unique("missing"))).isEmpty();
    }

    @Test
    void topics_read_together_must_have_equal_partition_counts() {
        String a = unique("co-a");
        String b = unique("co-b");
        transport.declareTopic(topic(a, 2));
        transport.declareTopic(topic(b, 3));
        assertThatThrownBy(() -> transport.checkCopartitioned("agent 'join'", List.of(a, b)))
                .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("'" + a + "' has 2")
                .hasMessageContaining("'" + b + "' has 3");
    }

    @Test
    void sent_messages_arrive_with_key_value_headers_timestamp_and_generation() {
        String name = unique("roundtrip");
        transport.declareTopic(topic(name, 1));
        try (TransportProducer p = transport.createProducer()) {
            Headers h = Headers.of(List.of(Header.of("trace", "abc"), Header.of("trace", "def")));
            RecordMetadata md = p.send(name, 0, 1_700_000_000_000L, b("k"), b("v1"), h).join();
            assertThat(md.tp()).isEqualTo(new TP(name, 0));
            assertThat(md.offset()).isZero();
            p.send(name, null, null, null, null, Headers.empty()).join();
        }
        List<TrackedMessage> acked = new CopyOnWriteArrayList<>();
        try (TransportConsumer c = transport.createConsumer(unique("g"), "c", acked::add, () -> 7)) {
            c.subscribe(List.of(name), null, NOOP);
            List<TrackedMessage> got = pollUntil(c, 2);
            TrackedMessage m = got.get(0);
            assertThat(m.key()).isEqualTo(b("k"));
            assertThat(m.value()).isEqualTo(b("v1"));
            assertThat(m.timestamp()).isEqualTo(1_700_000_000_000L);
            assertThat(m.headers().asList()).extracting(Header::valueAsString).containsExactly("abc", "def");
            assertThat(m.generation()).isEqualTo(7);
            assertThat(got.get(1).key()).isNull();
            assertThat(got.get(1).value()).isNull();
            assertThat(got.get(1).tp()).isEqualTo(m.tp());
            m.incref(1);
            m.ack();
            assertThat(acked).containsExactly(m);
        }
    }

    @Test
    void the_runtimes_send_tells_its_listener_the_token_and_attachment_and_reports_a_send_that_fails_at_once()
            throws Exception {
        String name = unique("listener");
        transport.declareTopic(topic(name, 1));
        List<String> told = new CopyOnWriteArrayList<>();
        IllegalStateException replacement = new IllegalStateException("the listener's own error");
        TransportProducer.SendListener listener = new TransportProducer.SendListener() {
            @Override
            public void onSent(long token, Object attachment, RecordMetadata metadata) {
                told.add("sent " + token + " " + attachment + " " + metadata.tp() + "@" + metadata.offset());
            }

            @Override
            public Throwable onFailed(long token, Object attachment, String topic, Throwable error) {
                told.add("failed " + token + " " + attachment + " " + topic + " " + error.getClass().getSimpleName());
                return replacement;
            }
        };
        try (TransportProducer p = transport.createProducer()) {
            RecordMetadata md = p.send(name, 0, null, null, b("v"), Headers.empty(), listener, 42L, "note").get();
            assertThat(md.offset()).isZero();
            assertThat(told).containsExactly("sent 42 note " + new TP(name, 0) + "@0");

            told.clear();
            var failed = p.send(name, -1, null, null, b("v"), Headers.empty(), listener, -2L, null);   // no such partition
            assertThat(failed).isCompletedExceptionally();
            assertThatThrownBy(failed::join).hasCause(replacement);
            assertThat(told).containsExactly("failed -2 null " + name + " IllegalArgumentException");
        }
    }

    @Test
    void partition_for_key_matches_where_kafka_puts_the_key() throws Exception {
        String name = unique("keys");
        transport.declareTopic(topic(name, 7));
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        try (TransportProducer p = transport.createProducer();
             KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(props)) {
            for (int i = 0; i < 30; i++) {
                byte[] key = b("key-" + i);
                int kafkaChose = raw.send(new ProducerRecord<>(name, key, b("v"))).get().partition();
                assertThat(p.partitionForKey(name, key)).as("key-%d", i).isEqualTo(kafkaChose);
            }
        }
    }

    @Test
    void committed_offsets_pause_resume_seek_and_end_offsets_work_on_the_consumers_thread() {
        String name = unique("offsets");
        transport.declareTopic(topic(name, 2));
        try (TransportProducer p = transport.createProducer()) {
            for (int i = 0; i < 10; i++) {
                p.send(name, i % 2, null, null, b("v" + i), Headers.empty()).join();
            }
        }
        String group = unique("g");
        TP tp0 = new TP(name, 0);
        TP tp1 = new TP(name, 1);
        Set<TP> assigned = new HashSet<>();
        try (TransportConsumer c = transport.createConsumer(group, "c", m -> { }, () -> 0)) {
            c.subscribe(List.of(name), null, new RebalanceListener() {
                @Override
                public void onPartitionsRevoked(Set<TP> revoked) {}

                @Override
                public void onPartitionsAssigned(Set<TP> a) {
                    assigned.addAll(a);
                    assertThat(c.committed(a)).isEmpty();
                    c.pause(List.of(tp1));
                }
            });
            List<TrackedMessage> got = pollUntil(c, 5);
            assertThat(got).allMatch(m -> m.partition() == 0);
            assertThat(assigned).containsExactlyInAnyOrder(tp0, tp1);
            assertThat(c.endOffsets(Set.of(tp0, tp1))).containsEntry(tp0, 5L).containsEntry(tp1, 5L);
            c.commit(Map.of(tp0, 3L));
            assertThat(c.committed(Set.of(tp0, tp1))).containsExactly(Map.entry(tp0, 3L));
            c.seek(tp0, 4);
            c.resume(List.of(tp1));
            List<TrackedMessage> rest = pollUntil(c, 6);
            assertThat(rest.stream().filter(m -> m.partition() == 0).map(Message::offset)).containsExactly(4L);
            assertThat(rest.stream().filter(m -> m.partition() == 1)).hasSize(5);
        }
    }

    @Test
    void an_async_commit_reports_its_outcome_on_the_consumers_thread_during_a_later_poll() {
        String name = unique("async");
        transport.declareTopic(topic(name, 1));
        TP tp0 = new TP(name, 0);
        try (TransportConsumer c = transport.createConsumer(unique("g"), "c", m -> { }, () -> 0)) {
            c.subscribe(List.of(name), null, NOOP);
            pollUntilAssigned(c);
            AtomicReference<Thread> calledOn = new AtomicReference<>();
            AtomicReference<Throwable> error = new AtomicReference<>();
            c.commitAsync(Map.of(tp0, 0L), e -> {
                calledOn.set(Thread.currentThread());
                error.set(e);
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (calledOn.get() == null && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(50));
            }
            assertThat(calledOn.get()).as("callback ran").isSameAs(Thread.currentThread());
            assertThat(error.get()).isNull();
            assertThat(c.committed(Set.of(tp0))).containsExactly(Map.entry(tp0, 0L));
        }
    }

    @Test
    void wakeup_makes_a_waiting_poll_return_early_even_when_it_lands_in_a_commit() throws Exception {
        String name = unique("wake");
        transport.declareTopic(topic(name, 1));
        try (TransportConsumer c = transport.createConsumer(unique("g"), "c", m -> { }, () -> 0)) {
            c.subscribe(List.of(name), null, NOOP);
            pollUntilAssigned(c);
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                c.wakeup();
            });
            long start = System.nanoTime();
            assertThat(c.poll(Duration.ofSeconds(30))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            t.join();
            c.wakeup();                                     // lands in the commit: absorbed, the commit happens
            c.commit(Map.of(new TP(name, 0), 0L));
            assertThat(c.committed(Set.of(new TP(name, 0)))).containsEntry(new TP(name, 0), 0L);
            start = System.nanoTime();
            c.poll(Duration.ofSeconds(30));                 // and the poll it was meant for returns at once
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static void pollUntilAssigned(TransportConsumer c) {
        until(Duration.ofSeconds(60), () -> {
            c.poll(Duration.ofMillis(100));
            return !c.assignment().isEmpty();
        }, "an assignment");
    }

    @Test
    void members_of_a_group_share_partitions_and_learn_every_members_url() {
        String name = unique("urls");
        transport.declareTopic(topic(name, 4));
        String group = unique("g");
        KafkaTransport t1 = transport("w1", c -> c.set("canonical_url", "http://worker-1:6066"));
        KafkaTransport t2 = transport("w2", c -> c.set("canonical_url", "http://worker-2:6066"));
        try (TransportConsumer c1 = t1.createConsumer(group, "c1", m -> { }, () -> 0);
             TransportConsumer c2 = t2.createConsumer(group, "c2", m -> { }, () -> 0)) {
            c1.subscribe(List.of(name), null, NOOP);
            c2.subscribe(List.of(name), null, NOOP);
            until(Duration.ofSeconds(60), () -> {
                c1.poll(Duration.ofMillis(50));
                c2.poll(Duration.ofMillis(50));
                return c1.assignment().size() == 2 && c2.assignment().size() == 2 && c1.groupAssignment().size() == 2
                        && c2.groupAssignment().equals(c1.groupAssignment());
            }, "two members with two partitions each");
            assertThat(c1.groupAssignment()).containsEntry(URI.create("http://worker-1:6066"), c1.assignment())
                    .containsEntry(URI.create("http://worker-2:6066"), c2.assignment());
        } finally {
            t1.close();
            t2.close();
        }
    }

    @Test
    void committed_transactions_are_visible_to_read_committed_consumers_and_aborted_ones_are_not() {
        String name = unique("txn");
        String group = unique("g");
        KafkaTransport eos = transport(group, c -> c.processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE));
        eos.declareTopic(topic(name, 1));
        String source = unique("txn-source");
        eos.declareTopic(topic(source, 1));
        try (TransportProducer p = eos.createTransactionalProducer(unique("tx"));
             TransportConsumer committer = eos.createConsumer(group, "committer", m -> { }, () -> 0);
             TransportConsumer reader = eos.createConsumer(unique("reader"), "reader", m -> { }, () -> 0)) {
            assertThat(p.transactional()).isTrue();
            committer.subscribe(List.of(source), null, NOOP);
            pollUntilAssigned(committer);
            p.send(name, 0, null, null, b("committed-1"), Headers.empty()).join();
            p.send(name, 0, null, null, b("committed-2"), Headers.empty()).join();
            p.commitTransaction(committer, Map.of(new TP(source, 0), 0L));
            p.send(name, 0, null, null, b("aborted"), Headers.empty()).join();
            p.abortTransaction();
            p.send(name, 0, null, null, b("committed-3"), Headers.empty()).join();
            p.commitTransaction(committer, Map.of());
            p.send(name, 0, null, null, b("still-open"), Headers.empty()).join();

            reader.subscribe(List.of(name), null, NOOP);
            List<TrackedMessage> got = pollUntil(reader, 3);
            List<Message> more = new ArrayList<>(got);
            for (int i = 0; i < 10; i++) {
                reader.poll(Duration.ofMillis(100)).forEach(b -> more.addAll(List.of(b.messages())));
            }
            assertThat(more).extracting(m -> new String(m.value(), StandardCharsets.UTF_8))
                    .containsExactly("committed-1", "committed-2", "committed-3");
            assertThat(committer.committed(Set.of(new TP(source, 0)))).containsEntry(new TP(source, 0), 0L);
        } finally {
            eos.close();
        }
    }

    @Test
    void a_second_producer_with_the_same_transactional_id_fences_the_first() {
        String name = unique("fence");
        String txId = unique("tx");
        KafkaTransport eos = transport(unique("fence"), c -> c.processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE));
        eos.declareTopic(topic(name, 1));
        String group = unique("g");
        try (TransportProducer first = eos.createTransactionalProducer(txId);
             TransportConsumer c = eos.createConsumer(group, "c", m -> { }, () -> 0)) {
            first.send(name, 0, null, null, b("x"), Headers.empty()).join();
            try (TransportProducer second = eos.createTransactionalProducer(txId)) {
                assertThatThrownBy(() -> first.commitTransaction(c, Map.of()))
                        .isInstanceOf(ProducerFencedException.class).hasMessageContaining(txId);
                assertThat(first.send(name, 0, null, null, b("y"), Headers.empty()))
                        .failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                        .isInstanceOf(ProducerFencedException.class);
                second.commitTransaction(c, Map.of());
            }
        } finally {
            eos.close();
        }
    }

    @Test
    void exactly_once_with_partial_acks_is_refused_before_any_client_is_made() {
        KafkaTransport eos = transport(unique("acks"), c -> c.processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE)
                .set("producer_acks", 1));
        assertThatThrownBy(() -> eos.createTransactionalProducer("tx")).isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("producer_acks");
        eos.close();
    }

}
