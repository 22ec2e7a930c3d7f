package faust.table;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.AppTestDriver;
import faust.topic.Topic;
import faust.transport.internal.Partitioner;
import faust.window.HoppingWindow;
import faust.window.TumblingWindow;
import faust.window.Window;
import faust.window.WindowRange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Window closes against a reference model written here: random keys, timestamps (in order, and
 * shuffled by up to a few seconds), window kinds and grace; the closes a windowed table emits, and
 * each one's aggregate, equal what the model computes from the input.
 */
class WindowClosePropertyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int PARTITIONS = 2;

    /** One input: a key and an offset in seconds from T0. */
    record In(String key, long second) {}

    /** One close: key, window and the count in it. */
    record Closed(String key, WindowRange window, long count) {}

    @Provide
    Arbitrary<List<In>> inputs() {
        Arbitrary<In> one = Combinators.combine(Arbitraries.of("a", "b", "c", "d", "e"),
                Arbitraries.longs().between(0, 6)).as(In::new);
        // each event's time moves on by 0..6 s, then is shuffled back by up to 8 s: some events are late
        return one.list().ofMinSize(1).ofMaxSize(60).flatMap(steps -> Arbitraries.longs().between(0, 8)
                .list().ofSize(steps.size()).map(back -> {
                    List<In> out = new ArrayList<>();
                    long t = 100;
                    for (int i = 0; i < steps.size(); i++) {
                        t += steps.get(i).second();
                        out.add(new In(steps.get(i).key(), Math.max(0, t - back.get(i))));
                    }
                    return out;
                }));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Window, Long>> windows() {
        Arbitrary<Window> tumbling = Arbitraries.longs().between(2, 12).map(size ->
                new TumblingWindow(Duration.ofSeconds(size), Duration.ofSeconds(30)));
        Arbitrary<Window> hopping = Combinators.combine(Arbitraries.longs().between(4, 12), Arbitraries.longs().between(1, 4))
                .as((size, step) -> new HoppingWindow(Duration.ofSeconds(size), Duration.ofSeconds(step), Duration.ofSeconds(30)));
        return Combinators.combine(Arbitraries.oneOf(tumbling, hopping), Arbitraries.longs().between(0, 10)).as(Tuple::of);
    }

    @Property(tries = 25)
    void the_closes_and_their_aggregates_equal_the_model_s(@ForAll("inputs") List<In> inputs,
                                                         @ForAll("windows") Tuple.Tuple2<Window, Long> w) {
        Window window = w.get1();
        long grace = w.get2();
        List<Closed> emitted = new CopyOnWriteArrayList<>();
        try (AppTestDriver d = AppTestDriver.create()) {
            App app = d.app("prop");
            Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(PARTITIONS));
            WindowedTable<String, Long> t = app.table("t", String.class, Long.class, () -> 0L, o -> o.partitions(PARTITIONS))
                    .usingWindow(window).grace(Duration.ofSeconds(grace))
                    .onWindowClose((k, r, v) -> emitted.add(new Closed(k, r, v)));
            app.agent("count", in, stream -> {
                for (var e : stream.events()) {
                    t.get(e.key()).merge(1L, Long::sum);
                }
            });
            d.start(app);
            for (In i : inputs) {
                d.pipeInput(in, i.key(), "x", T0.plusSeconds(i.second()));
            }
        }
        assertThat(new TreeSet<>(emitted.stream().map(Object::toString).toList()))
                .as("no close twice").hasSize(emitted.size());
        assertThat(Set.copyOf(emitted)).isEqualTo(model(inputs, window, grace * 1000));
        Map<Integer, Instant> lastEnd = new HashMap<>();
        for (Closed c : emitted) {
            Instant before = lastEnd.put(partition(c.key()), c.window().end());
            assertThat(before == null || !before.isAfter(c.window().end())).as("closes in order of the windows' ends within "
                    + "a partition: " + emitted).isTrue();
        }
    }

    private static int partition(String key) {
        return Partitioner.partitionFor(key.getBytes(StandardCharsets.UTF_8), PARTITIONS);
    }

    /** The model: per partition, stream time is the largest timestamp; a write to a window closed by it is late. */
    private static Set<Closed> model(List<In> inputs, Window window, long grace) {
        Map<Integer, Long> streamTime = new HashMap<>();
        Map<Integer, Map<String, Map<WindowRange, Long>>> counts = new HashMap<>();
        for (In i : inputs) {
            int p = partition(i.key());
            Instant ts = T0.plusSeconds(i.second());
            long st = Math.max(streamTime.getOrDefault(p, Long.MIN_VALUE), ts.toEpochMilli());
            streamTime.put(p, st);
            for (WindowRange r : window.ranges(ts)) {
                if (r.end().toEpochMilli() + grace <= st) {
                    continue;       // late
                }
                counts.computeIfAbsent(p, x -> new HashMap<>()).computeIfAbsent(i.key(), x -> new HashMap<>())
                        .merge(r, 1L, Long::sum);
            }
        }
        Set<Closed> closed = new HashSet<>();
        counts.forEach((p, byKey) -> byKey.forEach((k, byWindow) -> byWindow.forEach((r, n) -> {
            if (r.end().toEpochMilli() + grace <= streamTime.get(p)) {
                closed.add(new Closed(k, r, n));
            }
        })));
        return closed;
    }
}
