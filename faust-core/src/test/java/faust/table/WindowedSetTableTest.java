package faust.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.AppTestDriver;
import faust.errors.FaustException;
import faust.topic.TP;
import faust.topic.Topic;
import faust.transport.TrackedMessage;
import faust.transport.internal.MemoryBroker;
import faust.window.WindowRange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Windowed set tables: add and discard per window, Faust's windowed set operations, closes with the window's set, recovery. */
class WindowedSetTableTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static WindowRange range(long start, long end) {
        return new WindowRange(at(start), at(end));
    }

    /** A worker: "user:+page" or "user:-page" events add or discard pages in 10 s windows kept 60 s, closing 5 s after. */
    private static final class Worker {
        final App app;
        final Topic<String, String> in;
        final WindowedSetTable<String, String> pages;

        Worker(AppTestDriver d, List<String> closes) {
            app = d.app("wset");
            in = app.topic("in", String.class, String.class, o -> o.partitions(1));
            pages = app.setTable("pages", String.class, String.class, o -> o.partitions(1))
                    .tumbling(Duration.ofSeconds(10), Duration.ofSeconds(60)).grace(Duration.ofSeconds(5))
                    .onWindowClose((k, w, v) -> closes.add(k + "@" + (w.start().getEpochSecond() - T0.getEpochSecond())
                            + "=" + new TreeSet<>(v)));
            app.agent("visit", in, stream -> {
                for (var e : stream.events()) {
                    String page = e.value().substring(1);
                    if (e.value().startsWith("+")) {
                        pages.get(e.key()).add(page);
                    } else {
                        pages.get(e.key()).discard(page);
                    }
                }
            });
        }
    }

    @Test
    void add_and_discard_change_the_window_s_set_and_write_faust_s_windowed_set_operations() {
        List<String> closes = new CopyOnWriteArrayList<>();
        try (AppTestDriver d = AppTestDriver.create()) {
            Worker w = new Worker(d, closes);
            d.start(w.app);
            d.pipeInput(w.in, "ann", "+home", at(1));
            d.pipeInput(w.in, "ann", "+cart", at(2));
            d.pipeInput(w.in, "ann", "-home", at(3));
            d.pipeInput(w.in, "ann", "+home", at(12));
            assertThat(w.pages.get("ann").at(range(0, 10))).containsExactly("cart");
            assertThat(w.pages.get("ann").at(range(10, 20))).containsExactly("home");
            assertThat(w.pages.get("bob").at(range(0, 10))).as("a window nobody wrote is an empty set").isEmpty();
            d.pipeInput(w.in, "ann", "+faq", at(15));
            assertThat(closes).containsExactly("ann@0=[cart]");

            List<String> log = new ArrayList<>();
            MemoryBroker mb = MemoryBroker.named(URI.create(d.brokerUrl()).getHost());
            for (TrackedMessage m : mb.visible(new TP("wset-pages-changelog", 0), 0)) {
                log.add(new String(m.key(), StandardCharsets.UTF_8) + "=" + new String(m.value(), StandardCharsets.UTF_8));
            }
            assertThat(log.subList(0, 3)).as("[operation, [key, [start, end]]], as Faust's windowed SetTable").containsExactly(
                    "[1,[\"ann\",[1796637600.0,1796637609.9]]]=\"home\"",
                    "[1,[\"ann\",[1796637600.0,1796637609.9]]]=\"cart\"",
                    "[2,[\"ann\",[1796637600.0,1796637609.9]]]=\"home\"");
            assertThat(log).as("the closed window, kept until it expires, is marked by an empty update")
                    .contains("[15,[\"ann\",[1796637600.0,1796637609.9]]]=[[],[]]");
            var decl = mb.declaration("wset-pages-changelog");
            assertThat(decl.compacting()).as("operations are not compacted").isFalse();
            assertThat(decl.deleting()).isTrue();
        }
    }

    @Test
    void a_set_table_with_a_manager_or_a_windowed_one_s_plain_methods_are_refused_naming_why() {
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("wset-bad");
            SetTable<String, String> managed = app.setTable("managed", String.class, String.class, o -> o.startManager(true));
            assertThatThrownBy(() -> managed.tumbling(Duration.ofSeconds(1), null)).hasMessageContaining("manager");
            SetTable<String, String> plain = app.setTable("plain", String.class, String.class);
            plain.hopping(Duration.ofSeconds(10), Duration.ofSeconds(5), null);
            assertThatThrownBy(() -> plain.get("k")).isInstanceOf(FaustException.class).hasMessageContaining("is windowed");
            assertThatThrownBy(() -> plain.add("k", "v")).isInstanceOf(FaustException.class)
                    .hasMessageContaining("is windowed");
        }
    }

    @Test
    void a_restarted_worker_recovers_each_window_s_set_and_closes_each_window_once() {
        List<String> closes = new CopyOnWriteArrayList<>();
        try (AppTestDriver d = AppTestDriver.create()) {
            Worker first = new Worker(d, closes);
            d.start(first.app);
            d.pipeInput(first.in, "ann", "+home", at(1));
            d.pipeInput(first.in, "ann", "+cart", at(21));
            assertThat(closes).containsExactly("ann@0=[home]");
            first.app.stop();

            Worker second = new Worker(d, closes);
            d.start(second.app);
            assertThat(second.pages.get("ann").at(range(0, 10))).containsExactly("home");
            assertThat(second.pages.get("ann").at(range(20, 30))).containsExactly("cart");
            d.pipeInput(second.in, "ann", "-cart", at(22));
            d.pipeInput(second.in, "ann", "+faq", at(36));
            assertThat(closes).as("a window left empty has nothing to close with").containsExactly("ann@0=[home]");
            d.pipeInput(second.in, "ann", "+faq", at(75));
            assertThat(closes).containsExactly("ann@0=[home]", "ann@30=[faq]");
            assertThat(second.pages.get("ann").at(range(0, 10))).as("expired at 10 + 60 s: cleared").isEmpty();
        }
    }
}
