package faust.table;

import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.TestApps;
import faust.settings.ProcessingGuarantee;
import faust.topic.TP;
import faust.topic.Topic;
import faust.transport.GatedTransportFactory;
import faust.transport.TrackedMessage;
import faust.transport.internal.MemoryBroker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Tables under exactly-once: a table's writes commit and abort with the worker's transaction, so
 * after a crash or a failed commit the table equals what the committed changelog says, and no key
 * is counted twice.
 */
class TableExactlyOnceTest {
    private static final int KEYS = 10;

    private static App eosApp(String id, String broker) {
        return TestApps.app(id, broker, c -> c.processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE));
    }

    /** @return each key's latest value in the changelog as a read_committed reader sees it */
    private static Map<String, Long> committedChangelog(MemoryBroker mb, String changelog, int partitions) {
        Map<String, Long> out = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            for (TrackedMessage m : mb.visible(new TP(changelog, p), 0)) {
                String k = new String(m.key(), StandardCharsets.UTF_8);
                out.put(k.substring(1, k.length() - 1), Long.parseLong(new String(m.value(), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static Map<String, Long> table(Table<String, Long> t) {
        Map<String, Long> out = new HashMap<>();
        for (var e : t.entrySet()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    @Test
    void an_agent_that_crashes_after_writing_leaves_no_trace_of_the_aborted_write_in_the_table() {
        String broker = TestApps.freshBroker();
        App app = eosApp("eos-table", broker);
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(2));
        Table<String, Long> counts = app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(2));
        AtomicBoolean crashed = new AtomicBoolean();
        AtomicInteger attempts = new AtomicInteger();
        app.agent("count", in, stream -> {
            for (var e : stream.events()) {
                attempts.incrementAndGet();
                counts.merge(e.key(), 1L, Long::sum);
                if (e.value() == 50 && crashed.compareAndSet(false, true)) {
                    throw new IllegalStateException("boom after the write of " + e.value());
                }
            }
        });
        app.start();
        try {
            for (int i = 0; i < 100; i++) {
                in.send("key-" + i % KEYS, i).join();
            }
            MemoryBroker mb = MemoryBroker.named(URI.create(broker).getAuthority());
            until(Duration.ofSeconds(20), () -> !mb.hasOpenTransactions() && TestApps.committedSum(mb, "eos-table", "in", 2) == 100,
                    "all 100 inputs committed");
            assertThat(crashed).isTrue();
            assertThat(attempts.get()).as("events were processed again after the rewind").isGreaterThan(100);
            Map<String, Long> expected = new HashMap<>();
            for (int k = 0; k < KEYS; k++) {
                expected.put("key-" + k, 10L);
            }
            assertThat(table(counts)).as("each key counted once per input, the aborted write undone").isEqualTo(expected);
            assertThat(committedChangelog(mb, "eos-table-counts-changelog", 2)).as("and the committed changelog agrees")
                    .isEqualTo(expected);
        } finally {
            app.stop();
        }
    }

    @Test
    void a_failed_commit_while_agents_go_on_writing_loses_and_duplicates_no_count() {
        String name = UUID.randomUUID().toString();
        String id = "eos-table-fail-" + name;
        GatedTransportFactory.Gate gate = GatedTransportFactory.gate(id);
        String broker = "gated://" + name;
        App app = eosApp(id, broker);
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(2));
        Table<String, Long> counts = app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(2));
        app.agent("count", in, stream -> {
            for (var e : stream.events()) {
                counts.merge(e.key(), 1L, Long::sum);
                Thread.sleep(1);
            }
        });
        App feeder = TestApps.app("feeder-" + name, broker, c -> { });
        Topic<String, Integer> input = feeder.topic("in", String.class, Integer.class, o -> o.partitions(2));
        app.start();
        feeder.start();
        MemoryBroker mb = MemoryBroker.named("gated-" + name);
        try {
            for (int i = 0; i < 100; i++) {
                input.send("key-" + i % KEYS, i).join();
            }
            until(Duration.ofSeconds(10), () -> TestApps.committedSum(mb, id, "in", 2) == 100, "the first 100 committed");
            gate.failNextCommit();
            for (int i = 100; i < 300; i++) {
                input.send("key-" + i % KEYS, i).join();
            }
            until(Duration.ofSeconds(20), () -> !mb.hasOpenTransactions() && TestApps.committedSum(mb, id, "in", 2) == 300,
                    "all 300 inputs committed");
            assertThat(gate.failedCommits()).as("a commit failed").isEqualTo(1);
            Map<String, Long> expected = new HashMap<>();
            for (int k = 0; k < KEYS; k++) {
                expected.put("key-" + k, 30L);
            }
            assertThat(table(counts)).isEqualTo(expected);
            assertThat(committedChangelog(mb, id + "-counts-changelog", 2)).isEqualTo(expected);
        } finally {
            app.stop();
            feeder.stop();
        }
    }
}
