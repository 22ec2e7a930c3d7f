package faust.kafka;

import static faust.kafka.KafkaTestSupport.committedSum;
import static faust.kafka.KafkaTestSupport.unique;
import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.agent.Agent;
import faust.embedded.EmbeddedKafka;
import faust.stream.KeyValue;
import faust.topic.TP;
import faust.topic.Topic;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Apps on kafka:// behave as on memory://: the same agent code, the same results. */
@Tag("integration")
class KafkaPipelineTest {
    private static EmbeddedKafka kafka;

    record Order(String customer, String country, int amount) {}

    @BeforeAll
    static void start() {
        kafka = KafkaTestSupport.broker();
    }

    /** topic -> agent -> output topic -> collecting agent; returns what arrived per key, in order. */
    private static Map<String, List<String>> pipeline(String brokerUrl, String id) {
        App app = KafkaTestSupport.app(id, brokerUrl, c -> { });
        Topic<String, Order> orders = app.topic(id + "-orders", String.class, Order.class, o -> o.partitions(3));
        Topic<String, String> receipts = app.topic(id + "-receipts", String.class, String.class, o -> o.partitions(2));
        app.agent("bill", orders, stream -> {
            for (KeyValue<String, Order> kv : stream.items()) {
                Order o = kv.value();
                receipts.send(kv.key(), o.customer() + ":" + o.amount() * 2).join();
            }
        });
        Map<String, List<String>> got = new ConcurrentHashMap<>();
        app.agent("collect", receipts, stream -> {
            for (KeyValue<String, String> kv : stream.items()) {
                got.computeIfAbsent(kv.key(), k -> new CopyOnWriteArrayList<>()).add(kv.value());
            }
        });
        app.start();
        try {
            for (int i = 0; i < 60; i++) {
                String customer = "c" + (i % 7);
                orders.send(customer, new Order(customer, i % 2 == 0 ? "NO" : "SE", i)).join();
            }
            // at least once: a rebalance may deliver a few receipts again; keep each one's first arrival
            until(Duration.ofSeconds(60), () -> firstArrivals(got).values().stream().mapToInt(List::size).sum() == 60,
                    () -> "60 receipts on " + brokerUrl + ", got " + got);
            return firstArrivals(got);
        } finally {
            app.stop();
        }
    }

    @Test
    void the_same_agents_give_the_same_results_on_kafka_as_on_memory() {
        Map<String, List<String>> onMemory = pipeline("memory://" + UUID.randomUUID(), unique("bill"));
        Map<String, List<String>> onKafka = pipeline(kafka.brokerUrl(), unique("bill"));
        assertThat(onKafka).isEqualTo(onMemory);
        assertThat(onKafka).hasSize(7);
        assertThat(onKafka.get("c0")).startsWith("c0:0", "c0:14");   // per-key order is kept
    }

