package faust.bench.tables;

import static faust.bench.tables.TableBench.createTopic;
import static faust.bench.tables.TableBench.intOpt;

import faust.bench.tables.WindowInput.Expected;
import faust.embedded.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code bench/tables windows}: a tumbling-window count per key into RocksDB with final results
 * at each window's close, faust-java's windowed table against Kafka Streams'
 * {@code windowedBy(...).count().suppress(untilWindowCloses)}, at-least-once and exactly-once. The
 * input ({@link WindowInput}) spans an hour of event time in 1-minute windows and ends with a
 * record per partition that closes them all. A run is timed from start until the results topic,
 * read {@code read_committed}, holds every window's final count; then each count is checked against
 * the input's.
 */
final class WindowBench {
    static final Duration GRACE = Duration.ofMinutes(1);

    private WindowBench() {}

    /**
     * @param opts the command line's options
     * @return the exit code: 0, or 1 when a run failed or a result was wrong
     */
    static int run(Map<String, String> opts) throws Exception {
        int records = intOpt(opts, "records", 1_000_000);
        int keys = intOpt(opts, "keys", 10_000);
        int rounds = intOpt(opts, "rounds", 3);
        int partitions = intOpt(opts, "partitions", 8);
        List<String> modes = List.of(opts.getOrDefault("modes", "alo,eos").split(","));
        List<String> systems = List.of(opts.getOrDefault("systems", "faust,streams").split(","));
        int commitAlo = intOpt(opts, "commit-alo-ms", 1000);
        int commitEos = intOpt(opts, "commit-eos-ms", 100);
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        // an hour that ended well in the past: the broker refuses timestamps more than an hour ahead
        long start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3)).toEpochMilli();
        System.out.printf(Locale.ROOT, "windows: %,d records over %,d keys, an hour of event time in %d-minute tumbling "
                + "windows, grace %d s, %d partitions; commit interval alo %d ms, eos %d ms; rounds %d (+1 warm-up)%n",
                records, keys, WindowInput.SIZE.toMinutes(), GRACE.toSeconds(), partitions, commitAlo, commitEos, rounds);
        boolean ok = true;
        Map<String, List<Double>> rates = new HashMap<>();
        try (EmbeddedKafka kafka = TableBench.broker(); Admin admin = Admin.create(kafka.clientProperties())) {
            String input = "win-events-" + nonce;
            createTopic(admin, input, partitions, Map.of());
            WindowInput in = new WindowInput(records, keys, partitions, start, GRACE);
            in.load(kafka.clientProperties(), input);
            Expected expected = in.expected(kafka.clientProperties(), input);
            System.out.printf(Locale.ROOT, "input: %,d windows close with a count (%,d records late for their window)%n",
                    expected.counts().size(), expected.late());
            int run = 0;
            for (int round = 0; round <= rounds; round++) {
                for (String mode : modes) {
                    List<String> order = new ArrayList<>(systems);
                    if (round % 2 == 1) {
                        Collections.reverse(order);
                    }
                    for (String system : order) {
                        String id = "win-" + system + "-" + mode + "-" + (++run) + "-" + nonce;
                        boolean eos = mode.equals("eos");
                        String output = id + "-results";
                        createTopic(admin, output, partitions, Map.of());
                        double rate = timed(kafka, system, eos, id, input, output, partitions, records, expected,
                                eos ? commitEos : commitAlo);
                        ok &= TableBench.recordRun(rates, round, system, mode, rate, "records/s");
                    }
                }
            }
        }
        TableBench.printRates(rates, modes, "records/s", "windows");
        return ok ? 0 : 1;
    }

    /** @return input records per second from start until every window's final count is out, or NaN when it failed */
    private static double timed(EmbeddedKafka kafka, String system, boolean eos, String id, String input, String output,
                                int partitions, long records, Expected expected, long commitMs) throws Exception {
        Path dir = Files.createTempDirectory("tables-win-");
        long t0 = System.nanoTime();
        double seconds;
        String error;
        long repeated;
        try (WindowResultWatcher watcher = new WindowResultWatcher(kafka.clientProperties(), output, partitions);
             WindowCountJob job = system.equals("faust")
                     ? new WindowCountJob.Faust(id, kafka.brokerUrl(), input, output, partitions, eos, commitMs, GRACE, dir)
                     : new WindowCountJob.Streams(id, kafka.clientProperties(), input, output, eos, commitMs, GRACE, dir)) {
            error = watcher.await(expected.counts().size(), Duration.ofMinutes(10), job::failure);
            seconds = (System.nanoTime() - t0) / 1e9;
            if (error == null) {
                error = watcher.verify(expected.counts(), eos);
            }
            repeated = watcher.repeated();
        } finally {
            TableBench.deleteTree(dir);
        }
        if (error != null) {
            System.out.println("  " + system + " failed: " + error);
            return Double.NaN;
        }
        System.out.printf(Locale.ROOT, "  %s: %,d windows' final counts verified%s%n", system, expected.counts().size(),
                repeated == 0 ? "" : String.format(Locale.ROOT, " (%,d sent twice, same count)", repeated));
        return records / seconds;
    }
}
