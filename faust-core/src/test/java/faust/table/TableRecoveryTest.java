package faust.table;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.AppTestDriver;
import faust.settings.StreamSettings;
import faust.stream.Headers;
import faust.stream.Message;
import faust.testing.Await;
import faust.topic.Topic;
import faust.transport.TopicDeclaration;
import faust.transport.internal.MemoryBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Recovery on the memory transport: a restarted worker rebuilds its tables from their changelogs
 * before its agents see an event; Python Faust's changelog bytes recover into a faust-java table.
 */
class TableRecoveryTest {
    private static MemoryBroker broker(AppTestDriver d) {
        return MemoryBroker.named(URI.create(d.brokerUrl()).getHost());
    }

    static byte[] wire(String name) {
        try (InputStream in = TableRecoveryTest.class.getResourceAsStream("/faust-wire/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A counting worker: agent "count" on topic "words" into table "counts", which records what it saw. */
    private static final class Worker {
        final App app;
        final Topic<String, String> words;
        final Table<String, Long> counts;
        final List<Long> seenAtFirstEvent = new CopyOnWriteArrayList<>();
        final AtomicInteger recovered = new AtomicInteger();
        final List<Message> changelogEvents = new CopyOnWriteArrayList<>();

        Worker(AppTestDriver d, String id, String store) {
            this(d, id, store, 0);
        }

        /** @param recoveryPauseMillis how long recovery pauses at each changelog record, to make it slow */
        Worker(AppTestDriver d, String id, String store, long recoveryPauseMillis) {
            app = d.app(id);
            words = app.topic("words", String.class, String.class, o -> o.partitions(2));
            counts = app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(2)
                    .store(store).onRecover(recovered::incrementAndGet).onChangelogEvent(m -> {
                        changelogEvents.add(m);
                        pause(recoveryPauseMillis);
                    }));
            app.agent("count", words, stream -> {
                for (String w : stream) {
                    if (seenAtFirstEvent.isEmpty()) {
                        seenAtFirstEvent.add(counts.get("apple"));
                    }
                    counts.merge(w, 1L, Long::sum);
                }
            });
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void a_restarted_worker_recovers_its_table_before_its_agent_sees_an_event_and_counts_on() {
        try (AppTestDriver d = AppTestDriver.create()) {
            Worker first = new Worker(d, "wc", "memory://");
            d.start(first.app);
            for (String w : List.of("apple", "apple", "pear", "apple")) {
                d.pipeInput(first.words, w, w);
            }
            assertThat(first.counts.get("apple")).isEqualTo(3L);
            first.app.stop();
            // input waits for the next worker, whose recovery is slow (100 ms a record)
            first.words.send("apple", "apple").join();

            Worker second = new Worker(d, "wc", "memory://", 100);
            d.start(second.app);
            assertThat(second.seenAtFirstEvent).as("the agent's first event came after recovery: it saw the recovered count")
                    .containsExactly(3L);
            assertThat(second.recovered.get()).as("on_recover ran once, after the rebalance's recovery").isEqualTo(1);
            assertThat(second.changelogEvents).as("the memory store keeps nothing: the whole changelog is read").hasSize(4);
            assertThat(second.counts.get("apple")).isEqualTo(4L);
            assertThat(second.counts.get("pear")).isEqualTo(1L);
        }
    }

    @Test
    void a_store_that_persists_reads_only_the_changelog_after_its_offset() {
        String store = "kept-memory://" + UUID.randomUUID();
        try (AppTestDriver d = AppTestDriver.create()) {
            Worker first = new Worker(d, "kept", store);
            d.start(first.app);
            for (String w : List.of("apple", "pear", "apple")) {
                d.pipeInput(first.words, w, w);
            }
            first.app.stop();
            // written while no worker ran, by "another worker": only this is read on restart
            broker(d).append("kept-counts-changelog", partitionOf(d, "kept-counts-changelog", "\"apple\""), null,
                    "\"apple\"".getBytes(StandardCharsets.UTF_8), "7".getBytes(StandardCharsets.UTF_8), Headers.empty(), 2);

            Worker second = new Worker(d, "kept", store);
            d.start(second.app);
            assertThat(second.changelogEvents).extracting(m -> new String(m.value(), StandardCharsets.UTF_8))
                    .as("only the record after the persisted offset").containsExactly("7");
            assertThat(second.counts.get("apple")).isEqualTo(7L);
            assertThat(second.counts.get("pear")).isEqualTo(1L);
        }
    }

    private static int partitionOf(AppTestDriver d, String changelog, String jsonKey) {
        return faust.transport.internal.Partitioner.partitionFor(jsonKey.getBytes(StandardCharsets.UTF_8),
                broker(d).partitionCount(changelog).orElseThrow());
    }

    @Test
    void a_store_ahead_of_its_changelog_is_reported_and_rebuilt_from_the_changelog() {
        String store = "kept-memory://" + UUID.randomUUID();
        AppTestDriver d1 = AppTestDriver.create();
        String brokerName = URI.create(d1.brokerUrl()).getHost();
        try (d1) {
            Worker first = new Worker(d1, "ahead", store);
            d1.start(first.app);
            for (String w : List.of("apple", "apple", "apple")) {
                d1.pipeInput(first.words, w, w);
            }
            assertThat(first.counts.get("apple")).isEqualTo(3L);
        }
        MemoryBroker.reset(brokerName);     // the changelog is gone: deleted and created again, empty
        try (AppTestDriver d2 = AppTestDriver.create()) {
            Worker second = new Worker(d2, "ahead", store);
            d2.start(second.app);
            assertThat(second.counts.get("apple")).as("the local partition was dropped, as its changelog says")
                    .isEqualTo(0L);
            assertThat(second.counts.size()).isZero();
            d2.pipeInput(second.words, "apple", "apple");
            assertThat(second.counts.get("apple")).isEqualTo(1L);
        }
    }

    @Test
    void a_changelog_record_that_does_not_decode_is_skipped_and_the_rest_recovers() {
        try (AppTestDriver d = AppTestDriver.create()) {
            MemoryBroker mb = broker(d);
            mb.declare(new TopicDeclaration("bad-counts-changelog", 1, 1, null, true, false, Map.of()));
            mb.append("bad-counts-changelog", 0, null, "\"apple\"".getBytes(StandardCharsets.UTF_8),
                    "2".getBytes(StandardCharsets.UTF_8), Headers.empty(), 1);
            mb.append("bad-counts-changelog", 0, null, "\"pear\"".getBytes(StandardCharsets.UTF_8),
                    "not json".getBytes(StandardCharsets.UTF_8), Headers.empty(), 1);
            mb.append("bad-counts-changelog", 0, null, "\"plum\"".getBytes(StandardCharsets.UTF_8),
                    "4".getBytes(StandardCharsets.UTF_8), Headers.empty(), 1);
            App app = d.app("bad");
            app.topic("in", String.class, String.class, o -> o.partitions(1)).stream();
            Table<String, Long> t = app.table("counts", String.class, Long.class, null, o -> o.partitions(1));
            List<String> bad = new CopyOnWriteArrayList<>();
            app.sensors().add(new faust.sensor.Sensor() {
                @Override
                public void onDecodeError(faust.topic.TP tp, long offset, Throwable error) {
                    bad.add(tp + "@" + offset);
                }
            });
            d.start(app);
            assertThat(t.get("apple")).isEqualTo(2L);
            assertThat(t.get("plum")).isEqualTo(4L);
            assertThat(t.containsKey("pear")).as("the record that does not decode is skipped").isFalse();
            assertThat(bad).as("reported with topic, partition and offset").containsExactly("bad-counts-changelog-0@1");
        }
    }

    @Test
    void a_changelog_written_by_python_faust_recovers_into_a_faust_java_table_and_faust_java_writes_faust_s_bytes() {
        try (AppTestDriver d = AppTestDriver.create()) {
            MemoryBroker mb = broker(d);
            String changelog = "interop-tables-product_counts-changelog";
            mb.declare(new TopicDeclaration(changelog, 1, 1, null, true, false, Map.of()));
            for (String sample : List.of("03-table-changelog-apple-2", "03-table-changelog-apple-3", "03-table-changelog-pear-5")) {
                mb.append(changelog, 0, null, wire(sample + ".key"), wire(sample + ".value"), Headers.empty(), 1);
            }
            App app = d.app("interop-tables");
            Topic<String, Long> orders = app.topic("orders", String.class, Long.class, o -> o.partitions(1));
            Table<String, Long> counts = app.table("product_counts", String.class, Long.class, () -> 0L,
                    o -> o.partitions(1));
            app.agent("count", orders, stream -> {
                for (var e : stream.events()) {
                    counts.merge(e.key(), e.value(), Long::sum);
                }
            });
            d.start(app);
            assertThat(counts.get("apple")).isEqualTo(3L);
            assertThat(counts.get("pear")).isEqualTo(5L);

            // and the reverse: a fresh key counted by faust-java is written as Python Faust writes it
            d.pipeInput(orders, "apple", -1L);
            var last = mb.visible(new faust.topic.TP(changelog, 0), 3).get(0);
            assertThat(last.key()).isEqualTo(wire("03-table-changelog-apple-2.key"));
            assertThat(last.value()).isEqualTo(wire("03-table-changelog-apple-2.value"));
        }
    }

    @Test
    void recovery_waits_stream_recovery_delay_after_a_rebalance_before_the_agents_see_an_event() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("delayed", c -> c.set(StreamSettings.STREAM_RECOVERY_DELAY,
                    Duration.ofMillis(400)));
            Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(1));
            app.table("t", String.class, Long.class, () -> 0L, o -> o.partitions(1));
            List<Long> firstEventAfter = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();
            app.agent("first", in, stream -> {
                for (String s : stream) {
                    if (firstEventAfter.isEmpty()) {
                        firstEventAfter.add((System.nanoTime() - started) / 1_000_000);
                    }
                }
            });
            d.start(app);
            d.pipeInput(in, "k", "v");
            assertThat(firstEventAfter).hasSize(1);
            assertThat(firstEventAfter.get(0)).as("ms from start to the first event").isGreaterThanOrEqualTo(400L);
        }
    }

    @Test
    void a_rebalance_during_recovery_restarts_it_for_the_new_assignment_and_no_input_is_lost() {
        try (AppTestDriver d = AppTestDriver.create()) {
            Worker first = new Worker(d, "rebal", "memory://");
            d.start(first.app);
            for (int i = 0; i < 30; i++) {
                d.pipeInput(first.words, "w" + i % 6, "w" + i % 6);
            }
            first.app.stop();
            // a slow recovery (40 ms a record: over a second), and a second worker joins in the middle of it
            Worker slow = new Worker(d, "rebal", "memory://", 40);
            slow.app.start();
            Await.until(Duration.ofSeconds(10), () -> slow.changelogEvents.size() >= 3,
                    "the recovery to be under way");
            for (int i = 0; i < 6; i++) {
                slow.words.send("w" + i, "w" + i).join();          // input arriving during the rebalance
            }
            Worker joining = new Worker(d, "rebal", "memory://");
            joining.app.start();
            try {
                Await.until(Duration.ofSeconds(30), () -> sum(slow) + sum(joining) == 36,
                        () -> "every input counted: " + sum(slow) + " + " + sum(joining) + " of 36");
                for (int i = 0; i < 6; i++) {
                    String w = "w" + i;
                    Long here = slow.counts.containsKey(w) ? slow.counts.get(w) : joining.counts.get(w);
                    assertThat(here).as(w + ", counted once, 5 before and 1 during the rebalance").isEqualTo(6L);
                }
            } finally {
                joining.app.stop();
                slow.app.stop();
            }
            assertThat(slow.recovered.get() + joining.recovered.get()).as("each worker recovered for its final assignment")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    private static long sum(Worker w) {
        return w.counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void with_more_workers_than_partitions_the_worker_without_one_is_ready_and_the_others_count() {
        try (AppTestDriver d = AppTestDriver.create()) {
            List<Worker> workers = List.of(new Worker(d, "many", "memory://"), new Worker(d, "many", "memory://"),
                    new Worker(d, "many", "memory://"));
            for (Worker w : workers) {
                d.start(w.app);
            }
            assertThat(workers).filteredOn(w -> w.app.assignment().stream()
                    .noneMatch(tp -> tp.topic().equals("words"))).as("two partitions, three workers").hasSize(1);
            for (int i = 0; i < 10; i++) {
                d.pipeInput(workers.get(0).words, "w" + i % 2, "w" + i % 2);
            }
            long sum = 0;
            for (Worker w : workers) {
                sum += w.counts.values().stream().mapToLong(Long::longValue).sum();
            }
            assertThat(sum).isEqualTo(10);
        }
    }
}
