package faust.bench.tables;

import faust.App;
import faust.embedded.EmbeddedKafka;
import faust.sensor.TableState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Restoring a changelog of {@code 2 x keys} records ({@code keys} keys, each written twice) into a
 * fresh RocksDB store, 8 partitions: faust-java's recovery against Kafka Streams' restoration of
 * the same data in each one's own encoding (JSON for faust-java, as Faust writes it; String keys and
 * Long values for Kafka Streams). Timed from start until the store holds the changelog and the app
 * would process (faust-java: recovery finished; Kafka Streams: state RUNNING).
 */
final class RecoveryBench {
    private static final int PARTITIONS = 8;

    private RecoveryBench() {}

    static int run(Map<String, String> opts) throws Exception {
        int keys = TableBench.intOpt(opts, "keys", 1_000_000);
        int rounds = TableBench.intOpt(opts, "rounds", 3);
        long records = 2L * keys;
        List<String> systems = List.of(opts.getOrDefault("systems", "faust,streams").split(","));
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        System.out.printf(Locale.ROOT, "recovery: %,d changelog records over %,d keys, %d partitions, rocksdb; rounds %d "
                + "(+1 warm-up)%n", records, keys, PARTITIONS, rounds);
        List<Double> faust = new ArrayList<>();
        List<Double> streams = new ArrayList<>();
        try (EmbeddedKafka kafka = TableBench.broker(); Admin admin = Admin.create(kafka.clientProperties())) {
            String input = "rec-in-" + nonce;
            TableBench.createTopic(admin, input, PARTITIONS, Map.of());
            String faustId = "rec-faust-" + nonce;
            String streamsId = "rec-streams-" + nonce;
            fill(kafka, admin, faustId + "-counts-changelog", keys, true);
            fill(kafka, admin, streamsId + "-counts-changelog", keys, false);
            for (int round = 0; round <= rounds; round++) {
                double f = systems.contains("faust") ? faust(kafka, faustId, input, records) : Double.NaN;
                double s = systems.contains("streams") ? streams(kafka, streamsId, input, records) : Double.NaN;
                if (systems.contains("raw")) {
                    double r = raw(kafka, faustId + "-counts-changelog", records);
                    System.out.printf(Locale.ROOT, "  raw kafka-clients read of the same changelog (no store): %,.0f records/s%n", r);
                }
                String label = round == 0 ? "warm-up " : "measured";
                System.out.printf(Locale.ROOT, "%s faust-java %,12.0f records/s   kafka-streams %,12.0f records/s  load %.2f%n",
                        label, f, s, TableBench.load());
                if (round > 0) {
                    faust.add(f);
                    streams.add(s);
                }
            }
        }
        System.out.println("| system | records/s (median) | runs |");
        System.out.println("| --- | ---: | --- |");
        System.out.printf(Locale.ROOT, "| faust-java | %,.0f | %s |%n", TableBench.median(faust), fmt(faust));
        System.out.printf(Locale.ROOT, "| Kafka Streams | %,.0f | %s |%n", TableBench.median(streams), fmt(streams));
        System.out.printf(Locale.ROOT, "ratio faust/kafka-streams recovery=%.2f%n",
                TableBench.median(faust) / TableBench.median(streams));
        return faust.stream().anyMatch(x -> x.isNaN()) || streams.stream().anyMatch(x -> x.isNaN()) ? 1 : 0;
    }

    private static List<String> fmt(List<Double> xs) {
        return xs.stream().map(x -> String.format(Locale.ROOT, "%,.0f", x)).toList();
    }

