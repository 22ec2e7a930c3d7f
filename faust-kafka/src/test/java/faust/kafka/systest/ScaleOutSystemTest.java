package faust.kafka.systest;

import static org.assertj.core.api.Assertions.assertThat;

import faust.embedded.EmbeddedKafka;
import faust.kafka.KafkaTestSupport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scale-out on a real broker: three worker processes of one app share 200,000 input messages over
 * 10,000 keys, copying each to an output topic and counting each key's inputs in a RocksDB table
 * (with a standby replica of each partition); one worker is killed with SIGKILL mid-run and
 * restarted on its old data directory. At-least-once: every input reaches the output, and no
 * key's count, in the workers' tables or in the changelog, is below its inputs. Exactly-once: the
 * output read with read_committed holds each input exactly once, and every key's count equals its
 * inputs in the workers' tables and in the changelog read with read_committed.
 */
@Tag("integration")
class ScaleOutSystemTest {
    private static final int MESSAGES = 200_000;
    private static final int KEYS = 10_000;
    private static EmbeddedKafka kafka;
    private static Path logs;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.newBuilder().nodes(1).start();
        logs = Files.createTempDirectory("systest-logs");
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(SystemTestWorker.INPUT, SystemTestWorker.PARTITIONS, (short) 1))).all().get();
        }
        Map<String, Object> p = new HashMap<>(kafka.clientProperties());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(new ProducerRecord<>(SystemTestWorker.INPUT, "k" + i % KEYS, Integer.toString(i)));
            }
            producer.flush();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static Process worker(String guarantee, int n) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path datadir = logs.resolve(guarantee + "-data-" + n);
        List<String> cmd = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SystemTestWorker.class.getName(), kafka.brokerUrl(), guarantee, "worker-" + n, datadir.toString(),
                snapshot(guarantee, n).toString());
        File log = logs.resolve(guarantee + "-worker-" + n + ".log").toFile();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"at_least_once", "exactly_once"})
    void three_workers_one_killed_and_restarted_lose_nothing(String guarantee) throws Exception {
        String output = SystemTestWorker.output(guarantee);
        List<Process> workers = new ArrayList<>();
        Map<Integer, Integer> counts = new HashMap<>();
        long total = 0;
        Properties cp = new Properties();
        cp.putAll(kafka.clientProperties());
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
            for (int i = 0; i < 3; i++) {
                workers.add(worker(guarantee, i));
            }
            awaitTopic(output);
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < SystemTestWorker.PARTITIONS; p++) {
                tps.add(new TopicPartition(output, p));
            }
            reader.assign(tps);
            reader.seekToBeginning(tps);
            boolean killed = false;
            boolean restarted = false;
            long killedAt = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (counts.size() < MESSAGES && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
                    counts.merge(Integer.parseInt(r.value()), 1, Integer::sum);
                    total++;
                }
                if (!killed && counts.size() > MESSAGES / 4) {
                    workers.get(1).destroyForcibly().waitFor();   // SIGKILL: no shutdown hook, no commit
                    Files.deleteIfExists(snapshot(guarantee, 1));     // what it held is no longer held
                    killed = true;
                    killedAt = System.nanoTime();
                }
                if (killed && !restarted && System.nanoTime() - killedAt > Duration.ofSeconds(10).toNanos()) {
                    workers.set(1, worker(guarantee, 1));
                    restarted = true;
                }
            }
            assertThat(killed).as("a worker was killed mid-run").isTrue();
            // read on a little: duplicates would show up now
            long quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < quietUntil) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
                    counts.merge(Integer.parseInt(r.value()), 1, Integer::sum);
                    total++;
                }
            }
            if (!restarted) {
                workers.set(1, worker(guarantee, 1));       // the others finished first: it restarts now, and takes its share
            }
            // the workers' own tables: the latest snapshots must add up, one count per key
            Object tables = tables(guarantee, guarantee.equals("exactly_once"));
            long tablesDeadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!(tables instanceof Map<?, ?>) && System.nanoTime() < tablesDeadline) {
                Thread.sleep(250);
                tables = tables(guarantee, guarantee.equals("exactly_once"));
            }
            assertThat(tables).as("the workers' tables (snapshots and logs in " + logs + ")").isInstanceOf(Map.class);
        } finally {
            for (Process w : workers) {
                w.destroyForcibly();
            }
        }
        assertThat(counts).as("every input reached the output (logs in " + logs + ")").hasSize(MESSAGES);
        boolean exactlyOnce = guarantee.equals("exactly_once");
        if (exactlyOnce) {
            assertThat(total).as("each input exactly once").isEqualTo(MESSAGES);
            assertThat(counts.values()).allMatch(c -> c == 1);
        } else {
            assertThat(total).isGreaterThanOrEqualTo(MESSAGES);
        }
        long per = MESSAGES / KEYS;
        Map<String, Long> inChangelog = KafkaTestSupport.committedChangelog(kafka, "systest-" + guarantee
                + "-counts-changelog", SystemTestWorker.PARTITIONS);
        assertThat(inChangelog).as("every key in the changelog").hasSize(KEYS);
        if (exactlyOnce) {
            assertThat(inChangelog.values()).as("each key counted once per input, in the committed changelog")
                    .allMatch(c -> c == per);
        } else {
            assertThat(inChangelog.values()).as("no key counted below its inputs").allMatch(c -> c >= per);
        }
    }

    private static Path snapshot(String guarantee, int n) {
        return logs.resolve(guarantee + "-counts-" + n + ".txt");
    }

    /**
     * @return every key's count as the three workers' latest snapshots hold it, or a reason why
     *     they do not add up to one count per key yet (a rebalance still settling, a count behind)
     */
    private static Object tables(String guarantee, boolean exactlyOnce) throws Exception {
        Map<String, Long> all = new HashMap<>();
        for (int n = 0; n < 3; n++) {
            Path f = snapshot(guarantee, n);
            if (!Files.exists(f)) {
                return "worker " + n + " wrote no snapshot yet";
            }
            List<String> lines = Files.readAllLines(f);
            for (String line : lines.subList(1, lines.size())) {
                String[] kv = line.split(" ");
                if (all.put(kv[0], Long.parseLong(kv[1])) != null) {
                    return "key " + kv[0] + " is in two workers' snapshots (a rebalance is settling)";
                }
            }
        }
        if (all.size() != KEYS) {
            return all.size() + " keys of " + KEYS + " in the snapshots";
        }
        long per = MESSAGES / KEYS;
        for (Map.Entry<String, Long> e : all.entrySet()) {
            if (exactlyOnce ? e.getValue() != per : e.getValue() < per) {
                return "key " + e.getKey() + " counts " + e.getValue() + " of " + per + " inputs";
            }
        }
        return all;
    }

    private static void awaitTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!admin.listTopics().names().get().contains(topic)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("workers did not declare " + topic + " within 60 s; logs in " + logs);
                }
                Thread.sleep(100);
            }
        }
    }
}
