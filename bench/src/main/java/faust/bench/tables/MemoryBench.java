package faust.bench.tables;

import faust.App;
import faust.embedded.EmbeddedKafka;
import faust.table.Table;
import faust.topic.Topic;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A worker holding 64 partitions of 3 RocksDB tables loads {@code keys} keys (100-byte values) into
 * each; the benchmark samples the worker's resident memory (its own JVM, {@code -Xmx512m}) and the
 * memory the JVM committed for itself (Native Memory Tracking: heap, metaspace, code, threads, GC,
 * buffers), and takes the rest as RocksDB's. It checks that RocksDB's part stays within the
 * configured budget (block cache plus write buffers) plus 15%, and the whole within the JVM's own
 * plus that budget, plus 15%.
 */
final class MemoryBench {
    static final int PARTITIONS = 64;
    static final String HEAP = "-Xmx512m";

    private MemoryBench() {}

    static int run(Map<String, String> opts) throws Exception {
        int keys = TableBench.intOpt(opts, "keys", 1_000_000);
        int cacheMb = TableBench.intOpt(opts, "block-cache-mb", 64);
        int buffersMb = TableBench.intOpt(opts, "write-buffer-mb", 64);
        System.out.printf(Locale.ROOT, "memory: %,d keys x 3 tables of %d partitions, 100-byte values; worker %s, RocksDB "
                + "block cache %d MiB + write buffers %d MiB%n", keys, PARTITIONS, HEAP, cacheMb, buffersMb);
        Path dir = Files.createTempDirectory("tables-mem-");
        try (EmbeddedKafka kafka = TableBench.broker(); Admin admin = Admin.create(kafka.clientProperties())) {
            String input = "mem-in";
            TableBench.createTopic(admin, input, PARTITIONS, Map.of());
            // the input is written first (not timed), so that loading it is the worker's work alone
            AtomicReference<Exception> failed = new AtomicReference<>();
            try (KafkaProducer<byte[], byte[]> p = TableBench.producer(kafka.clientProperties())) {
                byte[] value = "v".repeat(100).getBytes(StandardCharsets.US_ASCII);
                for (int k = 0; k < keys; k++) {
                    p.send(new ProducerRecord<>(input, ("key-" + k).getBytes(StandardCharsets.US_ASCII), value), (md, e) -> {
                        if (e != null) {
                            failed.compareAndSet(null, e);
                        }
                    });
                }
            }
            if (failed.get() != null) {
                throw new IllegalStateException("could not write the input: " + failed.get(), failed.get());
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, HEAP, "-XX:+UseParallelGC", "-XX:NativeMemoryTracking=summary"));
            if (System.getProperty("bench.workerJvm") != null) {
                cmd.addAll(List.of(System.getProperty("bench.workerJvm").split(" ")));
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    Worker.class.getName(), kafka.brokerUrl(), dir.toString(), Integer.toString(cacheMb),
                    Integer.toString(buffersMb), Integer.toString(keys)));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("MALLOC_ARENA_MAX", "2");     // RocksDB's advice for glibc: fewer, fuller malloc arenas
            Process worker = pb.start();
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
                } catch (IOException e) {
                    // the worker ended
                }
            });
            try {
                long t0 = System.nanoTime();
                long maxRss = 0;
                long maxJvm = 0;
                long maxRocks = 0;
                long lastPrint = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
                long doneAt = 0;
                while (System.nanoTime() < deadline && worker.isAlive()) {
                    long rss = rss(worker.pid());
                    maxRss = Math.max(maxRss, rss);
                    long now = System.nanoTime();
                    if (now - lastPrint > 5_000_000_000L) {
                        lastPrint = now;
                        long jvm = jvmCommitted(worker.pid());
                        maxJvm = Math.max(maxJvm, jvm);
                        maxRocks = Math.max(maxRocks, rss - jvm);
                        System.out.printf(Locale.ROOT, "  %5.0f s: %,9d keys loaded, RSS %,5d MiB (max %,d MiB): JVM %,d MiB "
                                + "(heap, metaspace, code, threads, GC, buffers), RocksDB and other native %,d MiB%n",
                                (now - t0) / 1e9, loaded.get(), rss >> 20, maxRss >> 20, jvm >> 20, (rss - jvm) >> 20);
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
                long rocksBudget = ((long) cacheMb << 20) + ((long) buffersMb << 20);
                long rssLimit = (long) ((maxJvm + rocksBudget) * 1.15);
                boolean rocksOk = maxRocks <= rocksBudget * 1.15;
                boolean rssOk = maxRss <= rssLimit;
                System.out.printf(Locale.ROOT, "memory: %,d of %,d keys loaded in %.0f s; max RSS %,d MiB, limit (the JVM's own "
                        + "%,d MiB + RocksDB budget %,d MiB) x 1.15 = %,d MiB: %s; RocksDB and other native memory at most %,d "
                        + "MiB, budget x 1.15 = %,d MiB: %s%n", loaded.get(), keys,
                        ((doneAt == 0 ? System.nanoTime() : doneAt) - t0) / 1e9, maxRss >> 20, maxJvm >> 20, rocksBudget >> 20,
                        rssLimit >> 20, rssOk ? "within" : "OVER", maxRocks >> 20, (long) (rocksBudget * 1.15) >> 20,
                        rocksOk ? "within" : "OVER");
                return ok && rssOk && rocksOk ? 0 : 1;
            } finally {
                worker.destroyForcibly().waitFor();
                reader.join(5000);
            }
        } finally {
            TableBench.deleteTree(dir);
        }
    }

    /** @return the memory a JVM committed for itself (Native Memory Tracking's total), in bytes; 0 when jcmd does not tell */
    static long jvmCommitted(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB")
                    .matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) << 10 : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
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
        } catch (IOException | NumberFormatException e) {
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
