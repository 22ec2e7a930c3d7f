package faust.table;

import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.AppTestDriver;
import faust.TestApps;
import faust.settings.ProcessingGuarantee;
import faust.stream.KeyValue;
import faust.topic.TP;
import faust.topic.Topic;
import faust.transport.GatedTransportFactory;
import faust.transport.TrackedMessage;
import faust.transport.internal.MemoryBroker;
import faust.window.WindowRange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Windowed tables across restarts and failures: a window closed before is not closed again by the
 * next worker (its changelog records carry the clock closes were emitted through), late writes
 * stay late, and under exactly-once each window's final result is committed once even when a
 * transaction aborts.
 */
class WindowedTableRecoveryTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A counting worker: tumbling 10 s windows kept 60 s, closing 5 s after their end. */
    private static final class Worker {
        final App app;
        final Topic<String, String> in;
        final WindowedTable<String, Long> counts;

        Worker(AppTestDriver d, List<String> closes) {
            app = d.app("wr");
            in = app.topic("in", String.class, String.class, o -> o.partitions(1));
            counts = app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(1))
                    .tumbling(Duration.ofSeconds(10), Duration.ofSeconds(60)).grace(Duration.ofSeconds(5))
                    .onWindowClose((k, w, v) -> closes.add(k + "@" + (w.start().getEpochSecond() - T0.getEpochSecond()) + "=" + v));
            app.agent("count", in, stream -> {
                for (var e : stream.events()) {
                    counts.get(e.key()).merge(1L, Long::sum);
                }
            });
        }
    }

    @Test
    void a_restarted_worker_does_not_close_again_a_window_closed_before_and_a_write_to_it_stays_late() {
        List<String> closes = new CopyOnWriteArrayList<>();
        try (AppTestDriver d = AppTestDriver.create()) {
            Worker first = new Worker(d, closes);
            d.start(first.app);
            d.pipeInput(first.in, "k", "x", at(1));
            d.pipeInput(first.in, "k", "x", at(5));
            d.pipeInput(first.in, "k", "x", at(22));
            assertThat(closes).as("[0,10) closed at stream time 15; it stays until it expires at 70").containsExactly("k@0=2");
            first.app.stop();

            Worker second = new Worker(d, closes);
            d.start(second.app);
            assertThat(second.counts.get("k").at(new WindowRange(at(0), at(10)))).as("recovered, closed, not expired")
                    .isEqualTo(2L);
            d.pipeInput(second.in, "k", "x", at(23));
            d.pipeInput(second.in, "k", "x", at(3));
            assertThat(second.counts.get("k").at(new WindowRange(at(0), at(10))))
                    .as("the write at 3 s is late: the recovered stream time is past [0,10)'s close").isEqualTo(2L);
            assertThat(second.app.monitor().tables().get("counts").lateWrites()).isEqualTo(1);
            d.pipeInput(second.in, "k", "x", at(36));
            assertThat(closes).as("each window closed once, across the restart").containsExactly("k@0=2", "k@20=2");
        }
    }

    private static App eosApp(String id, String broker) {
        return TestApps.app(id, broker, c -> c.processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE));
    }

    /** @return "key@start" to each final count in the committed final-results topic, failing on a duplicate */
    private static Map<String, Long> committedResults(MemoryBroker mb, String topic, int partitions) {
        Map<String, Long> out = new HashMap<>();
        List<String> seen = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            for (TrackedMessage m : mb.visible(new TP(topic, p), 0)) {
                String v = new String(m.value(), StandardCharsets.UTF_8);      // "\"key@start=count\""
                String[] kv = v.substring(1, v.length() - 1).split("=");
                seen.add(kv[0]);
                out.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        assertThat(seen).as("each window's final result once").doesNotHaveDuplicates();
        return out;
    }

    @Test
    void under_exactly_once_an_agent_crash_and_a_failed_commit_commit_each_window_s_final_result_once() throws Exception {
        String name = UUID.randomUUID().toString();
        String id = "eos-windows-" + name;
        GatedTransportFactory.Gate gate = GatedTransportFactory.gate(id);
        String broker = "gated://" + name;
        App app = eosApp(id, broker);
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(2));
        Topic<String, String> results = app.topic("results", String.class, String.class, o -> o.partitions(2));
        WindowedTable<String, Long> counts = app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(2))
                .tumbling(Duration.ofSeconds(10), Duration.ofSeconds(10)).relativeToField((Integer second) -> second)
                .finalResults(results, (k, w, v) -> k + "@" + (w.start().getEpochSecond() - T0.getEpochSecond()) + "=" + v);
        AtomicBoolean crashed = new AtomicBoolean();
        app.agent("count", in, stream -> {
            for (var e : stream.events()) {
                counts.get(e.key()).merge(1L, Long::sum);
                if (e.value() == T0.getEpochSecond() + 150 && crashed.compareAndSet(false, true)) {
                    throw new IllegalStateException("boom after the write at 150 s");
                }
                Thread.sleep(1);
            }
        });
        App feeder = TestApps.app("feeder-" + name, broker, c -> { });
        Topic<String, Integer> input = feeder.topic("in", String.class, Integer.class, o -> o.partitions(2));
        app.start();
        feeder.start();
        MemoryBroker mb = MemoryBroker.named("gated-" + name);
        Map<String, Long> expected = new HashMap<>();
        try {
            // 4 keys, an event every second per key for 300 s of event time (the value is the epoch second)
            for (int s = 0; s < 300; s++) {
                for (int k = 0; k < 4; k++) {
                    input.send("key-" + k, (int) (T0.getEpochSecond() + s)).join();
                    if (s < 280) {        // windows up to [270, 280) close: stream time 299 >= end + 10 s
                        expected.merge("key-" + k + "@" + (s / 10 * 10), 1L, Long::sum);
                    }
                }
                if (s == 200) {
                    until(Duration.ofSeconds(20), () -> TestApps.committedSum(mb, id, "in", 2) == 804, "the first 804 committed");
                    gate.failNextCommit();
                }
            }
            until(Duration.ofSeconds(30), () -> !mb.hasOpenTransactions() && TestApps.committedSum(mb, id, "in", 2) == 1200
                    && committedResults(mb, "results", 2).size() == expected.size(), "every input and close committed");
            assertThat(crashed).isTrue();
            assertThat(gate.failedCommits()).as("a commit failed").isEqualTo(1);
            assertThat(committedResults(mb, "results", 2)).isEqualTo(expected);
        } finally {
            app.stop();
            feeder.stop();
        }
    }

    @Test
    void at_least_once_a_close_is_remembered_in_the_changelog_only_after_its_final_result_was_acknowledged()
            throws Exception {
        String name = UUID.randomUUID().toString();
        String id = "alo-windows-" + name;
        GatedTransportFactory.Gate gate = GatedTransportFactory.gate(id);
        App app = TestApps.app(id, "gated://" + name, c -> { });
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(1));
        Topic<String, Long> results = app.topic("results", String.class, Long.class, o -> o.partitions(1));
        WindowedTable<String, Long> counts = app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(1))
                .tumbling(Duration.ofSeconds(10), Duration.ofSeconds(5)).relativeToField((Integer second) -> second)
                .finalResults(results, (k, w, v) -> v);
        app.agent("count", in, stream -> {
            for (var e : stream.events()) {
                counts.get(e.key()).merge(1L, Long::sum);
            }
        });
        MemoryBroker mb = MemoryBroker.named("gated-" + name);
        app.start();
        try {
            in.send("k", (int) T0.getEpochSecond() + 1).join();
            until(Duration.ofSeconds(10), () -> TestApps.committedSum(mb, id, "in", 1) == 1, "the first event committed");
            gate.holdSends();       // from now on sends are written but not acknowledged
            in.send("k", (int) T0.getEpochSecond() + 15);      // written now, acknowledged with the rest
            until(Duration.ofSeconds(10), () -> !mb.visible(new TP("results", 0), 0).isEmpty(),
                    "the final result of [0, 10) written");
            // the commit that closed [0, 10) waits for its sends, and no later one can begin: what it wrote is all
            assertThat(tombstones(mb, id)).as("the window is not deleted while its result is unacknowledged").isZero();
            gate.acknowledgeSends();
            until(Duration.ofSeconds(10), () -> tombstones(mb, id) == 1, "the window deleted once its result was acknowledged");
            assertThat(mb.visible(new TP("results", 0), 0)).extracting(m -> new String(m.value(), StandardCharsets.UTF_8))
                    .containsExactly("1");
        } finally {
            gate.acknowledgeSends();
            app.stop();
        }
    }

    private static long tombstones(MemoryBroker mb, String id) {
        return mb.visible(new TP(id + "-counts-changelog", 0), 0).stream().filter(m -> m.value() == null).count();
    }
}
