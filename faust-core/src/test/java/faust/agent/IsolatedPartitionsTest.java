package faust.agent;

import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.Faust;
import faust.TestApps;
import faust.errors.ImproperlyConfiguredException;
import faust.topic.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code isolated_partitions}: one actor per assigned partition. */
class IsolatedPartitionsTest {

    /** Records, per partition, the threads that processed its events. */
    private static AgentFunction<String, String> recorder(Map<Integer, Set<String>> threadsByPartition, AtomicInteger count) {
        return stream -> {
            for (String v : stream) {
                int p = Objects.requireNonNull(Faust.currentEvent()).message().partition();
                threadsByPartition.computeIfAbsent(p, k -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
                count.incrementAndGet();
            }
        };
    }

    @Test
    void each_assigned_partition_gets_its_own_actor() {
        App app = TestApps.app("iso", TestApps.freshBroker(), c -> { });
        Topic<String, String> t = app.topic("work", String.class, String.class, o -> o.partitions(4));
        Map<Integer, Set<String>> threads = new ConcurrentHashMap<>();
        AtomicInteger count = new AtomicInteger();
        app.agent("w", t, o -> o.isolatedPartitions(true), recorder(threads, count));
        app.start();
        try {
            for (int i = 0; i < 200; i++) {
                t.send("key-" + i, "v" + i).join();
            }
            until(Duration.ofSeconds(10), () -> count.get() == 200, "200 events");
            assertThat(threads).containsOnlyKeys(0, 1, 2, 3);
            threads.forEach((p, names) -> assertThat(names).as("threads of partition " + p)
                    .containsExactly("agent-w-work-" + p));
        } finally {
            app.stop();
        }
    }

    @Test
    void actors_follow_partitions_when_a_second_worker_joins() {
        String broker = TestApps.freshBroker();
        App app1 = TestApps.app("iso2", broker, c -> { });
        App app2 = TestApps.app("iso2", broker, c -> { });
        Map<Integer, Set<String>> threads1 = new ConcurrentHashMap<>();
        Map<Integer, Set<String>> threads2 = new ConcurrentHashMap<>();
        AtomicInteger count = new AtomicInteger();
        Topic<String, String> t1 = app1.topic("work", String.class, String.class, o -> o.partitions(4));
        Topic<String, String> t2 = app2.topic("work", String.class, String.class, o -> o.partitions(4));
        app1.agent("w", t1, o -> o.isolatedPartitions(true), recorder(threads1, count));
        app2.agent("w", t2, o -> o.isolatedPartitions(true), recorder(threads2, count));
        app1.start();
        try {
            until(Duration.ofSeconds(10), () -> app1.assignment().size() > 1, "app1 assigned");
            app2.start();
            until(Duration.ofSeconds(10), () -> !app2.assignment().isEmpty()
                    && app1.assignment().stream().noneMatch(tp -> app2.assignment().contains(tp)), "app2 gets partitions");
            for (int i = 0; i < 200; i++) {
                t1.send("key-" + i, "v" + i).join();
            }
            until(Duration.ofSeconds(15), () -> count.get() == 200, "every event processed");
            assertThat(threads1).isNotEmpty();
            assertThat(threads2).isNotEmpty();
            assertThat(threads1.keySet()).doesNotContainAnyElementsOf(threads2.keySet());
            threads1.forEach((p, names) -> assertThat(names).containsExactly("agent-w-work-" + p));
            threads2.forEach((p, names) -> assertThat(names).containsExactly("agent-w-work-" + p));
        } finally {
            app2.stop();
            app1.stop();
        }
    }

    @Test
    void isolated_partitions_on_a_plain_channel_fails_naming_the_agent() {
        App app = TestApps.app("iso3", TestApps.freshBroker(), c -> { });
        var ch = app.channel(String.class, String.class);
        assertThatThrownBy(() -> app.agent("solo", ch, o -> o.isolatedPartitions(true), s -> { }))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("solo").hasMessageContaining("isolatedPartitions needs a topic");
    }
}
