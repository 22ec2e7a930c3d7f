package faust.kafka;

import static faust.kafka.KafkaTestSupport.unique;
import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.embedded.EmbeddedKafka;
import faust.sensor.TableState;
import faust.settings.ProcessingGuarantee;
import faust.settings.TableSettings;
import faust.table.GlobalTable;
import faust.table.Table;
import faust.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables on a real broker: the changelog topic, recovery by a new worker, partitions moving between workers. */
@Tag("integration")
class KafkaTableTest {
    private static final int KEYS = 20;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaTestSupport.broker();
    }

    /** A worker counting keys of topic {@code <id>-events} into table {@code counts}. */
    private static final class Worker {
        final App app;
        final Topic<String, String> events;
        final Table<String, Long> counts;
        final AtomicInteger recoveries = new AtomicInteger();
        final AtomicBoolean crashOnce = new AtomicBoolean();

        Worker(String id) {
            this(id, false);
        }

        Worker(String id, boolean exactlyOnce) {
            this(id, exactlyOnce, 1);
        }

        Worker(String id, boolean exactlyOnce, int standbys) {
            this(id, exactlyOnce, standbys, null);
        }

        /** @param rocksDir with a directory: the table on rocksdb:// there; else memory:// */
        Worker(String id, boolean exactlyOnce, int standbys, @Nullable Path rocksDir) {
            app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> {
                if (exactlyOnce) {
                    c.processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE);
                }
                c.set(TableSettings.TABLE_STANDBY_REPLICAS, standbys);
                if (rocksDir != null) {
                    c.store("rocksdb://").datadir(rocksDir);
                }
            });
            events = app.topic(id + "-events", String.class, String.class, o -> o.partitions(4));
            counts = app.table("counts", String.class, Long.class, () -> 0L,
                    o -> o.partitions(4).onRecover(recoveries::incrementAndGet));
            app.agent("count", events, stream -> {
                for (var e : stream.events()) {
                    counts.merge(e.key(), 1L, Long::sum);
                    if (e.key().equals("key-7") && crashOnce.compareAndSet(true, false)) {
                        throw new IllegalStateException("boom after counting key-7");
                    }
                }
            });
        }

        long sum() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        TableState state() {
            return app.monitor().tables().get("counts");
        }
    }

    private static void send(Worker w, int rounds) {
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < KEYS; k++) {
                w.events.send("key-" + k, "v");
            }
        }
    }

    private static Map<String, Long> all(Worker... workers) {
        Map<String, Long> out = new HashMap<>();
        for (Worker w : workers) {
            for (var e : w.counts.entrySet()) {
                Long before = out.put(e.getKey(), e.getValue());
                assertThat(before).as("key " + e.getKey() + " is held by one worker only").isNull();
            }
        }
        return out;
    }

    @Test
    void the_changelog_is_compacted_and_a_new_worker_recovers_the_counts_and_goes_on() throws Exception {
        String id = unique("table");
        Worker first = new Worker(id);
        first.app.start();
        try {
            send(first, 10);
            until(Duration.ofSeconds(60), () -> first.sum() == KEYS * 10, "200 counted");
        } finally {
            first.app.stop();
        }
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, id + "-counts-changelog");
            Config c = admin.describeConfigs(List.of(r)).all().get().get(r);
            assertThat(c.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of(id + "-counts-changelog")).allTopicNames().get()
                    .get(id + "-counts-changelog").partitions()).hasSize(4);
        }
        Worker second = new Worker(id);
        second.app.start();
        try {
            until(Duration.ofSeconds(60), () -> second.recoveries.get() >= 1, "the table recovered");
            assertThat(second.counts.size()).isEqualTo(KEYS);
            assertThat(second.counts.get("key-3")).as("recovered from the changelog by a fresh memory store").isEqualTo(10L);
            send(second, 1);
            until(Duration.ofSeconds(60), () -> second.sum() == KEYS * 11, "220 counted");
            assertThat(all(second)).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(11L));
        } finally {
            second.app.stop();
        }
    }

    @Test
    void under_exactly_once_a_crash_after_a_write_counts_nothing_twice_in_the_table_or_the_committed_changelog()
            throws Exception {
        String id = unique("table-eos");
        Worker w = new Worker(id, true);
        w.crashOnce.set(true);
        w.app.start();
        try {
            send(w, 10);
            until(Duration.ofSeconds(90), () -> KafkaTestSupport.committedSum(kafka, id, id + "-events") == KEYS * 10,
                    "200 inputs committed");
            assertThat(w.crashOnce).as("the agent crashed once").isFalse();
            assertThat(all(w)).hasSize(KEYS).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(10L));
        } finally {
            w.app.stop();
        }
        assertThat(KafkaTestSupport.committedChangelog(kafka, id + "-counts-changelog", 4)).hasSize(KEYS)
                .allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(10L));
    }

    /** @return the records in these partitions of the counts changelog: the sum of their end offsets */
    private static long changelogEnds(String id, List<Integer> partitions) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, OffsetSpec> q = new HashMap<>();
            for (int p : partitions) {
                q.put(new TopicPartition(id + "-counts-changelog", p), OffsetSpec.latest());
            }
            return admin.listOffsets(q).all().get().values().stream().mapToLong(x -> x.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void when_a_second_worker_joins_the_partitions_it_takes_arrive_recovered_and_each_key_is_counted_once() {
        String id = unique("table-move");
        Worker w1 = new Worker(id);
        Worker w2 = new Worker(id);
        w1.app.start();
        try {
            send(w1, 5);
            until(Duration.ofSeconds(60), () -> w1.sum() == KEYS * 5, "100 counted by the first worker");
            w2.app.start();
            until(Duration.ofSeconds(60), () -> !w1.app.assignment().isEmpty() && !w2.app.assignment().isEmpty()
                    && w2.recoveries.get() >= 1, "the partitions split between the workers, and the second recovered");
            send(w1, 5);
            until(Duration.ofSeconds(60), () -> w1.sum() + w2.sum() == KEYS * 10, "200 counted by both");
            Map<String, Long> counts = all(w1, w2);
            assertThat(counts).hasSize(KEYS);
            assertThat(counts).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(10L));
            assertThat(w1.counts.size()).as("the first worker gave up the partitions it lost").isLessThan(KEYS);
        } finally {
            w2.app.stop();
            w1.app.stop();
        }
    }

    @Test
    void each_worker_follows_the_other_s_partitions_and_the_survivor_takes_them_over_without_rereading_them() {
        String id = unique("table-standby");
        Worker w1 = new Worker(id, false, 1);
        Worker w2 = new Worker(id, false, 1);
        w1.app.start();
        w2.app.start();
        try {
            until(Duration.ofSeconds(60), () -> w1.state() != null && w2.state() != null
                    && w1.state().activePartitions().size() == 2 && w2.state().activePartitions().size() == 2
                    && w1.state().recovery().finished() && w2.state().recovery().finished(), "two partitions each");
            assertThat(w1.state().standbyPartitions()).as("the assignor made each the other's standby")
                    .isEqualTo(w2.state().activePartitions());
            assertThat(w2.state().standbyPartitions()).isEqualTo(w1.state().activePartitions());
            send(w1, 10);
            until(Duration.ofSeconds(60), () -> w1.sum() + w2.sum() == KEYS * 10, "200 counted by both");
            until(Duration.ofSeconds(60), () -> w1.state().standbyRecords() >= changelogEnds(id, w1.state()
                    .standbyPartitions()), "the first worker's standbys read every record the second wrote");
            w2.app.stop();
            until(Duration.ofSeconds(60), () -> w1.state().activePartitions().size() == 4
                    && w1.state().recovery().finished(), "the first worker holds every partition");
            assertThat(w1.state().recovery().recordsTotal()).as("its standbys were current: nothing to replay").isZero();
            assertThat(w1.counts.size()).isEqualTo(KEYS);
            assertThat(all(w1)).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(10L));
        } finally {
            w2.app.stop();
            w1.app.stop();
        }
    }

    @Test
    void a_global_table_written_on_one_worker_is_read_on_both() {
        String id = unique("table-global");
        List<App> apps = new ArrayList<>();
        List<GlobalTable<String, Long>> tables = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> { });
            Topic<String, String> events = app.topic(id + "-events", String.class, String.class, o -> o.partitions(4));
            GlobalTable<String, Long> t = app.globalTable("seen", String.class, Long.class, () -> 0L, o -> o.partitions(4));
            app.agent("count", events, stream -> {
                for (var e : stream.events()) {
                    t.merge(e.key(), 1L, Long::sum);
                }
            });
            apps.add(app);
            tables.add(t);
        }
        apps.forEach(App::start);
        try {
            until(Duration.ofSeconds(60), () -> apps.stream().allMatch(a -> !a.assignment().isEmpty()),
                    "both workers hold partitions");
            Topic<String, String> events = apps.get(0).topic(id + "-events", String.class, String.class);
            for (int k = 0; k < KEYS; k++) {
                events.send("key-" + k, "v");
            }
            for (GlobalTable<String, Long> t : tables) {
                until(Duration.ofSeconds(60), () -> t.size() == KEYS
                        && t.values().stream().mapToLong(Long::longValue).sum() == KEYS, "every key on every worker");
            }
        } finally {
            apps.forEach(App::stop);
        }
    }

    @Test
    void a_store_offset_that_retention_deleted_from_the_changelog_recovers_from_the_log_start_without_stalling(
            @TempDir Path datadir) throws Exception {
        String id = unique("table-retention");
        Worker first = new Worker(id, false, 0, datadir);
        first.app.start();
        try {
            send(first, 1);
            until(Duration.ofSeconds(60), () -> first.sum() == KEYS, "20 counted");
        } finally {
            first.app.stop();
        }
        // another worker wrote on (100, then 200, for every key); then retention deleted all but each
        // partition's last record, past the offsets the local RocksDB persisted
        String changelog = id + "-counts-changelog";
        Map<Integer, String> lastKey = new HashMap<>();
        Map<String, Object> pp = new HashMap<>(kafka.clientProperties());
        try (var p = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
            for (String value : List.of("100", "200")) {
                for (int k = 0; k < KEYS; k++) {
                    String json = "\"key-" + k + "\"";
                    // the partition of the key's events (raw keys on the events topic), where the table writes it
                    int partition = Utils.toPositive(Utils.murmur2(("key-" + k).getBytes(StandardCharsets.UTF_8))) % 4;
                    p.send(new ProducerRecord<>(changelog, partition, json, value)).get();
                    lastKey.put(partition, "key-" + k);
                }
            }
        }
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            // Kafka deletes records only where the cleanup policy deletes (as a windowed table's changelog does)
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, changelog);
            admin.incrementalAlterConfigs(Map.of(r, List.of(new AlterConfigOp(
                    new ConfigEntry("cleanup.policy", "compact,delete"), AlterConfigOp.OpType.SET)))).all().get();
            Map<TopicPartition, OffsetSpec> q = new HashMap<>();
            for (int i = 0; i < 4; i++) {
                q.put(new TopicPartition(changelog, i), OffsetSpec.latest());
            }
            Map<TopicPartition, RecordsToDelete> del = new HashMap<>();
            admin.listOffsets(q).all().get().forEach((tp, end) ->
                    del.put(tp, RecordsToDelete.beforeOffset(end.offset() - 1)));
            admin.deleteRecords(del).all().get();
        }
        Worker second = new Worker(id, false, 0, datadir);
        second.app.start();
        try {
            until(Duration.ofSeconds(60), () -> second.recoveries.get() >= 1, "the recovery to finish, not stall");
            for (String key : lastKey.values()) {
                assertThat(second.counts.get(key)).as(key + ": the record that survived retention").isEqualTo(200L);
            }
        } finally {
            second.app.stop();
        }
    }
}
