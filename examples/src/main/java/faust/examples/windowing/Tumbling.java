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
 * Faust's windowing/tumbling.py: a timer publishes an event every 2 seconds; an agent counts the
 * events in a table of tumbling 10-second windows (kept 10 minutes) and prints the counter's
 * {@code now()}, {@code current()}, {@code value()} and {@code delta(30)}.
 *
 * <pre>{@code bin/faust -A faust.examples.windowing.Tumbling worker --broker kafka://localhost:9092}</pre>
 *
 * <p>For events at seconds 0, 2, 4, ... of a run that starts on a window's start, the windows are
 * {@code [0, 10)}, {@code [10, 20)}, ..., and each event reads:
 *
 * <pre>
 * event at second   0  2  4  6  8 | 10 12 14 16 18 | ... | 30 32 ...
 * current()         1  2  3  4  5 |  1  2  3  4  5 | ... |  1  2 ...
 * value()           1  2  3  4  5 |  1  2  3  4  5 | ... |  1  2 ...
 * delta(30)         0  0  0  0  0 |  0  0  0  0  0 | ... |  5  5 ...
 * </pre>
 *
 * <ul>
 *   <li>{@code current()}: the window of the event's timestamp, so it goes from 1 to 5.</li>
 *   <li>{@code value()}: the window of the table's timestamp of the event; the table is relative to
 *       the stream (the default), so it is {@code current()}.</li>
 *   <li>{@code delta(30)}: the window that was current 30 s before the event: 0 while that is
 *       before the first event, then a full window, 5.</li>
 *   <li>{@code now()}: the window holding the wall clock's now. When events are stamped as they are
 *       published, that is the event's window, so it also goes from 1 to 5 (unless a window ended
 *       between the publish and the read); for a replay of old events it is 0. Faust's
 *       {@code now()} returns the <em>earliest</em> window holding a "now" taken relative to the
 *       partition; for tumbling windows there is only one.</li>
 * </ul>
 *
 * <p>Faust's example publishes its events without a key. A table write goes to the partition of
 * the event being processed, so here the events are keyed by the counter's key, which keeps all of
 * the counter's writes on one partition; with events spread over the topic's partitions, each
 * partition would count its own share (as with Faust's RocksDB store; Faust's in-memory store has
 * one map for all partitions).
 */
public final class Tumbling {
    /** The windows: 10 seconds each. */
    public static final Duration SIZE = Duration.ofSeconds(10);
    /** How long a window is kept after it ends. */
    public static final Duration EXPIRES = Duration.ofMinutes(10);
    /** The key of the counter, and of every event. */
    public static final String COUNTER = "counter";
    /** How often the timer publishes an event. */
    public static final Duration EVERY = Duration.ofSeconds(2);

    private Tumbling() {}

    /**
     * An event; its content does not matter.
     *
     * @param random a random number
     */
    @FaustRecord(namespace = "examples.windowing.tumbling.Model")
    public record Model(double random) {}

    /**
     * The app, the topic it reads and the table it keeps.
     *
     * @param app the app
     * @param events the events the timer publishes, keyed by {@link Tumbling#COUNTER}
     * @param counts the event count per window, under the key {@code counter}
     */
    public record TumblingApp(App app, Topic<String, Model> events, WindowedTable<String, Long> counts) {}

    /**
     * @param settings the deployment's settings
     * @param out where the agent prints the readings of each event
     * @return the app, its topic and its table
     */
    public static TumblingApp create(Consumer<AppConfig> settings, Consumer<Reading> out) {
        App app = App.create("windowing", settings);
        Topic<String, Model> events = app.topic("tumbling_topic", String.class, Model.class);
        WindowedTable<String, Long> counts = app.table("tumbling_table", String.class, Long.class, () -> 0L)
                .tumbling(SIZE, EXPIRES);

        app.agent("print_windowed_events", events, stream -> {
            for (Model ignored : stream) {
                WindowSet<String, Long> counter = counts.get(COUNTER);
                counter.merge(1L, Long::sum);          // Faust: tumbling_table['counter'] += 1
                out.accept(Reading.of(counter));
            }
        });
        app.timer(EVERY, t -> t.name("publish_every_2secs").onLeader(),
                () -> events.send(COUNTER, new Model(Math.round(ThreadLocalRandom.current().nextDouble() * 100) / 100.0)));
        return new TumblingApp(app, events, counts);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        create(cfg -> cfg.broker("memory://"), r -> System.out.println(r.lines("tumbling(10)"))).app().main(args);
    }
}