    private static Map<String, List<String>> firstArrivals(Map<String, List<String>> m) {
        Map<String, List<String>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(new LinkedHashSet<>(v))));
        return out;
    }

    private static Map<String, Set<Integer>> distinct(Map<String, List<Integer>> m) {
        Map<String, Set<Integer>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, Set.copyOf(v)));
        return out;
    }

    @Test
    void group_by_own_topic_agents_and_rpc_work_on_kafka() {
        String id = unique("bank");
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> { });
        Topic<String, Order> orders = app.topic(id + "-orders", String.class, Order.class, o -> o.partitions(2));
        Map<String, List<Integer>> byCountry = new ConcurrentHashMap<>();
        app.agent("by-country", orders, stream -> {
            for (KeyValue<String, Order> kv : stream.groupBy(Order::country, "Order.country").items()) {
                byCountry.computeIfAbsent(kv.key(), k -> new CopyOnWriteArrayList<>()).add(kv.value().amount());
            }
        });
        List<String> logged = new CopyOnWriteArrayList<>();
        Agent<String, String, Void> log = app.agent("log", String.class, String.class, stream -> {
            for (String s : stream) {
                logged.add(s);
            }
        });
        Agent<String, Integer, Integer> doubler = app.agent("double", String.class, Integer.class, Integer.class,
                (stream, results) -> {
                    for (Integer v : stream) {
                        results.emit(v * 2);
                    }
                });
        app.start();
        try {
            for (int i = 0; i < 10; i++) {
                orders.send("u" + i, new Order("u" + i, i < 4 ? "NO" : "SE", i)).join();
            }
            log.send("k", "hello").join();
            assertThat(doubler.ask(null, 21, Duration.ofSeconds(60))).isEqualTo(42);
            assertThat(doubler.join(List.of(1, 2, 3))).containsExactly(2, 4, 6);
            // at least once: a rebalance while events are in flight (subscribing to the repartition topic causes one)
            // may forward an order twice, so compare distinct values
            until(Duration.ofSeconds(60), () -> distinct(byCountry).values().stream().mapToInt(Set::size).sum() == 10,
                    () -> "10 regrouped, got " + byCountry);
            assertThat(distinct(byCountry)).isEqualTo(Map.of("NO", Set.of(0, 1, 2, 3), "SE", Set.of(4, 5, 6, 7, 8, 9)));
            until(Duration.ofSeconds(30), () -> logged.contains("hello"), "own-topic agent got its message");
            assertThat(app.assignment()).extracting(tp -> tp.topic())
                    .contains(id + "-log", id + "-double", "by-country-" + id + "-orders-Order.country-repartition");
        } finally {
            app.stop();
        }
    }

    /** A record the value codec cannot read, among good ones: the rest flows and the commit passes it. */
    record Item(String id, int qty) {}

    @Test
    void a_poison_message_is_skipped_counted_and_the_rest_is_processed_and_committed() {
        String id = unique("poison");
        String topic = id + "-in";
        List<Item> seen = new CopyOnWriteArrayList<>();
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> { });
        Topic<String, Item> in = app.topic(topic, String.class, Item.class, o -> o.partitions(1));
        app.agent("orders", in, s -> {
            for (Item o : s) {
                seen.add(o);
            }
        });
        app.start();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(kafka.clientProperties(),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                String value = i == 4 ? "{not json" : "{\"id\": \"o" + i + "\", \"qty\": " + i + "}";
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, "k", value));
            }
            producer.flush();
            until(Duration.ofSeconds(60), () -> seen.size() == 9, "the 9 good orders");
            until(Duration.ofSeconds(30), () -> committedSum(kafka, id, topic) == 10, "offset committed past the poison message");
            assertThat(seen).extracting(Item::id).containsExactly("o0", "o1", "o2", "o3", "o5", "o6", "o7", "o8", "o9");
            assertThat(app.monitor().decodeErrors()).isEqualTo(1);
        } finally {
            app.stop();
        }
    }

    @Test
    void the_monitors_end_offsets_follow_the_input_as_it_grows() {
        String id = unique("end-offsets");
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> { });
        Topic<String, Integer> in = app.topic(id + "-in", String.class, Integer.class, o -> o.partitions(1));
        List<Integer> seen = new CopyOnWriteArrayList<>();
        app.agent("count", in, s -> {
            for (Integer v : s) {
                seen.add(v);
            }
        });
        TP tp = new TP(id + "-in", 0);
        app.start();
        try {
            for (int i = 0; i < 5; i++) {
                in.send("k", i).join();
            }
            until(Duration.ofSeconds(60), () -> Long.valueOf(5).equals(app.monitor().tpEndOffsets().get(tp)),
                    () -> "end offset 5, got " + app.monitor().tpEndOffsets());
            for (int i = 5; i < 12; i++) {
                in.send("k", i).join();
            }
            until(Duration.ofSeconds(60), () -> Long.valueOf(12).equals(app.monitor().tpEndOffsets().get(tp)),
                    () -> "end offset 12 after more input, got " + app.monitor().tpEndOffsets());
            // the end offset is learnt when the records are fetched, before the agent has processed them
            until(Duration.ofSeconds(60), () -> seen.size() == 12, () -> "all 12 processed, got " + seen);
            assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        } finally {
            app.stop();
        }
    }

    @Test
    void a_restarted_app_resumes_after_the_committed_offset() {
        String id = unique("resume");
        String topic = id + "-in";
        List<Integer> first = new CopyOnWriteArrayList<>();
        App app1 = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> { });
        Topic<String, Integer> in1 = app1.topic(topic, String.class, Integer.class, o -> o.partitions(2));
        app1.agent("count", in1, s -> {
            for (Integer v : s) {
                first.add(v);
            }
        });
        app1.start();
        try {
            for (int i = 0; i < 20; i++) {
                in1.send("k" + i, i).join();
            }
            until(Duration.ofSeconds(60), () -> first.size() == 20, "first 20 processed");
            until(Duration.ofSeconds(30), () -> committedSum(kafka, id, topic) == 20, "offsets of all 20 committed");
        } finally {
            app1.stop();                        // commits what was processed
        }
        List<Integer> second = new CopyOnWriteArrayList<>();
        App app2 = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> { });
        Topic<String, Integer> in2 = app2.topic(topic, String.class, Integer.class, o -> o.partitions(2));
        app2.agent("count", in2, s -> {
            for (Integer v : s) {
                second.add(v);
            }
        });
        app2.start();
        try {
            Set<Integer> partitionsWritten = new HashSet<>();
            for (int i = 20; i < 30; i++) {
                partitionsWritten.add(in2.send("k" + i, i).join().partition());
            }
            // a partition's events come in offset order, so an old event read again would come before that
            // partition's new ones: once every new event is in, and both partitions had some, any re-read is in too
            assertThat(partitionsWritten).as("the new events reach both partitions").containsExactlyInAnyOrder(0, 1);
            until(Duration.ofSeconds(60), () -> second.containsAll(IntStream.range(20, 30).boxed().toList()),
                    () -> "the 10 new events; so far " + second);
        } finally {
            app2.stop();
        }
        assertThat(first).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).boxed().toList());
        assertThat(second).containsExactlyInAnyOrderElementsOf(IntStream.range(20, 30).boxed().toList());
    }
}
