package faust.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.AppTestDriver;
import faust.errors.FaustException;
import faust.errors.ImproperlyConfiguredException;
import faust.stream.KeyValue;
import faust.topic.TP;
import faust.topic.Topic;
import faust.transport.TrackedMessage;
import faust.transport.internal.MemoryBroker;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import faust.window.HoppingWindow;
import faust.window.SlidingWindow;
import faust.window.WindowRange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Windowed tables on the memory transport: writes per window, reads, closes on stream time, expiry, the changelog. */
class WindowedTableTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    /** A close seen by a listener. */
    record Close(String key, WindowRange window, long value) {
        @Override
        public String toString() {
            return key + "@" + window.start().getEpochSecond() % 3600 + "-" + window.end().getEpochSecond() % 3600 + "=" + value;
        }
    }

    private static MemoryBroker broker(AppTestDriver d) {
        return MemoryBroker.named(URI.create(d.brokerUrl()).getHost());
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static WindowRange range(long startSeconds, long endSeconds) {
        return new WindowRange(at(startSeconds), at(endSeconds));
    }

    @Test
    void a_tumbling_count_closes_each_window_once_on_stream_time_with_its_aggregate_and_deletes_it_when_it_expires() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("tumble");
            Topic<String, String> clicks = app.topic("clicks", String.class, String.class, o -> o.partitions(1));
            Topic<String, Long> finals = app.topic("finals", String.class, Long.class, o -> o.partitions(1));
            List<Close> closes = new CopyOnWriteArrayList<>();
            WindowedTable<String, Long> counts = app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(1))
                    .tumbling(Duration.ofSeconds(10), Duration.ofSeconds(5))
                    .relativeToStream()
                    .onWindowClose((k, w, v) -> closes.add(new Close(k, w, v)))
                    .finalResults(finals, (k, w, v) -> v);
            app.agent("count", clicks, stream -> {
                for (var e : stream.events()) {
                    counts.get(e.key()).merge(1L, Long::sum);
                }
            });
            d.start(app);
            d.pipeInput(clicks, "a", "x", at(1));
            d.pipeInput(clicks, "a", "x", at(9));
            d.pipeInput(clicks, "b", "x", at(9));
            assertThat(counts.get("a").at(range(0, 10))).isEqualTo(2L);
            assertThat(counts.get("b").at(range(0, 10))).isEqualTo(1L);
            d.pipeInput(clicks, "a", "x", at(14));
            assertThat(closes).as("window [0,10) closes when stream time reaches 10 + grace 5 = 15").isEmpty();
            d.pipeInput(clicks, "a", "x", at(15));
            assertThat(closes).hasToString("[a@0-10=2, b@0-10=1]");
            assertThat(d.readOutput(finals)).containsExactly(new KeyValue<>("a", 2L), new KeyValue<>("b", 1L));
            assertThat(counts.get("a").at(range(0, 10))).as("expires 5 s = grace: deleted as it closes").isEqualTo(0L);
            assertThat(counts.get("a").at(range(10, 20))).isEqualTo(2L);
            d.pipeInput(clicks, "b", "x", at(3));
            assertThat(counts.get("b").at(range(0, 10))).as("a late write is dropped").isEqualTo(0L);
            assertThat(app.monitor().tables().get("counts").lateWrites()).isEqualTo(1);
            assertThat(app.monitor().tables().get("counts").windowsClosed()).isEqualTo(2);

            List<String> log = new ArrayList<>();
            for (TrackedMessage m : broker(d).visible(new TP("tumble-counts-changelog", 0), 0)) {
                log.add(text(m.key()) + "=" + text(m.value()));
            }
            assertThat(log).as("Faust's windowed keys, [key, [start, start + size - 0.1]]; tombstones at expiry")
                    .containsExactly("[\"a\",[1796637600.0,1796637609.9]]=1", "[\"a\",[1796637600.0,1796637609.9]]=2",
                            "[\"b\",[1796637600.0,1796637609.9]]=1", "[\"a\",[1796637610.0,1796637619.9]]=1",
                            "[\"a\",[1796637610.0,1796637619.9]]=2", "[\"a\",[1796637600.0,1796637609.9]]=null",
                            "[\"b\",[1796637600.0,1796637609.9]]=null");
            var decl = broker(d).declaration("tumble-counts-changelog");
            assertThat(decl.compacting()).isTrue();
            assertThat(decl.deleting()).isTrue();
            assertThat(decl.retention()).as("a window's lifetime: its size, then expires").isEqualTo(Duration.ofSeconds(15));
        }
    }

    @Test
    void a_hopping_write_goes_to_every_window_holding_the_timestamp() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("hop");
            Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(1));
            WindowedTable<String, Long> t = app.table("t", String.class, Long.class, () -> 0L, o -> o.partitions(1))
                    .hopping(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(1));
            app.agent("a", in, stream -> {
                for (var e : stream.events()) {
                    t.get(e.key()).merge(1L, Long::sum);
                }
            });
            d.start(app);
            d.pipeInput(in, "k", "x", at(6));
            d.pipeInput(in, "k", "x", at(12));
            assertThat(t.get("k").at(range(0, 10))).isEqualTo(1L);
            assertThat(t.get("k").at(range(5, 15))).isEqualTo(2L);
            assertThat(t.get("k").at(range(10, 20))).isEqualTo(1L);
        }
    }

    @Test
    void a_replay_of_a_day_old_history_closes_every_window_once_in_order_as_live_data_would() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("replay");
            Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(1));
            List<Close> closes = new CopyOnWriteArrayList<>();
            WindowedTable<String, Long> t = app.table("t", String.class, Long.class, () -> 0L, o -> o.partitions(1))
                    .tumbling(Duration.ofMinutes(1), Duration.ofMinutes(1))
                    .onWindowClose((k, w, v) -> closes.add(new Close(k, w, v)));
            app.agent("a", in, stream -> {
                for (var e : stream.events()) {
                    t.get(e.key()).merge(1L, Long::sum);
                }
            });
            d.start(app);
            Instant dayAgo = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
            for (int s = 0; s < 600; s += 10) {        // 10 minutes of history, an event every 10 s
                d.pipeInput(in, "k", "x", dayAgo.plusSeconds(s));
            }
            assertThat(closes).as("the last 2 minutes are not closed yet: stream time is 9:50, so [8:00, 9:00) waits "
                    + "until 10:00").hasSize(8);
            for (int i = 0; i < closes.size(); i++) {
                assertThat(closes.get(i).window().start()).isEqualTo(dayAgo.plusSeconds(60L * i));
                assertThat(closes.get(i).value()).isEqualTo(6L);
            }
        }
    }

    @Test
    void window_set_reads_pick_the_window_of_the_event_of_now_of_a_delta_or_the_one_named() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("reads");
            Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(1));
            WindowedTable<String, Long> t = app.table("t", String.class, Long.class, () -> 0L, o -> o.partitions(1))
                    .tumbling(Duration.ofSeconds(10), null, true);
            List<String> seen = new CopyOnWriteArrayList<>();
            app.agent("a", in, stream -> {
                for (var e : stream.events()) {
                    if (e.value().equals("del")) {
                        t.delete(e.key());
                        continue;
                    }
                    WindowSet<String, Long> w = t.get(e.key());
                    w.merge(1L, Long::sum);
                    seen.add(w.value() + "/" + w.current() + "/" + w.delta(Duration.ofSeconds(10)) + "/" + w.now());
                }
            });
            d.start(app);
            d.pipeInput(in, "k", "x", at(1));
            d.pipeInput(in, "k", "x", at(2));
            d.pipeInput(in, "k", "x", at(12));
            d.pipeInput(in, "j", "x", at(13));
            assertThat(seen).containsExactly("1/1/0/0", "2/2/0/0", "1/1/2/0", "1/1/0/0");
            assertThat(t.keys()).containsExactlyInAnyOrder("k", "j");
            assertThat(t.size()).isEqualTo(2);
            assertThat(t.items()).as("outside an event, value() is the window holding now").containsOnly(
                    Map.entry("k", 0L), Map.entry("j", 0L));
            assertThat(t.values()).containsExactly(0L, 0L);
            assertThat(t.itemsNow()).as("nothing was written in the window holding now").containsOnly(
                    Map.entry("k", 0L), Map.entry("j", 0L));
            Instant now = Instant.now();
            assertThat(t.get("k").now()).isEqualTo(0L);
            d.pipeInput(in, "j", "del", at(13));
            assertThat(t.keys()).as("del table[key] drops the key from the index, as Faust's").containsExactly("k");
            assertThat(t.get("j").at(range(10, 20))).isEqualTo(0L);
            assertThat(t.get("k").at(new HoppingWindow(Duration.ofSeconds(10), Duration.ofSeconds(10), null).current(now)))
                    .isEqualTo(0L);
        }
    }

    @Test
    void declarations_that_cannot_work_fail_naming_the_table_and_the_fix() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("bad");
            Table<String, Long> plain = app.table("plain", String.class, Long.class, () -> 0L);
            WindowedTable<String, Long> w = plain.tumbling(Duration.ofSeconds(10), Duration.ofSeconds(5));
            assertThatThrownBy(() -> w.grace(Duration.ofSeconds(6))).isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("'plain'").hasMessageContaining("deleted before it closes");
            assertThatThrownBy(() -> plain.hopping(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                    .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("windowed already");
            assertThatThrownBy(() -> plain.get("k")).isInstanceOf(FaustException.class)
                    .hasMessageContaining("is windowed");
            WindowedTable<String, Long> forever = app.table("forever", String.class, Long.class, () -> 0L)
                    .tumbling(Duration.ofSeconds(10));
            assertThatThrownBy(() -> forever.onWindowClose((k, r, v) -> { }))
                    .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("never close");
            assertThatThrownBy(forever::keys).isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("key index");
            assertThatThrownBy(() -> app.globalTable("g", String.class, Long.class, null).tumbling(Duration.ofSeconds(1)))
                    .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("global");
            assertThatThrownBy(() -> app.table("z", String.class, Long.class, null).tumbling(Duration.ZERO))
                    .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("size");
            assertThatThrownBy(() -> app.table("s", String.class, Long.class, null)
                    .hopping(Duration.ofSeconds(1), Duration.ofSeconds(2))).isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("step");
            d.start(app);
            assertThatThrownBy(w::relativeToNow).isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("after the app started");
        }
    }

    @Test
    void a_record_whose_time_field_is_missing_or_unparsable_is_reported_with_where_it_is_and_skipped() {
        Logger bad = (Logger) LoggerFactory.getLogger("faust.internal.BadInputLog");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        bad.addAppender(logs);
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("field");
            Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(1));
            WindowedTable<String, Long> t = app.table("t", String.class, Long.class, () -> 0L, o -> o.partitions(1))
                    .tumbling(Duration.ofSeconds(10), Duration.ofSeconds(10)).relativeToField((String v) -> v);
            app.agent("a", in, stream -> {
                for (var e : stream.events()) {
                    t.get(e.key()).merge(1L, Long::sum);
                }
            });
            d.start(app);
            d.pipeInput(in, "k", "2026-12-07T10:00:01Z");
            d.pipeInput(in, "k", "garbage");
            d.pipeInput(in, "k", String.valueOf(T0.getEpochSecond() + 2));
            d.pipeInput(in, "k", String.valueOf(T0.toEpochMilli() + 3000));
            assertThat(t.get("k").at(range(0, 10))).as("ISO, epoch seconds and epoch millis; the garbage skipped")
                    .isEqualTo(3L);
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).contains("windowed table 't'").contains("'garbage'")
                            .contains("topic=in partition=0 offset=1"));
        } finally {
            bad.detachAppender(logs);
        }
    }

    @Test
    void a_quiet_partition_closes_its_windows_once_its_stream_time_follows_the_wall_clock() throws Exception {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("idle");
            Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(1));
            List<Close> closes = new CopyOnWriteArrayList<>();
            WindowedTable<String, Long> t = app.table("t", String.class, Long.class, () -> 0L, o -> o.partitions(1))
                    .tumbling(Duration.ofMillis(200), Duration.ofMillis(100))
                    .advanceIdlePartitionsAfter(Duration.ofMillis(300))
                    .onWindowClose((k, w, v) -> closes.add(new Close(k, w, v)));
            app.agent("a", in, stream -> {
                for (var e : stream.events()) {
                    t.get(e.key()).merge(1L, Long::sum);
                }
            });
            d.start(app);
            Instant ts = Instant.parse("2020-01-01T00:00:00Z");       // old event time: only idleness can close it
            d.pipeInput(in, "k", "x", ts);
            assertThat(closes).isEmpty();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (closes.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(closes).as("after 300 ms quiet, 300 ms more of wall clock passes the window's end + 100 ms")
                    .hasSize(1);
            assertThat(closes.get(0).value()).isEqualTo(1L);
        }
    }

    @Test
    void a_relative_to_now_table_closes_on_the_wall_clock_and_expires_may_be_shorter_than_the_size() throws Exception {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("now");
            Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(1));
            List<Close> closes = new CopyOnWriteArrayList<>();
            WindowedTable<String, Long> t = app.table("t", String.class, Long.class, () -> 0L, o -> o.partitions(1))
                    .tumbling(Duration.ofMillis(500), Duration.ofMillis(50)).relativeToNow()
                    .onWindowClose((k, w, v) -> closes.add(new Close(k, w, v)));
            app.agent("a", in, stream -> {
                for (var e : stream.events()) {
                    t.get(e.key()).merge(1L, Long::sum);
                }
            });
            d.start(app);
            d.pipeInput(in, "k", "x", Instant.parse("2020-01-01T00:00:00Z"));
            d.pipeInput(in, "k", "x", Instant.parse("2020-01-01T00:00:00Z"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (closes.stream().mapToLong(Close::value).sum() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(closes.stream().mapToLong(Close::value).sum()).as("both writes counted in windows of now, closed "
                    + "50 ms after their end on the wall clock").isEqualTo(2L);
            assertThat(closes).allSatisfy(c -> assertThat(c.window().end()).isBefore(Instant.now()));
        }
    }

    @Test
    void a_sliding_window_through_using_window_holds_each_write_in_its_own_range() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("slide");
            Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(1));
            WindowedTable<String, Long> t = app.table("t", String.class, Long.class, () -> 0L, o -> o.partitions(1))
                    .usingWindow(new SlidingWindow(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(1)));
            app.agent("a", in, stream -> {
                for (var e : stream.events()) {
                    t.get(e.key()).merge(1L, Long::sum);
                }
            });
            d.start(app);
            d.pipeInput(in, "k", "x", at(20));
            assertThat(t.get("k").at(range(10, 25))).isEqualTo(1L);
            List<String> keys = new ArrayList<>();
            for (TrackedMessage m : broker(d).visible(new TP("slide-t-changelog", 0), 0)) {
                keys.add(text(m.key()));
            }
            assertThat(keys).as("a sliding range is written [start, end], without Faust's -0.1")
                    .containsExactly("[\"k\",[1796637610.0,1796637625.0]]");
        }
    }
}
