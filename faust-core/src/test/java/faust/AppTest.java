package faust;

import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.codec.Codecs;
import faust.errors.ImproperlyConfiguredException;
import faust.settings.StreamSettings;
import faust.stream.KeyValue;
import faust.topic.TP;
import faust.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AppTest {
    record Greeting(String to, int n) {}

    @Test
    void the_monitor_counts_each_send_and_times_one_in_64_and_other_sensors_still_get_every_send_hook_with_their_state() {
        App app = TestApps.app("sends", TestApps.freshBroker(), c -> { });
        Topic<String, String> out = app.topic("out", String.class, String.class, o -> o.partitions(1));
        List<Object> completedStates = new CopyOnWriteArrayList<>();
        app.sensors().add(new faust.sensor.Sensor() {
            @Override
            public Object onSendInitiated(String topic, int keySize, int valueSize) {
                return "state-of-" + topic;
            }

            @Override
            public void onSendCompleted(Object state, faust.topic.RecordMetadata metadata) {
                completedStates.add(state);
            }
        });
        app.start();
        try {
            int sends = 2 * faust.sensor.Monitor.SEND_LATENCY_SAMPLE_INTERVAL + 1;
            for (int i = 0; i < sends; i++) {
                out.send("k", "v" + i).join();
            }
            until(Duration.ofSeconds(5), () -> completedStates.size() == sends, sends + " completed sends seen by the sensor");
            assertThat(app.monitor().messagesSent()).isEqualTo(sends);
            assertThat(app.monitor().messagesSentByTopic()).containsEntry("out", (long) sends);
            assertThat(app.monitor().sendLatency()).hasSize(3);     // the 1st, 65th and 129th
            assertThat(completedStates).containsOnly("state-of-out");
        } finally {
            app.stop();
        }
    }

    @Test
    void the_monitors_end_offsets_follow_the_input_as_it_grows_not_only_at_assignment() {
        App app = TestApps.app("end-offsets", TestApps.freshBroker(), c -> { });
        Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(1));
        app.agent("read", in, s -> {
            for (String v : s) {
                assertThat(v).isNotNull();
            }
        });
        TP tp = new TP("in", 0);
        app.start();
        try {
            for (int i = 0; i < 3; i++) {
                in.send("k", "v" + i).join();
            }
            until(Duration.ofSeconds(5), () -> Long.valueOf(3).equals(app.monitor().tpEndOffsets().get(tp)), "end offset 3");
            for (int i = 3; i < 10; i++) {
                in.send("k", "v" + i).join();
            }
            until(Duration.ofSeconds(5), () -> Long.valueOf(10).equals(app.monitor().tpEndOffsets().get(tp)), "end offset 10");
        } finally {
            app.stop();
        }
    }

    @Test
    void agent_receives_every_sent_value_in_order_and_offsets_are_committed() {
        String broker = TestApps.freshBroker();
        App app = TestApps.app("hello", broker, c -> { });
        Topic<String, Greeting> topic = app.topic("greetings", String.class, Greeting.class, o -> o.partitions(1));
        List<Greeting> seen = new CopyOnWriteArrayList<>();
        app.agent("print", topic, stream -> {
            for (Greeting g : stream) {
                seen.add(g);
            }
        });
        app.start();
        try {
            for (int i = 0; i < 100; i++) {
                topic.send("k", new Greeting("world", i)).join();
            }
            until(Duration.ofSeconds(10), () -> seen.size() == 100, "100 greetings");
            assertThat(seen).extracting(Greeting::n).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
            until(Duration.ofSeconds(10), () -> Long.valueOf(100).equals(app.monitor().tpCommittedOffsets().get(new TP("greetings", 0))),
                    "offset 100 committed");
        } finally {
            app.stop();
        }
    }

    @Test
    void the_leader_election_partition_is_assigned_but_its_records_are_never_fetched() {
        String broker = TestApps.freshBroker();
        App app = TestApps.app("leader-idle", broker, c -> { });
        Topic<String, Greeting> topic = app.topic("greetings", String.class, Greeting.class, o -> o.partitions(1));
        List<Greeting> seen = new CopyOnWriteArrayList<>();
        app.agent("print", topic, stream -> {
            for (Greeting g : stream) {
                seen.add(g);
            }
        });
        app.start();
        try {
            until(Duration.ofSeconds(10), app::isLeader, "the leader partition to be assigned");
            raw(app, "leader-idle-__assignor-__leader").send(null, "x".getBytes(StandardCharsets.UTF_8)).join();
            topic.send("k", new Greeting("world", 1)).join();
            until(Duration.ofSeconds(10), () -> seen.size() == 1, "the greeting");
            until(Duration.ofSeconds(10), () -> Long.valueOf(1).equals(app.monitor().tpCommittedOffsets().get(new TP("greetings", 0))),
                    "the greeting's offset committed");
            assertThat(app.monitor().messagesReceivedByTopic()).containsKey("greetings")
                    .doesNotContainKey("leader-idle-__assignor-__leader");
        } finally {
            app.stop();
        }
    }

    @Test
    void malformed_json_is_skipped_counted_and_the_worker_keeps_running() {
        String broker = TestApps.freshBroker();
        App app = TestApps.app("bad-input", broker, c -> { });
        Topic<String, Greeting> topic = app.topic("in", String.class, Greeting.class, o -> o.partitions(1));
        List<Greeting> seen = new CopyOnWriteArrayList<>();
        app.agent("a", topic, stream -> {
            for (Greeting g : stream) {
                seen.add(g);
            }
        });
        app.start();
        try {
            topic.send(null, new Greeting("a", 1)).join();
            raw(app, "in").send(null, "{not json".getBytes(StandardCharsets.UTF_8)).join();
            raw(app, "in").send(null, "\"a string\"".getBytes(StandardCharsets.UTF_8)).join();
            topic.send(null, new Greeting("b", 2)).join();
            until(Duration.ofSeconds(10), () -> seen.size() == 2, "both good messages");
            assertThat(seen).extracting(Greeting::n).containsExactly(1, 2);
            assertThat(app.monitor().decodeErrors()).isEqualTo(2);
            // the bad messages were acked: the commit passes them once the last good event is done
            topic.send(null, new Greeting("c", 3)).join();
            until(Duration.ofSeconds(10), () -> app.monitor().tpCommittedOffsets().getOrDefault(new TP("in", 0), 0L) >= 4,
                    "commit past the bad messages");
        } finally {
            app.stop();
        }
    }

    @Test
    void unknown_codec_on_a_topic_fails_naming_it() {
        App app = TestApps.app("codec", TestApps.freshBroker(), c -> { });
        assertThatThrownBy(() -> app.topic("t", String.class, String.class, o -> o.valueSerializer("jsn")))
                .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("jsn");
    }

    @Test
    void bad_setting_fails_at_creation_naming_setting_and_value() {
        assertThatThrownBy(() -> App.create("x", c -> c.environment(Map.of()).streamBufferMaxsize(-5)))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("stream_buffer_maxsize").hasMessageContaining("-5");
    }

    @Test
    void unknown_broker_scheme_fails_at_start_naming_known_schemes() {
        App app = App.create("scheme", c -> c.environment(Map.of()).broker("nats://localhost"));
        assertThatThrownBy(app::start).isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("nats").hasMessageContaining("memory");
    }

    @Test
    void second_instance_in_the_group_triggers_a_rebalance_and_both_share_the_work() {
        String broker = TestApps.freshBroker();
        Set<String> byApp1 = ConcurrentHashMap.newKeySet();
        Set<String> byApp2 = ConcurrentHashMap.newKeySet();
        App app1 = TestApps.app("group", broker, c -> { });
        App app2 = TestApps.app("group", broker, c -> { });
        Topic<String, String> t1 = app1.topic("work", String.class, String.class, o -> o.partitions(4));
        Topic<String, String> t2 = app2.topic("work", String.class, String.class, o -> o.partitions(4));
        app1.agent("w", t1, s -> {
            for (String v : s) {
                byApp1.add(v);
            }
        });
        app2.agent("w", t2, s -> {
            for (String v : s) {
                byApp2.add(v);
            }
        });
        app1.start();
        try {
            until(Duration.ofSeconds(10), () -> app1.isLeader(), "app1 assigned");
            app2.start();
            until(Duration.ofSeconds(10), () -> !app2.conf().id().isEmpty() && !app2.assignment().isEmpty(), "app2 gets partitions");
            for (int i = 0; i < 400; i++) {
                t1.send("key-" + i, "v" + i).join();
            }
            until(Duration.ofSeconds(15), () -> union(byApp1, byApp2).size() == 400, "every message processed");
            assertThat(byApp1).isNotEmpty();
            assertThat(byApp2).isNotEmpty();
        } finally {
            app2.stop();
            app1.stop();
        }
    }

    @Test
    void a_failed_send_makes_the_worker_read_again_from_the_last_commit_so_nothing_is_lost() {
        String broker = TestApps.freshBroker();
        App app = TestApps.app("resend", broker, c -> { });
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(1));
        Topic<String, Integer> out = app.topic("out", String.class, Integer.class, o -> o.partitions(1));
        AtomicBoolean failedOnce = new AtomicBoolean();
        app.agent("copy", in, stream -> {
            for (Integer v : stream) {
                // the first send of 5 goes to a partition that does not exist, and fails
                int partition = v == 5 && failedOnce.compareAndSet(false, true) ? 99 : 0;
                out.send("k", v, faust.topic.SendOptions.defaults().withPartition(partition));
            }
        });
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        App reader = TestApps.app("resend-reader", broker, c -> { });
        Topic<String, Integer> readOut = reader.topic("out", String.class, Integer.class, o -> o.partitions(1));
        reader.agent("collect", readOut, s -> {
            for (Integer v : s) {
                seen.add(v);
            }
        });
        app.start();
        reader.start();
        try {
            for (int i = 0; i < 20; i++) {
                in.send("k", i).join();
            }
            until(Duration.ofSeconds(10), () -> seen.size() == 20, "all 20 values in the output");
            assertThat(failedOnce).isTrue();
            assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).boxed().toList());
        } finally {
            app.stop();
            reader.stop();
        }
    }

    @Test
    void stream_publish_on_commit_holds_agent_output_until_the_source_offsets_commit() throws Exception {
        try (AppTestDriver driver = AppTestDriver.create()) {
            App app = driver.app("held", c -> c.set(StreamSettings.STREAM_PUBLISH_ON_COMMIT, true)
                    .brokerCommitInterval(Duration.ofMillis(3000)));
            Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(1));
            Topic<String, Integer> out = app.topic("out", String.class, Integer.class, o -> o.partitions(1));
            List<CompletableFuture<?>> sends = new CopyOnWriteArrayList<>();
            app.agent("copy", in, stream -> {
                for (Integer v : stream) {
                    sends.add(out.send("k", v * 10));
                }
            });
            driver.start(app);
            List<KeyValue<String, Integer>> records = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                records.add(KeyValue.of("k", i));
            }
            driver.pipeInputs(in, records);     // returns once all 10 were processed

            assertThat(driver.readOutput(out)).as("held until commit").isEmpty();
            assertThat(sends).hasSize(10).noneMatch(CompletableFuture::isDone);
            until(Duration.ofSeconds(10), () -> Long.valueOf(10).equals(app.monitor().tpCommittedOffsets().get(new TP("in", 0))),
                    "commit");
            assertThat(driver.readValues(out)).containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90);
            for (var f : sends) {
                assertThat(f.get(5, TimeUnit.SECONDS)).isNotNull();
            }
        }
    }

    @Test
    void start_declares_each_topic_once_though_agents_and_the_leader_subscribe_after_the_batch() {
        String name = UUID.randomUUID().toString();
        App app = TestApps.app("once", "counting://" + name, c -> { });
        Topic<String, String> in = app.topic("in", String.class, String.class);
        Topic<String, String> out = app.topic("out", String.class, String.class);
        app.agent("copy", in, s -> {
            for (String v : s) {
                out.send(v);
            }
        });
        app.start();
        try {
            in.send("k", "v").join();
            List<String> declared = faust.transport.CountingTransportFactory.declared(name);
            assertThat(declared).contains("in", "out", "once-__assignor-__leader").doesNotHaveDuplicates();
        } finally {
            app.stop();
        }
    }

    @Test
    void an_unrecoverable_consumer_error_crashes_the_app_instead_of_idling() {
        App app = TestApps.app("doomed", "failing://" + UUID.randomUUID(), c -> { });
        Topic<String, String> t = app.topic("t", String.class, String.class);
        app.agent("a", t, s -> {
            for (String v : s) {
                assertThat(v).isNotNull();
            }
        });
        app.start();
        try {
            assertThat(app.awaitStopped(Duration.ofSeconds(10))).as("the app stopped").isTrue();
            assertThat(app.crashReason()).hasMessageContaining("simulated unrecoverable consumer error");
        } finally {
            app.stop();
        }
    }

    @Test
    void agent_over_topics_that_are_not_copartitioned_fails_at_start_naming_both() {
        String broker = TestApps.freshBroker();
        App setup = TestApps.app("copart-setup", broker, c -> { });       // another service made the topics
        setup.topic("left", String.class, String.class, o -> o.partitions(2)).declare();
        setup.topic("right", String.class, String.class, o -> o.partitions(4)).declare();
        setup.stop();
        App app = TestApps.app("copart", broker, c -> { });
        Topic<String, String> both = app.topics(List.of("left", "right"), String.class, String.class, o -> { });
        app.agent("joiner", both, s -> {
            for (String v : s) {
                assertThat(v).isNotNull();
            }
        });
        try {
            assertThatThrownBy(app::start).isInstanceOf(faust.errors.ImproperlyConfiguredException.class)
                    .hasMessageContaining("joiner").hasMessageContaining("'left' has 2").hasMessageContaining("'right' has 4");
        } finally {
            app.stop();
        }
    }

    /** A topic of raw bytes by that name, to send what a typed topic would not. */
    private static Topic<byte[], byte[]> raw(App app, String name) {
        return app.topic(name, byte[].class, byte[].class, o -> o.keySerializer(Codecs.RAW).valueSerializer(Codecs.RAW));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