    private static void fill(EmbeddedKafka kafka, Admin admin, String topic, int keys, boolean json) throws Exception {
        TableBench.createTopic(admin, topic, PARTITIONS, Map.of("cleanup.policy", "compact"));
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> p = TableBench.producer(kafka.clientProperties())) {
            for (int pass = 1; pass <= 2; pass++) {
                for (int k = 0; k < keys; k++) {
                    String key = "key-" + k;
                    byte[] kb = (json ? "\"" + key + "\"" : key).getBytes(StandardCharsets.UTF_8);
                    byte[] vb = json ? Integer.toString(pass).getBytes(StandardCharsets.US_ASCII)
                            : ByteBuffer.allocate(8).putLong(pass).array();
                    p.send(new ProducerRecord<>(topic, k % PARTITIONS, kb, vb));
                }
            }
        }
        System.out.printf(Locale.ROOT, "filled %s in %.1f s (not timed)%n", topic, (System.nanoTime() - t0) / 1e9);
    }

    private static double faust(EmbeddedKafka kafka, String id, String input, long records) throws Exception {
        Path dir = Files.createTempDirectory("tables-rec-faust-");
        App app = App.create(id, cfg -> cfg.broker(kafka.brokerUrl()).store(System.getProperty("bench.store", "rocksdb://")).datadir(dir)
                .keySerializer("raw").valueSerializer("raw").set("web_enabled", false));
        try {
            app.topic(input, byte[].class, byte[].class, o -> o.partitions(PARTITIONS)).stream();
            app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(PARTITIONS)
                    .recoveryBufferSize(Integer.getInteger("bench.recoveryBuffer", 1000)));
            long t0 = System.nanoTime();
            app.start();
            long deadline = t0 + Duration.ofMinutes(10).toNanos();
            while (System.nanoTime() < deadline) {
                TableState s = app.monitor().tables().get("counts");
                if (s != null && s.recovery().finished() && s.activePartitions().size() == PARTITIONS) {
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "  faust-java: start to recovered %.2f s, of which recovery %.2f s%n",
                            seconds, s.recovery().millis() / 1e3);
                    if (s.recovery().recordsRead() != records) {
                        System.out.println("  faust-java recovered " + s.recovery().recordsRead() + " records, not " + records);
                        return Double.NaN;
                    }
                    return records / seconds;
                }
                Thread.sleep(5);
            }
            return Double.NaN;
        } finally {
            app.stop();
            app.awaitStopped(Duration.ofSeconds(60));
            TableBench.deleteTree(dir);
        }
    }

    /** @return records/s a plain consumer reads the changelog at, storing nothing: the ceiling of any restore here */
    private static double raw(EmbeddedKafka kafka, String topic, long records) {
        Map<String, Object> p = new HashMap<>(kafka.clientProperties());
        p.put("max.poll.records", 10_000);
        try (var c = new KafkaConsumer<byte[], byte[]>(p,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            long t0 = System.nanoTime();
            c.assign(tps);
            c.seekToBeginning(tps);
            long n = 0;
            while (n < records) {
                n += c.poll(Duration.ofMillis(100)).count();
            }
            return records / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static double streams(EmbeddedKafka kafka, String id, String input, long records) throws Exception {
        Path dir = Files.createTempDirectory("tables-rec-streams-");
        Properties p = new Properties();
        kafka.clientProperties().forEach(p::put);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        StreamsBuilder b = new StreamsBuilder();
        b.stream(input, Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        KafkaStreams s = new KafkaStreams(b.build(), p);
        AtomicLong restored = new AtomicLong();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch restoredAll = new CountDownLatch(1);
        s.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long end, long n) {
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long total) {
                if (restored.addAndGet(total) >= records) {
                    restoredAll.countDown();
                }
            }
        });
        s.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        try {
            long t0 = System.nanoTime();
            s.start();
            // with the state updater a stream thread may run while its stores still restore: both are waited for
            if (!running.await(10, TimeUnit.MINUTES) || !restoredAll.await(10, TimeUnit.MINUTES)) {
                return Double.NaN;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (restored.get() != records) {
                System.out.println("  Kafka Streams restored " + restored.get() + " records, not " + records);
                return Double.NaN;
            }
            return records / seconds;
        } finally {
            // leave the group, so that the next round's instance is not made to wait out this one's session
            s.close(CloseOptions.timeout(Duration.ofSeconds(60))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            s.cleanUp();
            TableBench.deleteTree(dir);
        }
    }
}
