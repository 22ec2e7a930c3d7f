package faust.kafka;

import faust.App;
import faust.AppConfig;
import faust.AppTestDriver;
import faust.embedded.EmbeddedKafka;
import faust.embedded.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Shared fixtures of the integration tests: one plaintext broker for every test class in the JVM
 * (started on first use, closed at exit), unique names, apps with short commit intervals, waiting.
 */
public final class KafkaTestSupport {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static EmbeddedKafka shared;

    private KafkaTestSupport() {}

    /** @return the shared plaintext single-node broker */
    public static EmbeddedKafka broker() {
        LOCK.lock();
        try {
            if (shared == null) {
                EmbeddedKafka k = EmbeddedKafka.newBuilder().nodes(1).start();
                Runtime.getRuntime().addShutdownHook(new Thread(k::close, "close-shared-kafka"));
                shared = k;
            }
            return shared;
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * A one-node broker with SASL/PLAIN user {@code alice} (password {@code alice-pw}) and the KRaft
     * {@code StandardAuthorizer}. Resources without ACLs stay open to everyone, so alice can create
     * ACLs herself, e.g. deny herself a group, a topic or a transactional id; the cluster's own
     * PLAINTEXT listeners run as the super user {@code ANONYMOUS}. The caller closes it.
     *
     * @return the started broker
     */
    public static EmbeddedKafka authorizingBrokerForAlice() {
        return EmbeddedKafka.newBuilder().security(Security.saslPlain("alice", "alice-pw"))
                .brokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .brokerProperty("allow.everyone.if.no.acl.found", "true")
                .brokerProperty("super.users", "User:ANONYMOUS")
                .start();
    }

    /**
     * Makes alice's ACL changes take effect: creates {@code binding} with an admin client of
     * {@code kafka} authenticated as the broker's client user.
     *
     * @param kafka an {@link #authorizingBrokerForAlice()} broker
     * @param binding the ACL
     * @throws Exception if the broker refused it or did not answer in 30 s
     */
    public static void createAcl(EmbeddedKafka kafka, org.apache.kafka.common.acl.AclBinding binding) throws Exception {
        try (Admin admin = Admin.create(new HashMap<>(kafka.clientProperties()))) {
            admin.createAcls(List.of(binding)).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * @param type the resource type
     * @param name the resource name
     * @param pattern how the name matches
     * @param operation the operation denied
     * @return an ACL denying alice {@code operation} on the resource, from any host
     */
    public static org.apache.kafka.common.acl.AclBinding denyAlice(org.apache.kafka.common.resource.ResourceType type, String name,
                                                                   org.apache.kafka.common.resource.PatternType pattern,
                                                                   org.apache.kafka.common.acl.AclOperation operation) {
        return new org.apache.kafka.common.acl.AclBinding(new org.apache.kafka.common.resource.ResourcePattern(type, name, pattern),
                new org.apache.kafka.common.acl.AccessControlEntry("User:alice", "*", operation,
                        org.apache.kafka.common.acl.AclPermissionType.DENY));
    }

    /**
     * @param prefix readable part
     * @return a name no other test uses
     */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * @param id app id
     * @param brokerUrl {@code kafka://...} or {@code memory://...}
     * @param more extra settings
     * @return a test-friendly app ({@link AppTestDriver#testFriendly}) on {@code brokerUrl}
     */
    public static App app(String id, String brokerUrl, Consumer<AppConfig> more) {
        return App.create(id, AppTestDriver.testFriendly(cfg -> {
            cfg.broker(brokerUrl);
            more.accept(cfg);
        }));
    }

    /**
     * @param kafka the broker
     * @param group a consumer group
     * @param topic a topic
     * @return the sum of the group's committed offsets over the topic's partitions
     */
    public static long committedSum(EmbeddedKafka kafka, String group, String topic) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic)).mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Reads a table's changelog, whose keys are JSON strings and values JSON numbers, with
     * {@code read_committed}, to its end as of now.
     *
     * @param kafka the broker
     * @param topic the changelog
     * @param partitions its partition count
     * @return each key (unquoted) to its last value; a tombstone removes the key
     */
    public static Map<String, Long> committedChangelog(EmbeddedKafka kafka, String topic, int partitions) {
        Map<String, Long> out = new HashMap<>();
        for (ConsumerRecord<String, String> r : committedRecords(kafka, topic, partitions)) {
            String key = r.key().substring(1, r.key().length() - 1);
            if (r.value() == null) {
                out.remove(key);
            } else {
                out.put(key, Long.parseLong(r.value()));
            }
        }
        return out;
    }

    /**
     * Reads a topic with {@code read_committed}, to its end as of now.
     *
     * @param kafka the broker
     * @param topic the topic
     * @param partitions its partition count
     * @return its records as strings, partition after partition, in offset order within each
     */
    public static List<ConsumerRecord<String, String>> committedRecords(EmbeddedKafka kafka, String topic, int partitions) {
        Map<String, Object> p = new HashMap<>(kafka.clientProperties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = c.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
