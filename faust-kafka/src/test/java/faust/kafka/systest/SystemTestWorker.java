package faust.kafka.systest;

import faust.App;
import faust.sensor.TableState;
import faust.settings.ProcessingGuarantee;
import faust.stream.Event;
import faust.table.Table;
import faust.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One worker process of the scale-out system test: copies every input message to the output
 * topic, keeping key and value, and counts each key's inputs in a RocksDB table; twice a second it
 * writes the counts it holds to a snapshot file for the test to read. Run as
 * {@code java -cp ... SystemTestWorker <broker> <guarantee> <instance> <datadir> <snapshot file>}
 * by {@link ScaleOutSystemTest}; it runs until it is killed.
 */
public final class SystemTestWorker {
    static final int PARTITIONS = 8;
    static final String INPUT = "systest-in";

    private SystemTestWorker() {}

    static String output(String guarantee) {
        return "systest-out-" + guarantee;
    }

    /** @param args broker URL, processing guarantee (at_least_once or exactly_once), instance id, datadir, snapshot file */
    public static void main(String[] args) {
        String broker = args[0];
        String guarantee = args[1];
        String instance = args[2];
        Path datadir = Path.of(args[3]);
        Path snapshot = Path.of(args[4]);
        App app = App.create("systest-" + guarantee, cfg -> cfg
                .broker(broker)
                .processingGuarantee(ProcessingGuarantee.fromFaustName(guarantee))
                .keySerializer("raw").valueSerializer("raw")
                .brokerCommitInterval(Duration.ofMillis(200))
                .store("rocksdb://")
                .datadir(datadir)
                .set("broker_session_timeout", "6.0")
                .set("broker_heartbeat_interval", "1.0")
                .set("consumer_group_instance_id", instance)
                .set("topic_partitions", PARTITIONS));
        Topic<String, String> in = app.topic(INPUT, String.class, String.class, o -> o.partitions(PARTITIONS));
        Topic<String, String> out = app.topic(output(guarantee), String.class, String.class, o -> o.partitions(PARTITIONS));
        Table<String, Long> counts = app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(PARTITIONS));
        app.agent("copy", in, stream -> {
            for (Event<String, String> e : stream.events()) {
                out.send(e.key(), e.value());
                counts.merge(e.key(), 1L, Long::sum);
            }
        });
        app.timer(Duration.ofMillis(500), t -> t.name("snapshot"), () -> snapshot(app, counts, snapshot));
        app.main("worker", "--loglevel", "WARN");
    }

    /**
     * Writes the counts this worker holds, once its tables have recovered: a first line
     * {@code partitions <active partitions>}, then {@code <key> <count>} per key.
     */
    private static void snapshot(App app, Table<String, Long> counts, Path file) {
        TableState state = app.monitor().tables().get("counts");
        if (state == null || !state.recovery().finished()) {
            return;
        }
        Map<String, Long> here = new TreeMap<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            here.put(e.getKey(), e.getValue());
        }
        StringBuilder b = new StringBuilder("partitions " + state.activePartitions() + "\n");
        here.forEach((k, v) -> b.append(k).append(' ').append(v).append('\n'));
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, b);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
