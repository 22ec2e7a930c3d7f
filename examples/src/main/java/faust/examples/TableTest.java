package faust.examples;

import faust.App;
import faust.AppConfig;
import faust.table.Table;
import faust.topic.Topic;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Faust's tabletest.py, a table-consistency check: a producer sends {@code n} increments spread
 * over keys, an agent adds each to a RocksDB table of 4 partitions, and the table's values must
 * add up to {@code n} (also after a worker restarts in the middle and recovers).
 *
 * <pre>{@code bin/faust -A TableTest worker --broker kafka://localhost:9092}</pre>
 */
public final class TableTest {
    /** Keys the increments are spread over. */
    public static final int KEYS = 100;

    private TableTest() {}

    /**
     * The app, its topic and its table.
     *
     * @param app the app
     * @param increments one record per increment, keyed by the key to increment
     * @param counts each key's count
     */
    public record TableTestApp(App app, Topic<String, Integer> increments, Table<String, Long> counts) {
        /**
         * Sends {@code n} increments, key {@code k-(i % KEYS)} for the i-th.
         *
         * @param n how many
         */
        public void produce(int n) {
            for (int i = 0; i < n; i++) {
                String key = "k-" + i % KEYS;
                increments.send(key, 1);
            }
        }

        /** @return the sum of the counts this worker holds */
        public long sum() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * @param settings the deployment's settings; the store is {@code rocksdb://} unless they say otherwise
     * @return the app, its topic and its table
     */
    public static TableTestApp create(Consumer<AppConfig> settings) {
        App app = App.create("tabletest", cfg -> settings.accept(cfg.store("rocksdb://").topicPartitions(4)));
        Topic<String, Integer> increments = app.topic("increments", String.class, Integer.class);
        Table<String, Long> counts = app.table("counts", String.class, Long.class, () -> 0L,
                o -> o.help("Increments per key"));

        app.agent("increment", increments, stream -> {
            for (var event : stream.events()) {
                String key = event.key();
                Integer by = event.value();
                if (key != null && by != null) {
                    counts.merge(key, by.longValue(), Long::sum);     // Faust: counts[key] += value
                }
            }
        });
        app.timer(Duration.ofSeconds(10), t -> t.name("report"), () ->
                System.out.println("[tabletest] " + counts.size() + " keys here, sum " + counts.values().stream()
                        .mapToLong(Long::longValue).sum()));
        return new TableTestApp(app, increments, counts);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        create(cfg -> { }).app().main(args);
    }
}
