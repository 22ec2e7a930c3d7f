package faust.examples.windowing;

import faust.App;
import faust.AppConfig;
import faust.codec.FaustRecord;
import faust.table.WindowSet;
import faust.table.WindowedTable;
import faust.topic.Topic;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Faust's windowing/hopping.py: a timer publishes an event every 2 seconds; an agent counts the
 * events in a table of hopping windows, 10 seconds long with a new one every 5 seconds (kept 10
 * minutes), and prints the counter's {@code now()}, {@code current()}, {@code value()} and
 * {@code delta(30)}.
 *
 * <pre>{@code bin/faust -A faust.examples.windowing.Hopping worker --broker kafka://localhost:9092}</pre>
 *
 * <p>Each instant is in two windows; an event counts in both, and the reads below look in the
 * latest of them, the one that started at the last multiple of 5 s. For events at seconds 0, 2,
 * 4, ... of a run that starts on a window's start, each event reads:
 *
 * <pre>
 * event at second   0  2  4  6  8 | 10 12 14 16 18 | 20 22 24 26 28 | 30 32 ...
 * current()         1  2  3  1  2 |  1  2  3  1  2 |  1  2  3  1  2 |  1  2 ...
 * value()           1  2  3  1  2 |  1  2  3  1  2 |  1  2  3  1  2 |  1  2 ...
 * delta(30)         0  0  0  0  0 |  0  0  0  0  0 |  0  0  0  3  3 |  5  5 ...
 * </pre>
 *
 * <ul>
 *   <li>{@code current()}: the latest window of the event's timestamp has been open for 0 to 4
 *       seconds, so it holds 1 to 3 events.</li>
 *   <li>{@code value()}: the table is relative to the stream (the default), so it is
 *       {@code current()}.</li>
 *   <li>{@code delta(30)}: the latest window of the instant 30 s before the event. At seconds 26
 *       and 28 that is {@code [-5, 5)}, which holds the events at 0, 2 and 4; from second 30 on a
 *       whole window of 5 events; before, 0.</li>
 *   <li>{@code now()}: the latest window holding the wall clock's now. When events are stamped as
 *       they are published, that is {@code current()} (unless a window started between the publish
 *       and the read); for a replay of old events it is 0. Faust's {@code now()} returns the
 *       <em>earliest</em> window holding a "now" taken relative to the partition, here the older of
 *       the two windows.</li>
 * </ul>
 *
 * <p>Faust's example publishes its events without a key. A table write goes to the partition of
 * the event being processed, so here the events are keyed by the counter's key, which keeps all of
 * the counter's writes on one partition; with events spread over the topic's partitions, each
 * partition would count its own share (as with Faust's RocksDB store; Faust's in-memory store has
 * one map for all partitions).
 */
public final class Hopping {
    /** How long a window lasts. */
    public static final Duration SIZE = Duration.ofSeconds(10);
    /** How often a window starts. */
    public static final Duration STEP = Duration.ofSeconds(5);
    /** How long a window is kept after it ends. */
    public static final Duration EXPIRES = Duration.ofMinutes(10);
    /** The key of the counter, and of every event. */
    public static final String COUNTER = "counter";
    /** How often the timer publishes an event. */
    public static final Duration EVERY = Duration.ofSeconds(2);

    private Hopping() {}

    /**
     * An event; its content does not matter.
     *
     * @param random a random number
     */
    @FaustRecord(namespace = "examples.windowing.hopping.Model")
    public record Model(double random) {}

    /**
     * The app, the topic it reads and the table it keeps.
     *
     * @param app the app
     * @param events the events the timer publishes, keyed by {@link Hopping#COUNTER}
     * @param counts the event count per window, under the key {@code counter}
     */
    public record HoppingApp(App app, Topic<String, Model> events, WindowedTable<String, Long> counts) {}

    /**
     * @param settings the deployment's settings
     * @param out where the agent prints the readings of each event
     * @return the app, its topic and its table
     */
    public static HoppingApp create(Consumer<AppConfig> settings, Consumer<Reading> out) {
        App app = App.create("windowing", settings);
        Topic<String, Model> events = app.topic("hopping_topic", String.class, Model.class);
        WindowedTable<String, Long> counts = app.table("hopping_table", String.class, Long.class, () -> 0L)
                .hopping(SIZE, STEP, EXPIRES);

        app.agent("print_windowed_events", events, stream -> {
            for (Model ignored : stream) {
                WindowSet<String, Long> counter = counts.get(COUNTER);
                counter.merge(1L, Long::sum);          // Faust: hopping_table['counter'] += 1, in both windows
                out.accept(Reading.of(counter));
            }
        });
        app.timer(EVERY, t -> t.name("publish_every_2secs").onLeader(),
                () -> events.send(COUNTER, new Model(Math.round(ThreadLocalRandom.current().nextDouble() * 100) / 100.0)));
        return new HoppingApp(app, events, counts);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        create(cfg -> cfg.broker("memory://"), r -> System.out.println(r.lines("hopping(10, 5)"))).app().main(args);
    }
}
