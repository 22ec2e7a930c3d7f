package faust.stream;

import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.TestApps;
import faust.topic.TP;
import faust.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StreamTest {
    record Withdrawal(String user, String country, double amount) {}

    private static Long committed(App app, String topic) {
        return app.monitor().tpCommittedOffsets().get(new TP(topic, 0));
    }

    @Test
    void group_by_forwards_through_a_repartition_topic_named_like_faust() {
        String url = TestApps.freshBroker();
        App app = TestApps.app("bank", url, c -> { });
        Topic<String, Withdrawal> withdrawals = app.topic("withdrawals", String.class, Withdrawal.class, o -> o.partitions(2));
        List<KeyValue<String, Withdrawal>> seen = new CopyOnWriteArrayList<>();
        app.agent("track", withdrawals, stream -> {
            for (KeyValue<String, Withdrawal> kv : stream.groupBy(Withdrawal::country, "Withdrawal.country").items()) {
                seen.add(kv);
            }
        });
        app.start();
        try {
            withdrawals.send("u1", new Withdrawal("u1", "NO", 10)).join();
            withdrawals.send("u2", new Withdrawal("u2", "SE", 20)).join();
            until(Duration.ofSeconds(10), () -> seen.size() == 2, "two regrouped events");
            assertThat(seen).extracting(KeyValue::key).containsExactlyInAnyOrder("NO", "SE");
            assertThat(app.monitor().messagesReceivedByTopic()).as("the events went through the repartition topic")
                    .containsEntry("track-withdrawals-Withdrawal.country-repartition", 2L);
        } finally {
            app.stop();
        }
    }

    @Test
    void get_active_stream_follows_through_to_the_last_stream_of_the_chain() {
        App app = TestApps.app("active", TestApps.freshBroker(), c -> { });
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(1));
        Topic<String, Integer> mid = app.topic("mid", String.class, Integer.class, o -> o.partitions(1));
        AtomicReference<Object[]> streams = new AtomicReference<>();
        app.agent("chain", in, stream -> {
            var before = stream.activeStream();
            var through = stream.through(mid);
            streams.set(new Object[] {stream, before, through, stream.activeStream(), through.activeStream()});
            for (Integer ignored : through) {
                // consume
            }
        });
        app.start();
        try {
            until(Duration.ofSeconds(10), () -> streams.get() != null, "agent started");
            Object[] s = streams.get();
            assertThat(s[1]).as("nothing chained yet: the stream itself").isSameAs(s[0]);
            assertThat(s[3]).as("after through: the through stream").isSameAs(s[2]);
            assertThat(s[4]).isSameAs(s[2]);
        } finally {
            app.stop();
        }
    }

    @Test
    void filtered_events_are_acked_so_the_commit_passes_them() {
        String url = TestApps.freshBroker();
        App app = TestApps.app("filter", url, c -> { });
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(1));
        List<Integer> even = new CopyOnWriteArrayList<>();
        app.agent("even", in, stream -> {
            for (Integer v : stream.filter(v -> v % 2 == 0)) {
                even.add(v);
            }
        });
        app.start();
        try {
            for (int i = 0; i < 10; i++) {
                in.send(null, i).join();
            }
            in.send(null, 11).join();   // odd and last: filtered, acked at once
            until(Duration.ofSeconds(10), () -> Long.valueOf(11).equals(committed(app, "in")),
                    "commit of all 11 offsets");
            assertThat(even).containsExactly(0, 2, 4, 6, 8);
        } finally {
            app.stop();
        }
    }

    @Test
    void an_agent_that_leaves_its_loop_early_commits_the_events_it_finished() throws Exception {
        String url = TestApps.freshBroker();
        App feeder = TestApps.app("leave-feeder", url, c -> { });
        Topic<String, Integer> input = feeder.topic("in", String.class, Integer.class, o -> o.partitions(1));
        feeder.start();
        App app = TestApps.app("leave", url, c -> { });
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(1));
        Topic<String, Integer> other = app.topic("other", String.class, Integer.class, o -> o.partitions(1));
        app.agent("other", other, stream -> stream.forEach(v -> { }));
        List<Integer> seen = new CopyOnWriteArrayList<>();
        app.agent("leaver", in, stream -> {
            for (Integer v : stream) {
                seen.add(v);
                if (v == 5) {
                    break;      // 0..4 are finished; 5 is in hand and never finished
                }
            }
        });
        try {
            for (int i = 0; i < 10; i++) {
                input.send(null, i).join();      // all there before the agent starts: one fetched batch
            }
            app.start();
            until(Duration.ofSeconds(10), () -> Long.valueOf(5).equals(committed(app, "in")),
                    "commit of the 5 finished events");
            assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5);
            // evidence that commits went on after that one: an event of another topic sent now is committed
            other.send("k", 1).join();
            until(Duration.ofSeconds(10), () -> Long.valueOf(1).equals(committed(app, "other")),
                    "the commit of an event that came after");
            assertThat(committed(app, "in")).as("the event in hand is not done").isEqualTo(5L);
        } finally {
            app.stop();
            feeder.stop();
        }
    }

    @Test
    void take_yields_full_lists_and_a_partial_one_after_within() {
        App app = TestApps.app("take", TestApps.freshBroker(), c -> { });
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(1));
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        app.agent("batcher", in, stream -> {
            for (List<Integer> batch : stream.take(3, Duration.ofMillis(200))) {
                batches.add(batch);
            }
        });
        app.start();
        try {
            for (int i = 0; i < 7; i++) {
                in.send(null, i).join();
            }
            until(Duration.ofSeconds(10), () -> batches.stream().mapToInt(List::size).sum() == 7, "all 7 values");
            assertThat(batches.get(0)).containsExactly(0, 1, 2);
            assertThat(batches.get(batches.size() - 1)).containsExactly(6);
        } finally {
            app.stop();
        }
    }

    @Test
    void through_echo_map_and_enumerate_compose() {
        App app = TestApps.app("ops", TestApps.freshBroker(), c -> { });
        Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(1));
        Topic<String, String> mid = app.topic("mid", String.class, String.class, o -> o.partitions(1));
        Topic<String, String> copy = app.topic("copy", String.class, String.class, o -> o.partitions(1));
        List<Indexed<String>> seen = new CopyOnWriteArrayList<>();
        List<String> copies = new CopyOnWriteArrayList<>();
        app.agent("ops", in, stream -> {
            for (Indexed<String> i : stream.echo(copy).through(mid).map(String::toUpperCase).enumerate()) {
                seen.add(i);
            }
        });
        app.agent("copies", copy, stream -> stream.forEach(copies::add));
        app.start();
        try {
            in.send("k", "a").join();
            in.send("k", "b").join();
            until(Duration.ofSeconds(10), () -> seen.size() == 2 && copies.size() == 2, "values through mid and copies");
            assertThat(seen).containsExactly(new Indexed<>(0, "A"), new Indexed<>(1, "B"));
            assertThat(copies).containsExactly("a", "b");
        } finally {
            app.stop();
        }
    }

    @Test
    void back_pressure_keeps_buffers_bounded_and_loses_nothing() {
        App app = TestApps.app("pressure", TestApps.freshBroker(), c -> c.streamBufferMaxsize(8));
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(2));
        List<Integer> seen = new CopyOnWriteArrayList<>();
        AtomicLong maxBuffered = new AtomicLong();
        app.agent("slow", in, stream -> {
            for (Integer v : stream) {
                // fetched and not yet done: buffered, plus the event in hand
                maxBuffered.accumulateAndGet(app.monitor().messagesActive(), Math::max);
                seen.add(v);
                if (v % 100 == 0) {
                    Thread.sleep(5);
                }
            }
        });
        for (int i = 0; i < 2000; i++) {
            in.send("k" + (i % 7), i).join();
        }
        app.start();
        try {
            until(Duration.ofSeconds(20), () -> seen.size() == 2000, "all 2000 values");
            assertThat(maxBuffered.get()).as("messages fetched but not done").isPositive().isLessThanOrEqualTo(8 + 2 * 2048 + 1);
            assertThat(app.monitor().topicBufferFull()).isNotEmpty();
        } finally {
            app.stop();
        }
    }
}
