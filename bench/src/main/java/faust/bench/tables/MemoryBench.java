package faust.bench.tables;

import faust.App;
import faust.embedded.EmbeddedKafka;
import faust.table.Table;
import faust.topic.Topic;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A worker holding 64 partitions of 3 RocksDB tables loads {@code keys} keys (100-byte values) into
 * each; the benchmark samples the worker's resident memory (its own JVM, {@code -Xmx512m}) and
 * compares the largest sample with its heap plus the configured RocksDB budget (block cache plus
 * write buffers) plus 15%.
 */
final class MemoryBench {
    static final int PARTITIONS = 64;
    static final String HEAP = "-Xmx512m";

    private MemoryBench() {}

    static int run(Map<String, String> opts) throws Exception {
        int keys = TableBench.intOpt(opts, "keys", 1_000_000);
        int cacheMb = TableBench.intOpt(opts, "block-cache-mb", 64);
        int buffersMb = TableBench.intOpt(opts, "write-buffer-mb", 64);
        long heap = 512L << 20;
        long budget = heap + ((long) cacheMb << 20) + ((long) buffersMb << 20);
        long limit = (long) (budget * 1.15);
        System.out.printf(Locale.ROOT, "memory: %,d keys x 3 tables of %d partitions, 100-byte values; worker %s, RocksDB "
                + "block cache %d MiB + write buffers %d MiB; limit (heap + RocksDB budget) x 1.15 = %,d MiB%n", keys,
                PARTITIONS, HEAP, cacheMb, buffersMb, limit >> 20);
        Path dir = Files.createTempDirectory("tables-mem-");
        try (EmbeddedKafka kafka = TableBench.broker(); Admin admin = Admin.create(kafka.clientProperties())) {
            String input = "mem-in";
            TableBench.createTopic(admin, input, PARTITIONS, Map.of());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = List.of(java, HEAP, "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                    Worker.class.getName(), kafka.brokerUrl(), dir.toString(), Integer.toString(cacheMb),
                    Integer.toString(buffersMb), Integer.toString(keys));
            Process worker = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            AtomicLong loaded = new AtomicLong();
            Thread reader = Thread.ofPlatform().daemon(true).start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(worker.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (line.startsWith("loaded ")) {
                            loaded.set(Long.parseLong(line.substring(7)));
                        } else if (line.contains("ERROR") || line.contains("Exception")) {
                            System.out.println("  worker: " + line);
                        }
                    }
                } catch (java.io.IOException e) {
                    // the worker ended
                }
            });
            try {
                long t0 = System.nanoTime();
                try (KafkaProducer<byte[], byte[]> p = TableBench.producer(kafka.clientProperties())) {
                    byte[] value = "v".repeat(100).getBytes(StandardCharsets.US_ASCII);
                    for (int k = 0; k < keys; k++) {
                        p.send(new ProducerRecord<>(input, ("key-" + k).getBytes(StandardCharsets.US_ASCII), value));
                    }
                }
                long maxRss = 0;
                long lastPrint = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
                long doneAt = 0;
                while (System.nanoTime() < deadline && worker.isAlive()) {
                    long rss = rss(worker.pid());
                    maxRss = Math.max(maxRss, rss);
                    long now = System.nanoTime();
                    if (now - lastPrint > 5_000_000_000L) {
                        lastPrint = now;
                        System.out.printf(Locale.ROOT, "  %5.0f s: %,9d keys loaded, RSS %,5d MiB (max %,d MiB)%n",
                                (now - t0) / 1e9, loaded.get(), rss >> 20, maxRss >> 20);
                    }
                    if (loaded.get() >= keys && doneAt == 0) {
                        doneAt = now;
                    }
                    if (doneAt != 0 && now - doneAt > 10_000_000_000L) {
                        break;       // 10 s more after the last key: memtables flush, compactions run
                    }
                    Thread.sleep(200);
                }
                boolean ok = loaded.get() >= keys;
                System.out.printf(Locale.ROOT, "memory: %,d of %,d keys loaded in %.0f s; max RSS %,d MiB; limit %,d MiB: %s%n",
                        loaded.get(), keys, ((doneAt == 0 ? System.nanoTime() : doneAt) - t0) / 1e9, maxRss >> 20,
                        limit >> 20, !ok ? "FAILED (not loaded)" : maxRss <= limit ? "within" : "OVER");
                return ok && maxRss <= limit ? 0 : 1;
            } finally {
                worker.destroyForcibly().waitFor();
                reader.join(5000);
            }
        } finally {
            TableBench.deleteTree(dir);
        }
    }

    /** @return the resident set of a process, in bytes (0 when /proc does not tell) */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** The worker process: 3 RocksDB tables, every input key written to each; prints the keys loaded every second. */
    public static final class Worker {
        private Worker() {}

        /** @param args broker URL, datadir, block cache MiB, write buffer MiB, keys */
        public static void main(String[] args) {
            String url = "rocksdb://?block_cache_mb=" + args[2] + "&write_buffer_mb=" + args[3];
            App app = App.create("mem-worker", cfg -> cfg.broker(args[0]).store(url).datadir(Path.of(args[1]))
                    .keySerializer("raw").valueSerializer("raw").set("web_enabled", false)
                    .set("table_standby_replicas", 0));
            Topic<String, String> in = app.topic("mem-in", String.class, String.class, o -> o.partitions(PARTITIONS));
            List<Table<String, String>> tables = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                tables.add(app.table("t" + t, String.class, String.class, null, o -> o.partitions(PARTITIONS)));
            }
            AtomicLong loaded = new AtomicLong();
            app.agent("load", in, stream -> {
                for (var e : stream.events()) {
                    String k = e.key();
                    String v = e.value();
                    if (k != null && v != null) {
                        for (Table<String, String> t : tables) {
                            t.put(k, v);
                        }
                    }
                    loaded.incrementAndGet();
                }
            });
            app.timer(Duration.ofSeconds(1), t -> t.name("progress"), () -> System.out.println("loaded " + loaded.get()));
            app.main("worker", "--loglevel", "WARN");
        }
    }
}
