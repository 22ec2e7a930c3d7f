package faust.bench.tables;

import faust.embedded.EmbeddedKafka;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The table benchmarks ({@code bench/tables}), each on one embedded broker in a child JVM:
 * <ul>
 *   <li>{@code wordcount}: lines split into words, repartitioned by word and counted in a RocksDB
 *       table, faust-java against Kafka Streams' {@code groupBy(word).count()}, at-least-once and
 *       exactly-once; each run is timed from start until its changelog holds every word's count;</li>
 *   <li>{@code recovery}: a changelog of 2,000,000 records over 1,000,000 keys restored into a
 *       fresh RocksDB store, faust-java against Kafka Streams, records/s;</li>
 *   <li>{@code windows}: a tumbling-window count per key with final results, faust-java against
 *       Kafka Streams' {@code windowedBy(...).count().suppress(untilWindowCloses)}: see {@link WindowBench};</li>
 *   <li>{@code memory} and {@code failover}: see {@link MemoryBench} and {@link FailoverBench}.</li>
 * </ul>
 */
public final class TableBench {
    private static final String USAGE = """
            usage: bench/tables wordcount [--lines N] [--rounds R] [--modes alo,eos] [--partitions P]
                                         [--commit-alo-ms MS] [--commit-eos-ms MS] [--systems faust,streams]
                   bench/tables windows [--records N] [--keys K] [--rounds R] [--modes alo,eos] [--partitions P]
                                       [--commit-alo-ms MS] [--commit-eos-ms MS] [--systems faust,streams]
                   bench/tables recovery [--keys N] [--rounds R] [--systems faust,streams]
                   bench/tables memory [--keys N] [--block-cache-mb M] [--write-buffer-mb M]
                   bench/tables failover [--keys N]
            """;

    private TableBench() {}

