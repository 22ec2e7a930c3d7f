package faust.kafka;

import faust.App;
import faust.AppConfig;
import faust.AppTestDriver;
import faust.embedded.EmbeddedKafka;
import faust.embedded.security.Security;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

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
}
