package faust.examples;

import faust.App;
import faust.AppConfig;
import faust.codec.FaustRecord;
import faust.table.WindowedTable;
import faust.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Faust's windowed_aggregation.py: raw events carry a date and a value; a table of tumbling
 * 10-second windows, placed by each event's {@code date} ({@code relativeToField}), gathers the
 * values; when a window closes, its count and mean go to a sink topic.
 *
 * <pre>{@code bin/faust -A WindowedAggregation worker --broker kafka://localhost:9092}</pre>
 *
 * <p>A window closes once the partition has seen a date 1 second (its {@code expires}, which is
 * also its grace) past the window's end; an event dated in a window that has closed is dropped.
 * Faust keeps the list of a window's events and its {@code on_window_close} callback gets that
 * list; here the listener gets the window's final value, so the table keeps a running count and
 * sum per window, which is all the mean needs, instead of every event.
 */
public final class WindowedAggregation {
    /** The windows: 10 seconds each. */
    public static final Duration WINDOW = Duration.ofSeconds(10);
    /** How long a window is kept after it ends; it closes then too. */
    public static final Duration WINDOW_EXPIRES = Duration.ofSeconds(1);

    private WindowedAggregation() {}

    /**
     * A raw event.
     *
     * @param date when it happened; the window it counts in
     * @param value its value
     */
    @FaustRecord(namespace = "examples.windowed_aggregation.RawModel")
    public record RawModel(Instant date, double value) {}

    /**
     * A closed window's aggregate.
     *
     * @param date the window's start
     * @param count how many events it held
     * @param mean their values' mean
     */
    @FaustRecord(namespace = "examples.windowed_aggregation.AggModel")
    public record AggModel(Instant date, long count, double mean) {}

    /**
     * A window's running aggregate, what the table keeps.
     *
     * @param count how many values
     * @param sum their sum
     */
    public record Tally(long count, double sum) {
        /** Nothing yet. */
        public static final Tally EMPTY = new Tally(0, 0);

        /**
         * @param value a value
         * @return this tally with the value added
         */
        public Tally plus(double value) {
            return new Tally(count + 1, sum + value);
        }

        /** @return the values' mean; NaN for none */
        public double mean() {
            return sum / count;
        }
    }

    /**
     * The app, its topics and its table.
     *
     * @param app the app
     * @param source the raw events
     * @param sink each closed window's aggregate
     * @param table the running aggregate of each window, under the key {@code events}
     */
    public record WindowedAggregationApp(App app, Topic<String, RawModel> source, Topic<String, AggModel> sink,
                                         WindowedTable<String, Tally> table) {}

    /**
     * @param settings the deployment's settings
     * @param out where a closed window's aggregate is printed
     * @return the app, its topics and its table
     */
    public static WindowedAggregationApp create(Consumer<AppConfig> settings, Consumer<String> out) {
        App app = App.create("windowed-agg", cfg -> settings.accept(cfg.topicPartitions(1)));
        Topic<String, RawModel> source = app.topic("raw-event", String.class, RawModel.class);
        Topic<String, AggModel> sink = app.topic("agg-event", String.class, AggModel.class);
        WindowedTable<String, Tally> table = app.table("tumbling_table", String.class, Tally.class, () -> Tally.EMPTY,
                        o -> o.partitions(1))
                .tumbling(WINDOW, WINDOW_EXPIRES)
                .relativeToField(RawModel::date)
                .onWindowClose((key, window, tally) -> {
                    out.accept(String.format(Locale.ROOT, "processing window: %d events, mean: %.2f, timestamp %s",
                            tally.count(), tally.mean(), window.start()));
                    sink.send(new AggModel(window.start(), tally.count(), tally.mean()));
                });

        app.agent("print_windowed_events", source, stream -> {
            for (RawModel event : stream) {
                table.get("events").update(tally -> tally == null ? Tally.EMPTY.plus(event.value()) : tally.plus(event.value()));
            }
        });
        app.timer(Duration.ofMillis(100), t -> t.name("produce"),
                () -> source.send(new RawModel(Instant.now(), ThreadLocalRandom.current().nextDouble())));
        return new WindowedAggregationApp(app, source, sink, table);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        create(cfg -> cfg.broker("memory://"), System.out::println).app().main(args);
    }
}