    /** @param args a benchmark and its options */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("bench/tables: bad option " + args[i] + "\n" + USAGE);
                System.exit(2);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        System.out.printf(Locale.ROOT, "tables: JDK %s, %d CPUs, load %.2f%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), load());
        int code = switch (args[0]) {
            case "wordcount" -> wordCount(opts);
            case "windows" -> WindowBench.run(opts);
            case "recovery" -> RecoveryBench.run(opts);
            case "memory" -> MemoryBench.run(opts);
            case "failover" -> FailoverBench.run(opts);
            default -> {
                System.err.print(USAGE);
                yield 2;
            }
        };
        System.exit(code);
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static EmbeddedKafka broker() {
        return EmbeddedKafka.newBuilder().nodes(1).childJvm(true)
                .childJvmOptions(List.of("-Xmx1g", "-XX:+UseParallelGC")).start();
    }

    static int intOpt(Map<String, String> opts, String name, int dflt) {
        String v = opts.get(name);
        return v == null ? dflt : Integer.parseInt(v.replace("_", "").replace(",", ""));
    }

    static void createTopic(Admin admin, String topic, int partitions, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all()
                .get(60, TimeUnit.SECONDS);
    }

    static KafkaProducer<byte[], byte[]> producer(Map<String, Object> client) {
        Map<String, Object> p = new HashMap<>(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // the loaders write fresh topics, whose first batches an idempotent producer may see reordered (KAFKA-15591);
        // order within the input does not matter to these benchmarks
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Comparator.naturalOrder());
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static int wordCount(Map<String, String> opts) throws Exception {
        int lines = intOpt(opts, "lines", 200_000);
        int rounds = intOpt(opts, "rounds", 3);
        int partitions = intOpt(opts, "partitions", 8);
        List<String> modes = List.of(opts.getOrDefault("modes", "alo,eos").split(","));
        List<String> systems = List.of(opts.getOrDefault("systems", "faust,streams").split(","));
        int commitAlo = intOpt(opts, "commit-alo-ms", 1000);
        int commitEos = intOpt(opts, "commit-eos-ms", 100);
        long words = Words.words(lines);
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        System.out.printf(Locale.ROOT, "wordcount: %,d lines of ~100 bytes, %,d words over a vocabulary of %,d, %d "
                + "partitions; commit interval alo %d ms, eos %d ms; rounds %d (+1 warm-up)%n", lines, words,
                Words.VOCABULARY, partitions, commitAlo, commitEos, rounds);
        boolean ok = true;
        Map<String, List<Double>> rates = new HashMap<>();
        try (EmbeddedKafka kafka = broker(); Admin admin = Admin.create(kafka.clientProperties())) {
            String input = "wc-lines-" + nonce;
            createTopic(admin, input, partitions, Map.of());
            try (KafkaProducer<byte[], byte[]> p = producer(kafka.clientProperties())) {
                for (long i = 0; i < lines; i++) {
                    p.send(new ProducerRecord<>(input, (int) (i % partitions), null, Words.line(i)));
                }
            }
            int run = 0;
            for (int round = 0; round <= rounds; round++) {
                for (String mode : modes) {
                    List<String> order = new ArrayList<>(systems);
                    if (round % 2 == 1) {
                        Collections.reverse(order);
                    }
                    for (String system : order) {
                        String id = "wc-" + system + "-" + mode + "-" + (++run) + "-" + nonce;
                        boolean eos = mode.equals("eos");
                        double rate = wordCountRun(kafka, system, eos, id, input, partitions, words,
                                eos ? commitEos : commitAlo);
                        ok &= recordRun(rates, round, system, mode, rate, "words/s");
                    }
                }
            }
        }
        printRates(rates, modes, "words/s", "wordcount");
        return ok ? 0 : 1;
    }

    /**
     * Prints a run's rate and keeps it when the round is measured (round 0 warms up).
     *
     * @return whether the run succeeded (its rate is not NaN)
     */
    static boolean recordRun(Map<String, List<Double>> rates, int round, String system, String mode, double rate,
                             String unit) {
        System.out.printf(Locale.ROOT, "%s %-8s %s %s%n", round == 0 ? "warm-up " : "measured", system, mode,
                Double.isNaN(rate) ? "FAILED" : String.format(Locale.ROOT, "%,12.0f %s  load %.2f", rate, unit, load()));
        if (round > 0) {
            rates.computeIfAbsent(system + " " + mode, k -> new ArrayList<>()).add(rate);
        }
        return !Double.isNaN(rate);
    }

    /** Prints each system's median per mode as a table, then the faust/Kafka Streams ratio per mode. */
    static void printRates(Map<String, List<Double>> rates, List<String> modes, String unit, String benchmark) {
        System.out.println("| system | mode | " + unit + " (median) | runs |");
        System.out.println("| --- | --- | ---: | --- |");
        for (String mode : modes) {
            for (String system : List.of("faust", "streams")) {
                List<Double> r = rates.getOrDefault(system + " " + mode, List.of());
                System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %s |%n", system.equals("faust") ? "faust-java"
                        : "Kafka Streams", mode, median(r), r.stream().map(x -> String.format(Locale.ROOT, "%,.0f", x))
                        .toList());
            }
        }
        StringBuilder ratio = new StringBuilder("ratio faust/kafka-streams " + benchmark);
        for (String mode : modes) {
            ratio.append(String.format(Locale.ROOT, " %s=%.2f", mode, median(rates.getOrDefault("faust " + mode, List.of()))
                    / median(rates.getOrDefault("streams " + mode, List.of()))));
        }
        System.out.println(ratio);
    }

    /** @return words per second from start until the changelog holds every count, or NaN when it failed */
    private static double wordCountRun(EmbeddedKafka kafka, String system, boolean eos, String id, String input,
                                       int partitions, long words, long commitMs) throws Exception {
        Path dir = Files.createTempDirectory("tables-wc-");
        long t0 = System.nanoTime();
        double seconds;
        String error;
        try (ChangelogWatcher watcher = new ChangelogWatcher(kafka.clientProperties(), system.equals("faust")
                ? ChangelogWatcher::jsonValue : ChangelogWatcher::longValue);
             WordCountJob job = system.equals("faust")
                     ? new WordCountJob.Faust(id, kafka.brokerUrl(), input, partitions, eos, commitMs, dir)
                     : new WordCountJob.Streams(id, kafka.clientProperties(), input, eos, commitMs, dir)) {
            error = watcher.await(job.changelog(), words, Duration.ofMinutes(10), job::failure);
            seconds = (System.nanoTime() - t0) / 1e9;
            if (error == null && watcher.words() != Words.VOCABULARY) {
                error = watcher.words() + " distinct words counted, not " + Words.VOCABULARY;
            }
        } finally {
            deleteTree(dir);
        }
        if (error != null) {
            System.out.println("  " + system + " failed: " + error);
            return Double.NaN;
        }
        return words / seconds;
    }
}
