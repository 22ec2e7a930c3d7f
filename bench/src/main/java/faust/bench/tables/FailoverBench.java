package faust.bench.tables;

import faust.App;
import faust.embedded.EmbeddedKafka;
import faust.sensor.TableState;
import faust.table.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Fail-over of a table of {@code keys} keys between two workers, with and without a standby
 * replica: worker A (a child JVM) and worker B (this JVM) share 8 partitions; A is killed with
 * SIGKILL; the time is taken until B serves A's keys again: from the kill, and from the rebalance
 * that gives B A's partitions (the first part is Kafka noticing the death: the session timeout,
 * 6 s here).
 */
final class FailoverBench {
    static final int PARTITIONS = 8;
    private static final List<Integer> ALL = IntStream.range(0, PARTITIONS).boxed().toList();

    private FailoverBench() {}

    static int run(Map<String, String> opts) throws Exception {
        int keys = TableBench.intOpt(opts, "keys", 1_000_000);
        System.out.printf(Locale.ROOT, "failover: %,d keys (100-byte values), %d partitions, two workers, rocksdb; session "
                + "timeout 6 s%n", keys, PARTITIONS);
        boolean ok = true;
        System.out.println("| standby replicas | kill to serving, s | rebalance to serving (recovery), s | changelog records replayed |");
        System.out.println("| ---: | ---: | ---: | ---: |");
        try (EmbeddedKafka kafka = TableBench.broker(); Admin admin = Admin.create(kafka.clientProperties())) {
            for (int standbys : List.of(1, 0)) {
                ok &= once(kafka, admin, keys, standbys);
            }
        }
        return ok ? 0 : 1;
    }

    static App app(String broker, String id, Path datadir, int standbys) {
        return App.create(id, cfg -> cfg.broker(broker).store("rocksdb://").datadir(datadir)
                .keySerializer("raw").valueSerializer("raw").set("web_enabled", false)
                .set("table_standby_replicas", standbys)
                .set("broker_session_timeout", "6.0").set("broker_heartbeat_interval", "1.0"));
    }

    static Table<String, String> table(App app) {
        Table<String, String> t = app.table("kv", String.class, String.class, null, o -> o.partitions(PARTITIONS));
        app.agent("load", app.topic(app.conf().id() + "-in", String.class, String.class, o -> o.partitions(PARTITIONS)),
                stream -> {
                    for (var e : stream.events()) {
                        String k = e.key();
                        String v = e.value();
                        if (k != null && v != null) {
                            t.put(k, v);
                        }
                    }
                });
        return t;
    }

    private static boolean once(EmbeddedKafka kafka, Admin admin, int keys, int standbys) throws Exception {
        String id = "failover-" + standbys + "-" + System.nanoTime();
        Path dirA = Files.createTempDirectory("tables-fo-a-");
        Path dirB = Files.createTempDirectory("tables-fo-b-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process a = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), Worker.class.getName(),
                kafka.brokerUrl(), id, dirA.toString(), Integer.toString(standbys)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        App b = app(kafka.brokerUrl(), id, dirB, standbys);
        Table<String, String> t = table(b);
        try {
            b.start();
            TableState s = await(b, () -> {
                TableState x = b.monitor().tables().get("kv");
                return x != null && x.activePartitions().size() == PARTITIONS / 2 ? x : null;
            }, "the two workers to share the partitions");
            byte[] value = "v".repeat(100).getBytes(StandardCharsets.US_ASCII);
            try (KafkaProducer<byte[], byte[]> p = TableBench.producer(kafka.clientProperties())) {
                for (int k = 0; k < keys; k++) {
                    p.send(new ProducerRecord<>(id + "-in", ("key-" + k).getBytes(StandardCharsets.US_ASCII), value));
                }
            }
            String changelog = id + "-kv-changelog";
            await(b, () -> endsOf(admin, changelog, ALL) >= keys ? Boolean.TRUE : null, "every key in the changelog");
            // a key A holds, to ask B for after the kill
            String probe = null;
            for (int k = 0; probe == null; k++) {
                if (t.get("key-" + k) == null) {
                    probe = "key-" + k;
                }
            }
            if (standbys > 0) {
                long aRecords = endsOf(admin, changelog, s.standbyPartitions());
                await(b, () -> s.standbyRecords() >= aRecords ? Boolean.TRUE : null, "B's standbys to catch up");
            }
            long killed = System.nanoTime();
            a.destroyForcibly().waitFor();
            String key = probe;
            await(b, () -> {
                TableState x = b.monitor().tables().get("kv");
                return x != null && x.activePartitions().size() == PARTITIONS && x.recovery().finished()
                        && t.get(key) != null ? x : null;
            }, "B to serve A's keys");
            double total = (System.nanoTime() - killed) / 1e9;
            TableState after = b.monitor().tables().get("kv");
            System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %,d |%n", standbys, total, after.recovery().millis() / 1e3,
                    after.recovery().recordsRead());
            return true;
        } catch (AssertionError e) {
            System.out.println("| " + standbys + " | FAILED: " + e.getMessage() + " | | |");
            return false;
        } finally {
            a.destroyForcibly();
            b.stop();
            b.awaitStopped(Duration.ofSeconds(60));
            TableBench.deleteTree(dirA);
            TableBench.deleteTree(dirB);
        }
    }

    private static long endsOf(Admin admin, String topic, List<Integer> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> q = new HashMap<>();
        for (int p : partitions) {
            q.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(q).all().get().values().stream().mapToLong(x -> x.offset()).sum();
    }

    private interface Check<T> {
        T get() throws Exception;
    }

    private static <T> T await(App b, Check<T> check, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            T v = check.get();
            if (v != null) {
                return v;
            }
            if (b.crashReason() != null) {
                throw new AssertionError("worker B crashed: " + b.crashReason());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** Worker A, in its own JVM: the same app as B, until it is killed. */
    public static final class Worker {
        private Worker() {}

        /** @param args broker URL, app id, datadir, standby replicas */
        public static void main(String[] args) {
            App app = app(args[0], args[1], Path.of(args[2]), Integer.parseInt(args[3]));
            table(app);
            app.main("worker", "--loglevel", "WARN");
        }
    }

}
