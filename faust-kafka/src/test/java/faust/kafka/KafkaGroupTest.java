package faust.kafka;

import static faust.kafka.KafkaTestSupport.unique;
import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.Faust;
import faust.agent.Agent;
import faust.embedded.EmbeddedKafka;
import faust.stream.Message;
import faust.topic.TP;
import faust.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Several workers of one app on Kafka: shared, co-partitioned partitions, one leader and its timers,
 * isolated partitions and partition callbacks across rebalances.
 */
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
            until(Duration.ofSeconds(60), w1::isLeader, "the first worker leads alone");
            w2.start();
            until(Duration.ofSeconds(60), () -> split(w1, w2, 9), "8 partitions and the leader split between two workers");
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
            until(Duration.ofSeconds(60), () -> seen1.size() + seen2.size() == 40, "40 orders processed once");
            assertThat(seen1).isNotEmpty().doesNotContainAnyElementsOf(seen2);
            assertThat(seen2).isNotEmpty();

            App leader = w1.isLeader() ? w1 : w2;
            App other = leader == w1 ? w2 : w1;
            leader.stop();
            until(Duration.ofSeconds(60), () -> other.isLeader() && other.assignment().size() == 9,
                    "the remaining worker takes over everything and leads");
        } finally {
            w2.stop();
            w1.stop();
        }
    }

    /** One worker of an app whose agent runs one actor per partition and records what each actor saw. */
    private record IsoWorker(App app, Agent<String, String, Void> agent, Map<Integer, List<Long>> offsets,
                             Map<Integer, Set<String>> threads, Set<String> liveActors) {
        static IsoWorker create(String id, String topic, Set<String> seen) {
            App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> { });
            Topic<String, String> t = app.topic(topic, String.class, String.class, o -> o.partitions(4));
            Map<Integer, List<Long>> offsets = new ConcurrentHashMap<>();
            Map<Integer, Set<String>> threads = new ConcurrentHashMap<>();
            Set<String> live = ConcurrentHashMap.newKeySet();
            Agent<String, String, Void> agent = app.agent("w", t, o -> o.isolatedPartitions(true), stream -> {
                String me = Thread.currentThread().getName();
                live.add(me);
                try {
                    for (String v : stream) {
                        seen.add(v);
                        Message m = Objects.requireNonNull(Faust.currentEvent()).message();
                        threads.computeIfAbsent(m.partition(), p -> ConcurrentHashMap.newKeySet()).add(me);
                        offsets.computeIfAbsent(m.partition(), p -> new CopyOnWriteArrayList<>()).add(m.offset());
                    }
                } finally {
                    live.remove(me);
                }
            });
            return new IsoWorker(app, agent, offsets, threads, live);
        }

        Set<Integer> partitionsOf(String topic) {
            return app.assignment().stream().filter(tp -> tp.topic().equals(topic)).map(TP::partition)
                    .collect(Collectors.toSet());
        }

        long distinctEvents() {
            return offsets.values().stream().mapToLong(l -> new HashSet<>(l).size()).sum();
        }
    }

    private static Set<String> actorNames(String topic, Set<Integer> partitions) {
        return partitions.stream().map(p -> "agent-w-" + topic + "-" + p).collect(Collectors.toSet());
    }

    /** At least once: a rebalance may deliver again; the first arrivals must still come in offset order. */
    private static void assertInOrder(Map<Integer, List<Long>> offsets) {
        offsets.forEach((p, l) -> assertThat(List.copyOf(new LinkedHashSet<>(l))).as("offsets of partition %d", p).isSorted());
    }

    @Test
    void isolated_partitions_run_one_actor_per_partition_in_order_and_actors_follow_a_rebalance() {
        String id = unique("iso");
        String topic = id + "-work";
        Set<String> seen = ConcurrentHashMap.newKeySet();
        IsoWorker w1 = IsoWorker.create(id, topic, seen);
        IsoWorker w2 = IsoWorker.create(id, topic, seen);
        w1.app().start();
        try {
            until(Duration.ofSeconds(60), () -> w1.partitionsOf(topic).size() == 4, "the first worker owns all 4 partitions");
            Topic<String, String> t = w1.app().topic(topic, String.class, String.class, o -> o.partitions(4));
            for (int i = 0; i < 100; i++) {
                t.send("key-" + i, "v" + i).join();
            }
            until(Duration.ofSeconds(60), () -> w1.distinctEvents() == 100, () -> "100 events, got " + w1.offsets());
            assertThat(w1.threads()).containsOnlyKeys(0, 1, 2, 3);
            w1.threads().forEach((p, names) -> assertThat(names).as("threads of partition %d", p)
                    .containsExactly("agent-w-" + topic + "-" + p));
            assertThat(w1.liveActors()).isEqualTo(actorNames(topic, Set.of(0, 1, 2, 3)));
            assertInOrder(w1.offsets());

            w2.app().start();
            until(Duration.ofSeconds(60), () -> w1.partitionsOf(topic).size() == 2 && w2.partitionsOf(topic).size() == 2,
                    "the partitions split 2 and 2");
            Set<Integer> on1 = w1.partitionsOf(topic);
            Set<Integer> on2 = w2.partitionsOf(topic);
            assertThat(on1).doesNotContainAnyElementsOf(on2);
            until(Duration.ofSeconds(30), () -> w1.liveActors().equals(actorNames(topic, on1))
                    && w2.liveActors().equals(actorNames(topic, on2)), () -> "actors of revoked partitions stopped, w1 "
                    + w1.liveActors() + " w2 " + w2.liveActors());
            assertThat(w1.agent().info()).containsEntry("actors", 2);
            assertThat(w2.agent().info()).containsEntry("actors", 2);

            w1.offsets().clear();
            w1.threads().clear();
            for (int i = 100; i < 200; i++) {
                t.send("key-" + i, "v" + i).join();
            }
            until(Duration.ofSeconds(60), () -> seen.size() == 200
                    && w1.offsets().keySet().containsAll(on1) && w2.offsets().keySet().containsAll(on2),
                    () -> "the next 100 events on both workers, got " + w1.offsets() + " " + w2.offsets());
            assertThat(w1.offsets().keySet()).as("w1 processed only its partitions").isEqualTo(on1);
            assertThat(w2.offsets().keySet()).as("w2 processed only its partitions").isEqualTo(on2);
            w2.threads().forEach((p, names) -> assertThat(names).containsExactly("agent-w-" + topic + "-" + p));
            assertInOrder(w1.offsets());
            assertInOrder(w2.offsets());
        } finally {
            w2.app().stop();
            w1.app().stop();
        }
    }

    @Test
    void partition_callbacks_tell_each_worker_its_partitions_when_a_second_joins_and_when_it_leaves() {
        String id = unique("callbacks");
        String topic = id + "-in";
        List<Set<TP>> assigned1 = new CopyOnWriteArrayList<>();
        List<Set<TP>> revoked1 = new CopyOnWriteArrayList<>();
        List<Set<TP>> assigned2 = new CopyOnWriteArrayList<>();
        List<Set<TP>> revoked2 = new CopyOnWriteArrayList<>();
        App w1 = callbackWorker(id, topic, assigned1, revoked1);
        App w2 = callbackWorker(id, topic, assigned2, revoked2);
        Set<TP> all = Set.of(new TP(topic, 0), new TP(topic, 1), new TP(topic, 2), new TP(topic, 3));
        w1.start();
        try {
            until(Duration.ofSeconds(60), () -> !assigned1.isEmpty() && of(last(assigned1), topic).equals(all),
                    () -> "w1 told it has all 4, got " + assigned1);
            int revokedBefore = revoked1.size();
            w2.start();
            until(Duration.ofSeconds(60), () -> !assigned2.isEmpty() && of(w1.assignment(), topic).size() == 2
                    && of(last(assigned1), topic).size() == 2, () -> "both told their share, got " + assigned1 + " " + assigned2);
            Set<TP> on1 = of(last(assigned1), topic);
            Set<TP> on2 = of(last(assigned2), topic);
            assertThat(on1).isEqualTo(of(w1.assignment(), topic));
            assertThat(on2).isEqualTo(of(w2.assignment(), topic)).hasSize(2).doesNotContainAnyElementsOf(on1);
            Set<TP> revokedOnJoin = new HashSet<>();
            revoked1.subList(revokedBefore, revoked1.size()).forEach(revokedOnJoin::addAll);
            assertThat(revokedOnJoin).as("w1 was told it lost what w2 got").containsAll(on2);

            int assignedBefore = assigned1.size();
            w2.stop();
            until(Duration.ofSeconds(60), () -> assigned1.size() > assignedBefore && of(last(assigned1), topic).equals(all),
                    () -> "w1 told it has all 4 again, got " + assigned1);
            assertThat(revoked2).as("w2 was told it gave its partitions up when it left").isNotEmpty();
            assertThat(of(last(revoked2), topic)).isEqualTo(on2);
        } finally {
            w2.stop();
            w1.stop();
        }
    }

    private static App callbackWorker(String id, String topic, List<Set<TP>> assigned, List<Set<TP>> revoked) {
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> { });
        Topic<String, String> t = app.topic(topic, String.class, String.class, o -> o.partitions(4));
        Agent<String, String, Void> a = app.agent("read", t, s -> s.forEach(v -> { }));
        a.onPartitionsAssigned(tps -> assigned.add(Set.copyOf(tps)));
        a.onPartitionsRevoked(tps -> revoked.add(Set.copyOf(tps)));
        return app;
    }

    private static Set<TP> last(List<Set<TP>> l) {
        return l.get(l.size() - 1);
    }

    private static Set<TP> of(Set<TP> tps, String topic) {
        return tps.stream().filter(tp -> tp.topic().equals(topic)).collect(Collectors.toSet());
    }

    private static App leaderWorker(String id, AtomicInteger ticks, List<Instant> cronRuns) {
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> { });
        Topic<String, String> t = app.topic(id + "-in", String.class, String.class, o -> o.partitions(2));
        app.agent("read", t, s -> s.forEach(v -> { }));
        app.timer(Duration.ofMillis(100), o -> o.onLeader(), ticks::incrementAndGet);
        app.crontab("* * * * *", o -> o.onLeader(), () -> cronRuns.add(Instant.now()));
        return app;
    }

    @Test
    void on_leader_timers_and_crontabs_run_on_exactly_one_worker_and_move_when_the_leader_stops() throws Exception {
        String id = unique("leader");
        AtomicInteger ticks1 = new AtomicInteger();
        AtomicInteger ticks2 = new AtomicInteger();
        List<Instant> cron1 = new CopyOnWriteArrayList<>();
        List<Instant> cron2 = new CopyOnWriteArrayList<>();
        App w1 = leaderWorker(id, ticks1, cron1);
        App w2 = leaderWorker(id, ticks2, cron2);
        w1.start();
        try {
            until(Duration.ofSeconds(60), w1::isLeader, "the first worker leads alone");
            w2.start();
            until(Duration.ofSeconds(60), () -> split(w1, w2, 3), "2 partitions and the leader split between two workers");
            assertThat(w1.isLeader() ^ w2.isLeader()).as("exactly one leader").isTrue();
            App leader = w1.isLeader() ? w1 : w2;
            App other = leader == w1 ? w2 : w1;
            AtomicInteger leaderTicks = leader == w1 ? ticks1 : ticks2;
            AtomicInteger otherTicks = leader == w1 ? ticks2 : ticks1;
            List<Instant> leaderCron = leader == w1 ? cron1 : cron2;
            List<Instant> otherCron = leader == w1 ? cron2 : cron1;

            int l0 = leaderTicks.get();
            int o0 = otherTicks.get();
            until(Duration.ofSeconds(10), () -> leaderTicks.get() - l0 >= 5, "five more ticks of the leader's 100 ms timer");
            assertThat(otherTicks.get() - o0).as("the other worker's timer body never runs meanwhile").isZero();

            // a crontab fires at the next whole minute; wait for it (up to a minute) with both workers in the group
            Instant split = Instant.now();
            until(Duration.ofSeconds(75), () -> leaderCron.stream().anyMatch(t -> t.isAfter(split)),
                    "the leader's crontab fires at the next minute");
            assertThat(otherCron.stream().filter(t -> t.isAfter(split))).as("the other worker's crontab body never runs")
                    .isEmpty();
            assertThat(leader.isLeader()).isTrue();

            leader.stop();
            until(Duration.ofSeconds(60), other::isLeader, "the remaining worker takes over the lead");
            int t0 = otherTicks.get();
            until(Duration.ofSeconds(10), () -> otherTicks.get() - t0 >= 5, "five ticks of the new leader's timer");
        } finally {
            w2.stop();
            w1.stop();
        }
        // checked over the whole run, both workers and the hand-over: no minute ran the crontab twice
        List<Instant> runs = new ArrayList<>(cron1);
        runs.addAll(cron2);
        assertThat(runs.stream().map(t -> t.truncatedTo(ChronoUnit.MINUTES)).toList())
                .as("crontab runs by minute").doesNotHaveDuplicates();
    }
}
