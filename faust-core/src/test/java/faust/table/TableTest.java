package faust.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.AppTestDriver;
import faust.agent.Agent;
import faust.errors.FaustException;
import faust.errors.ImproperlyConfiguredException;
import faust.stream.KeyValue;
import faust.topic.TP;
import faust.topic.Topic;
import faust.transport.TrackedMessage;
import faust.transport.internal.MemoryBroker;
import faust.transport.internal.Partitioner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tables on the memory transport: map semantics, Faust's write partitioning, the changelog. */
class TableTest {
    private static MemoryBroker broker(AppTestDriver d) {
        return MemoryBroker.named(URI.create(d.brokerUrl()).getHost());
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void an_agent_counts_into_a_table_and_each_write_goes_to_the_event_s_changelog_partition_as_json() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("counter");
            Topic<String, String> words = app.topic("words", String.class, String.class, o -> o.partitions(4));
            Table<String, Long> counts = app.table("word_counts", String.class, Long.class, () -> 0L, o -> o.partitions(4));
            app.agent("count", words, stream -> {
                for (var e : stream.events()) {
                    counts.merge(e.value(), 1L, Long::sum);
                }
            });
            d.start(app);
            for (String w : List.of("apple", "pear", "apple", "apple")) {
                d.pipeInput(words, w, w);
            }
            assertThat(counts.get("apple")).isEqualTo(3L);
            assertThat(counts.get("pear")).isEqualTo(1L);
            assertThat(counts.get("plum")).as("a missing key reads as the default").isEqualTo(0L);
            assertThat(counts.containsKey("plum")).as("and the default is not stored").isFalse();
            assertThat(counts.size()).isEqualTo(2);
            assertThat(counts.keySet()).containsExactlyInAnyOrder("apple", "pear");
            assertThat(counts.changelogTopic()).isEqualTo("counter-word_counts-changelog");
            assertThat(app.tables()).containsExactly(counts);
            var state = app.monitor().tables().get("word_counts");
            assertThat(state.keysUpdated()).as("the Monitor counts the table's writes (Faust's on_table_set)").isEqualTo(4);
            assertThat(state.keysRetrieved()).isGreaterThanOrEqualTo(4);

            MemoryBroker mb = broker(d);
            int applePartition = Partitioner.partitionFor("apple".getBytes(StandardCharsets.UTF_8), 4);
            List<String> apple = new ArrayList<>();
            for (TrackedMessage m : mb.visible(new TP("counter-word_counts-changelog", applePartition), 0)) {
                apple.add(text(m.key()) + "=" + text(m.value()));
            }
            assertThat(apple).as("one changelog record per write, in the partition of the event (key 'apple' of topic "
                    + "words), key and value as Faust's JSON").containsExactly("\"apple\"=1", "\"apple\"=2", "\"apple\"=3");
        }
    }

    @Test
    void the_changelog_is_declared_compacted_with_the_table_s_partitions() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("decl");
            app.table("t", String.class, Long.class, null, o -> o.partitions(3)
                    .extraTopicConfigs(Map.of("min.insync.replicas", "1")));
            d.start(app);
            MemoryBroker mb = broker(d);
            assertThat(mb.partitionCount("decl-t-changelog")).hasValue(3);
            var decl = mb.declaration("decl-t-changelog");
            assertThat(decl.compacting()).isTrue();
            assertThat(decl.deleting()).isFalse();
            assertThat(decl.config()).containsEntry("min.insync.replicas", "1");
        }
    }

    @Test
    void remove_writes_a_tombstone_and_put_null_removes() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("tomb");
            Topic<String, String> ops = app.topic("ops", String.class, String.class, o -> o.partitions(1));
            Table<String, String> t = app.table("t", String.class, String.class, null, o -> o.partitions(1));
            List<Object> removed = new CopyOnWriteArrayList<>();
            app.agent("apply", ops, stream -> {
                for (var e : stream.events()) {
                    String op = e.value();
                    switch (op) {
                        case "set" -> t.put(e.key(), "v-" + e.key());
                        case "remove" -> removed.add(String.valueOf(t.remove(e.key())));
                        case "null" -> t.put(e.key(), null);
                        default -> t.delete(e.key());
                    }
                }
            });
            d.start(app);
            d.pipeInput(ops, "a", "set");
            d.pipeInput(ops, "b", "set");
            d.pipeInput(ops, "c", "set");
            d.pipeInput(ops, "a", "remove");
            d.pipeInput(ops, "b", "null");
            d.pipeInput(ops, "c", "delete");
            assertThat(removed).containsExactly("v-a");
            assertThat(t.get("a")).as("no default: a missing key reads as null").isNull();
            assertThat(t.size()).isZero();
            List<String> log = new ArrayList<>();
            for (TrackedMessage m : broker(d).visible(new TP("tomb-t-changelog", 0), 0)) {
                log.add(text(m.key()) + "=" + text(m.value()));
            }
            assertThat(log).containsExactly("\"a\"=\"v-a\"", "\"b\"=\"v-b\"", "\"c\"=\"v-c\"", "\"a\"=null", "\"b\"=null",
                    "\"c\"=null");
        }
    }

    @Test
    void a_write_outside_an_agent_s_event_is_refused_naming_the_table_and_the_fix() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("outside");
            Table<String, Long> t = app.table("totals", String.class, Long.class, () -> 0L);
            d.start(app);
            assertThatThrownBy(() -> t.put("k", 1L)).isInstanceOf(FaustException.class)
                    .hasMessageContaining("table 'totals'").hasMessageContaining("usePartitioner(true)");
        }
    }

    @Test
    void a_table_using_the_partitioner_is_written_anywhere_to_the_key_s_partition() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("keyed");
            Table<String, Long> t = app.table("totals", String.class, Long.class, () -> 0L,
                    o -> o.partitions(8).usePartitioner(true));
            app.agent("holds-all-8", app.topic("in", String.class, String.class, o -> o.partitions(8)), stream -> {
                for (String v : stream) {
                    t.get(v);
                }
            });
            App client = d.app("client");
            d.start(app);
            // the only worker holds every partition; written from the test thread, outside any event
            t.put("acc-1", 7L);
            t.merge("acc-1", 3L, Long::sum);
            assertThat(t.get("acc-1")).isEqualTo(10L);
            int p = Partitioner.partitionFor("\"acc-1\"".getBytes(StandardCharsets.UTF_8), 8);
            List<TrackedMessage> log = broker(d).visible(new TP("keyed-totals-changelog", p), 0);
            assertThat(log).extracting(m -> text(m.value())).containsExactly("7", "10");
            assertThat(client.tables()).isEmpty();
        }
    }

    @Test
    void a_source_topic_whose_partition_count_differs_from_the_table_s_fails_naming_both() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("mismatch");
            Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(2));
            Table<String, Long> t = app.table("t", String.class, Long.class, () -> 0L, o -> o.partitions(4));
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            app.agent("count", in, stream -> {
                for (String v : stream) {
                    try {
                        t.merge(v, 1L, Long::sum);
                    } catch (RuntimeException e) {
                        errors.add(e);
                    }
                }
            });
            d.start(app);
            d.pipeInput(in, "k", "k");
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("'in', which has 2 partitions")
                    .hasMessageContaining("'mismatch-t-changelog' has 4");
        }
    }

    @Test
    void declaring_a_table_twice_or_with_an_unknown_store_or_codec_fails_at_declaration() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("bad");
            app.table("t", String.class, Long.class, null);
            assertThatThrownBy(() -> app.table("t", String.class, Long.class, null))
                    .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("declared twice");
            assertThatThrownBy(() -> app.table("u", String.class, Long.class, null, o -> o.store("nosuch://")))
                    .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("nosuch")
                    .hasMessageContaining("memory");
            assertThatThrownBy(() -> app.table("v", String.class, Long.class, null, o -> o.keySerializer("nosuch")))
                    .hasMessageContaining("nosuch");
            assertThatThrownBy(() -> app.table("w", String.class, Long.class, null, o -> o.partitions(0)))
                    .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("partitions");
        }
    }

    @Test
    void compute_reads_the_default_and_null_removes_and_the_ansi_table_lists_keys_sorted() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("comp");
            Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(1));
            Table<String, Integer> t = app.table("scores", String.class, Integer.class, () -> 100,
                    o -> o.partitions(1).help("Scores by player"));
            AtomicInteger seen = new AtomicInteger();
            app.agent("score", in, stream -> {
                for (var e : stream.events()) {
                    t.compute(e.key(), (k, v) -> e.value() == 0 ? null : v + e.value());
                    seen.incrementAndGet();
                }
            });
            d.start(app);
            d.pipeInput(in, "bob", 5);
            d.pipeInput(in, "alice", -10);
            d.pipeInput(in, "carol", 1);
            d.pipeInput(in, "carol", 0);
            assertThat(t.entrySet()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("bob", "alice");
            assertThat(t.asAnsiTable()).isEqualTo("""
                    scores: Scores by player
                    ┌───────┬───────┐
                    │ Key   │ Value │
                    ├───────┼───────┤
                    │ alice │ 90    │
                    │ bob   │ 105   │
                    └───────┴───────┘
                    """);
        }
    }

    @Test
    void writes_of_a_key_between_two_commits_reach_the_changelog_as_its_last_value_only() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("coalesce", c -> c.brokerCommitInterval(Duration.ofMillis(500))
                    .brokerCommitEvery(1_000_000));
            Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(1));
            Table<String, Long> t = app.table("t", String.class, Long.class, () -> 0L, o -> o.partitions(1));
            app.agent("count", in, stream -> {
                for (String k : stream) {
                    t.merge(k, 1L, Long::sum);
                }
            });
            d.start(app);
            List<KeyValue<String, String>> input = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                String k = "k" + i % 3;
                input.add(new KeyValue<>(k, k));
            }
            d.pipeInputs(in, input);
            assertThat(t.get("k0")).isEqualTo(1000L);
            Map<String, String> last = new HashMap<>();
            List<TrackedMessage> log = broker(d).visible(new TP("coalesce-t-changelog", 0), 0);
            for (TrackedMessage m : log) {
                last.put(text(m.key()), text(m.value()));
            }
            assertThat(last).as("the changelog ends with every key's count")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("\"k0\"", "1000", "\"k1\"", "1000", "\"k2\"", "1000"));
            assertThat(log.size()).as("coalesced: a record per key per commit, not one per write").isLessThan(300);
        }
    }

    @Test
    void an_agent_s_test_context_writes_and_reads_its_tables_without_a_broker_round_trip() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("ctx");
            Topic<String, String> words = app.topic("words", String.class, String.class, o -> o.partitions(1));
            Table<String, Long> counts = app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(1));
            Agent<String, String, Void> count = app.agent("count", words, stream -> {
                for (String w : stream) {
                    counts.merge(w, 1L, Long::sum);
                }
            });
            try (var ctx = count.testContext()) {
                ctx.put("apple");
                ctx.put("apple");
                ctx.put("pear");
                assertThat(counts.get("apple")).isEqualTo(2L);
                assertThat(counts.get("pear")).isEqualTo(1L);
                assertThat(counts.size()).isEqualTo(2);
            }
        }
    }
}
