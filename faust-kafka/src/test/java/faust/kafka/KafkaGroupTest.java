package faust.kafka;

import static faust.kafka.KafkaTestSupport.await;
import static faust.kafka.KafkaTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.embedded.EmbeddedKafka;
import faust.topic.TP;
import faust.topic.Topic;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Several workers of one app on Kafka: shared, co-partitioned partitions and one leader. */
@Tag("integration")
class KafkaGroupTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaTestSupport.broker();
    }

    private static App worker(String id, Set<String> seen) {
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> { });
        Topic<String, String> orders = app.topic(id + "-orders", String.class, String.class, o -> o.partitions(4));
        Topic<String, String> payments = app.topic(id + "-payments", String.class, String.class, o -> o.partitions(4));
        app.agent("orders", orders, s -> {
            for (String v : s) {
                seen.add(v);
            }
        });
        app.agent("payments", payments, s -> {
            for (String v : s) {
                seen.add(v);
            }
        });
        return app;
    }

    private static boolean split(App a, App b, int total) {
        Set<TP> x = a.assignment();
        Set<TP> y = b.assignment();
        Set<TP> all = new HashSet<>(x);
        all.addAll(y);
        return !x.isEmpty() && !y.isEmpty() && all.size() == total && x.size() + y.size() == total;
    }

    @Test
    void two_workers_share_co_partitioned_partitions_and_exactly_one_leads() {
        String id = unique("group");
        Set<String> seen1 = ConcurrentHashMap.newKeySet();
        Set<String> seen2 = ConcurrentHashMap.newKeySet();
        App w1 = worker(id, seen1);
        App w2 = worker(id, seen2);
        w1.start();
        try {
            await(Duration.ofSeconds(60), w1::isLeader, "the first worker leads alone");
            w2.start();
            await(Duration.ofSeconds(60), () -> split(w1, w2, 9), "8 partitions and the leader split between two workers");
            assertThat(w1.isLeader() ^ w2.isLeader()).as("exactly one leader").isTrue();
            for (int p = 0; p < 4; p++) {
                boolean onW1 = w1.assignment().contains(new TP(id + "-orders", p));
                assertThat(w1.assignment().contains(new TP(id + "-payments", p))).as("payments-%d with orders-%d", p, p)
                        .isEqualTo(onW1);
            }
            assertThat(w1.assignment().stream().filter(tp -> tp.topic().endsWith("-orders")).count()).isEqualTo(2);

            Topic<String, String> orders = w1.topic(id + "-orders", String.class, String.class, o -> o.partitions(4));
            for (int i = 0; i < 40; i++) {
                orders.send("k" + i, "o" + i).join();
            }
            await(Duration.ofSeconds(60), () -> seen1.size() + seen2.size() == 40, "40 orders processed once");
            assertThat(seen1).isNotEmpty().doesNotContainAnyElementsOf(seen2);
            assertThat(seen2).isNotEmpty();

            App leader = w1.isLeader() ? w1 : w2;
            App other = leader == w1 ? w2 : w1;
            leader.stop();
            await(Duration.ofSeconds(60), () -> other.isLeader() && other.assignment().size() == 9,
                    "the remaining worker takes over everything and leads");
        } finally {
            w2.stop();
            w1.stop();
        }
    }
}
