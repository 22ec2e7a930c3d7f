package faust.kafka;

import static faust.kafka.KafkaTestSupport.unique;
import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.Faust;
import faust.agent.Agent;
import faust.embedded.EmbeddedKafka;
import faust.errors.FaustException;
import faust.errors.ImproperlyConfiguredException;
import faust.settings.RpcSettings;
import faust.stream.KeyValue;
import faust.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Core stream features on kafka:// that the memory transport's tests cover: through, echo, pattern
 * subscriptions, RPC reply topics, back-pressure.
 */
@Tag("integration")
class KafkaCoreFeaturesTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaTestSupport.broker();
    }

    @Test
    void through_forwards_via_an_intermediate_topic_and_echo_copies_to_several_topics() {
        String id = unique("through");
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> { });
        Topic<String, String> in = app.topic(id + "-in", String.class, String.class, o -> o.partitions(1));
        Topic<String, String> mid = app.topic(id + "-mid", String.class, String.class, o -> o.partitions(1));
        Topic<String, String> copyA = app.topic(id + "-copy-a", String.class, String.class, o -> o.partitions(1));
        Topic<String, String> copyB = app.topic(id + "-copy-b", String.class, String.class, o -> o.partitions(1));
        List<String> upper = new CopyOnWriteArrayList<>();
        List<String> midTopics = new CopyOnWriteArrayList<>();
        List<String> copiesA = new CopyOnWriteArrayList<>();
        List<String> copiesB = new CopyOnWriteArrayList<>();
        app.agent("ops", in, stream -> {
            for (String v : stream.echo(copyA, copyB).through(mid).map(String::toUpperCase)) {
                upper.add(v);
                midTopics.add(Objects.requireNonNull(Faust.currentEvent()).message().topic());
            }
        });
        app.agent("copies-a", copyA, stream -> stream.forEach(copiesA::add));
        app.agent("copies-b", copyB, stream -> stream.forEach(copiesB::add));
        app.start();
        try {
            List<String> sent = IntStream.range(0, 20).mapToObj(i -> "v" + i).toList();
            for (String v : sent) {
                in.send("k", v).join();
            }
            until(Duration.ofSeconds(60), () -> distinct(upper).size() == 20 && distinct(copiesA).size() == 20
                    && distinct(copiesB).size() == 20, () -> "20 through mid and 20 copies each, got " + upper + " "
                    + copiesA + " " + copiesB);
            assertThat(distinct(upper)).containsExactlyElementsOf(sent.stream().map(String::toUpperCase).toList());
            assertThat(midTopics).as("events after through come from the intermediate topic").containsOnly(id + "-mid");
            assertThat(distinct(copiesA)).containsExactlyElementsOf(sent);
            assertThat(distinct(copiesB)).containsExactlyElementsOf(sent);
            assertThat(endOffset(id + "-mid")).as("records in the intermediate topic").isGreaterThanOrEqualTo(20);
        } finally {
            app.stop();
        }
    }

    @Test
    void a_pattern_agent_reads_every_matching_topic_including_one_created_after_start() throws Exception {
        String id = unique("pattern");
        String prefix = id.replace('-', '_') + "_events_";
        // raw values, as other programs write them; metadata refreshed often, so a new topic is seen soon
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(),
                c -> c.valueSerializer("raw").set("consumer_metadata_max_age_ms", 500));
        // two matching topics exist before the worker starts, declared by the app
        app.topic(prefix + "a", String.class, String.class, o -> o.partitions(2));
        app.topic(prefix + "b", String.class, String.class, o -> o.partitions(1));
        app.topic(id + "-other", String.class, String.class, o -> o.partitions(1));
        Topic<String, String> events = app.topicPattern(Pattern.compile(Pattern.quote(prefix) + ".*"), String.class,
                String.class);
        Map<String, List<String>> byTopic = new ConcurrentHashMap<>();
        app.agent("collect", events, stream -> {
            for (String v : stream) {
                byTopic.computeIfAbsent(Objects.requireNonNull(Faust.currentEvent()).message().topic(), t -> new CopyOnWriteArrayList<>()).add(v);
            }
        });
        app.start();
        try (Admin admin = Admin.create(kafka.clientProperties());
             KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.clientProperties(), new StringSerializer(),
                     new StringSerializer())) {
            for (String t : List.of(prefix + "a", prefix + "b", id + "-other")) {
                producer.send(new ProducerRecord<>(t, "k", t + "-1")).get();
            }
            until(Duration.ofSeconds(60), () -> byTopic.keySet().containsAll(Set.of(prefix + "a", prefix + "b")),
                    () -> "both existing matching topics read, got " + byTopic);

            admin.createTopics(List.of(new NewTopic(prefix + "late", 1, (short) 1))).all().get();
            long created = System.nanoTime();
            producer.send(new ProducerRecord<>(prefix + "late", "k", "late-1")).get();
            until(Duration.ofSeconds(30), () -> byTopic.containsKey(prefix + "late"),
                    () -> "a topic created after start read through the pattern, got " + byTopic);
            long tookMs = (System.nanoTime() - created) / 1_000_000;
            assertThat(byTopic.get(prefix + "late")).containsExactly("late-1");
            assertThat(byTopic).doesNotContainKey(id + "-other");
            assertThat(byTopic.get(prefix + "a")).containsExactly(prefix + "a-1");
            assertThat(app.assignment()).extracting(tp -> tp.topic()).contains(prefix + "late");
            assertThat(tookMs).as("picked up within a few metadata refreshes").isLessThan(15_000);
        } finally {
            app.stop();
        }
    }

    @Test
    void ask_replies_on_a_named_reply_topic_that_reply_create_topic_creates_with_reply_expires_as_retention()
            throws Exception {
        String id = unique("rpc");
        String replyTopic = id + "-replies";
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> c.replyTo(replyTopic).replyCreateTopic(true)
                .replyExpires(Duration.ofMinutes(7)));
        Agent<String, Integer, Integer> square = app.agent("square", String.class, Integer.class, Integer.class,
                (stream, results) -> {
                    for (Integer v : stream) {
                        results.emit(v * v);
                    }
                });
        app.start();
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            until(Duration.ofSeconds(30), () -> topicExists(admin, replyTopic), "reply topic created at start");
            assertThat(square.ask(null, 12, Duration.ofSeconds(60))).isEqualTo(144);
            assertThat(square.join(List.of(1, 2, 3, 4))).containsExactly(1, 4, 9, 16);
            assertThat(endOffset(replyTopic)).as("the replies went through the named reply topic").isGreaterThanOrEqualTo(5);
            ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, replyTopic);
            Config config = admin.describeConfigs(List.of(res)).all().get().get(res);
            assertThat(config.get("retention.ms").value()).isEqualTo(String.valueOf(Duration.ofMinutes(7).toMillis()));
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
        } finally {
            app.stop();
        }
    }

    @Test
    void ask_without_a_reply_times_out_naming_agent_and_reply_topic_and_ask_to_a_non_emitting_agent_fails_at_once() {
        String id = unique("silent");
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> c.replyCreateTopic(true));
        List<Integer> received = new CopyOnWriteArrayList<>();
        Agent<String, Integer, Integer> evens = app.agent("evens", String.class, Integer.class, Integer.class,
                (stream, results) -> {
                    for (Integer v : stream) {
                        received.add(v);
                        if (v % 2 == 0) {
                            results.emit(v);
                        }
                    }
                });
        Agent<String, Integer, Void> sink = app.agent("sink", String.class, Integer.class, stream -> stream.forEach(v -> { }));
        app.start();
        try {
            assertThat(evens.ask(null, 4, Duration.ofSeconds(60))).isEqualTo(4);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> evens.ask(null, 7, Duration.ofSeconds(2)))
                    .isInstanceOf(FaustException.class)
                    .hasMessageContaining("agent evens did not reply within PT2S")
                    .hasMessageContaining(app.conf().get(RpcSettings.REPLY_TO)).hasMessageContaining("results.emit");
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(tookMs).isBetween(1_900L, 10_000L);
            assertThat(received).as("the unanswered request reached the agent").contains(4, 7);

            assertThatThrownBy(() -> sink.ask(null, 1, Duration.ofSeconds(2)))
                    .isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("agent sink does not emit results").hasMessageContaining("send()/cast()");
        } finally {
            app.stop();
        }
    }

    @Test
    void a_slow_agent_with_a_small_buffer_pauses_the_consumer_and_gets_every_message_in_order() {
        String id = unique("pressure");
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> c.streamBufferMaxsize(16));
        Topic<String, Integer> in = app.topic(id + "-in", String.class, Integer.class, o -> o.partitions(2));
        Map<Integer, List<Integer>> byPartition = new ConcurrentHashMap<>();
        app.agent("slow", in, stream -> {
            for (KeyValue<String, Integer> kv : stream.items()) {
                byPartition.computeIfAbsent(Objects.requireNonNull(Faust.currentEvent()).message().partition(), p -> new CopyOnWriteArrayList<>())
                        .add(kv.value());
                if (kv.value() % 50 == 0) {
                    Thread.sleep(10);
                }
            }
        });
        int n = 3000;
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(id + "-in", 2, (short) 1))).all().get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        // everything is in the topic before the worker starts, so fetches outrun the agent. The first record of each
        // partition goes alone: a burst of batches right after the topic's creation can meet a leader that is not ready
        // yet, and the idempotent producer's retry of the first batch then fails as out of sequence
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.clientProperties(), new StringSerializer(),
                new StringSerializer())) {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sends.add(producer.send(new ProducerRecord<>(id + "-in", i % 2, "k" + (i % 2), String.valueOf(i))));
                if (i < 2) {
                    sends.get(i).get();
                }
            }
            producer.flush();
            for (var f : sends) {
                f.get();
            }
        } catch (Exception e) {
            throw new AssertionError("could not write the input", e);
        }
        assertThat(endOffset(id + "-in")).as("input written").isEqualTo(n);
        app.start();
        try {
            until(Duration.ofSeconds(60), () -> byPartition.values().stream().mapToInt(l -> distinct(l).size()).sum() == n,
                    () -> n + " values, got " + byPartition.values().stream().mapToInt(List::size).sum());
            for (int p = 0; p < 2; p++) {
                int part = p;
                List<Integer> expected = IntStream.range(0, n).filter(i -> i % 2 == part).boxed().toList();
                assertThat(distinct(byPartition.get(p))).as("partition %d in order, none lost", p)
                        .containsExactlyElementsOf(expected);
            }
            assertThat(app.monitor().topicBufferFull()).as("the buffer filled, so its partitions were paused").isNotEmpty();
        } finally {
            app.stop();
        }
    }

    private static <T> List<T> distinct(List<T> l) {
        return new ArrayList<>(new LinkedHashSet<>(l));
    }

    private static boolean topicExists(Admin admin, String topic) {
        try {
            return admin.listTopics().names().get().contains(topic);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long endOffset(String topic) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> req = new HashMap<>();
            partitions.forEach(p -> req.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(req).all().get().values().stream().mapToLong(r -> r.offset()).sum();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
