package faust.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Three nodes, each in a child JVM: replication, and surviving the SIGKILL of one node. */
@Tag("integration")
class EmbeddedKafkaThreeNodeTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.newBuilder().nodes(3).childJvm(true).start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void every_node_is_a_live_broker_on_its_own_port() throws Exception {
        assertThat(kafka.nodeCount()).isEqualTo(3);
        assertThat(kafka.bootstrapServers().split(",")).hasSize(3).doesNotHaveDuplicates();
        assertThat(kafka.brokerUrl()).startsWith("kafka://").contains(";");
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).extracting(Node::id)
                    .containsExactlyInAnyOrder(0, 1, 2);
        }
        assertThat(kafka.dataDir().resolve("node-1/node.log")).exists();
    }

    @Test
    void replicated_topic_keeps_taking_acks_all_writes_after_a_node_is_killed() throws Exception {
        Map<String, Object> props = kafka.clientProperties();
        KafkaClients.createTopic(props, "orders", 3, 3);
        assertThat(describe("orders").partitions()).allSatisfy(p -> {
            assertThat(p.replicas()).hasSize(3);
            assertThat(p.isr()).hasSize(3);
        });
        KafkaClients.send(props, "orders", List.of("o1", "o2", "o3"));

        kafka.killNode(1);
        assertThat(kafka.isNodeRunning(1)).isFalse();
        // acks=all with min.insync.replicas=2: the two live replicas suffice once node 1 is fenced
        KafkaClients.send(props, "orders", List.of("o4", "o5", "o6"));
        assertThat(KafkaClients.readAll(props, "orders", "read_committed"))
                .containsExactlyInAnyOrder("o1", "o2", "o3", "o4", "o5", "o6");

        kafka.startNode(1);
        awaitFullIsr("orders", Duration.ofSeconds(60));
        KafkaClients.send(props, "orders", List.of("o7"));
        assertThat(KafkaClients.readAll(props, "orders", "read_uncommitted")).hasSize(7);
    }

    private static TopicDescription describe(String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        }
    }

    private static void awaitFullIsr(String topic, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Set<Integer>> isrs = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            isrs.clear();
            for (TopicPartitionInfo p : describe(topic).partitions()) {
                Set<Integer> isr = new TreeSet<>();
                p.isr().forEach(n -> isr.add(n.id()));
                isrs.add(isr);
            }
            if (isrs.stream().allMatch(isr -> isr.equals(Set.of(0, 1, 2)))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("restarted node 1 did not rejoin every ISR of " + topic + " in " + timeout
                + "; ISRs: " + isrs);
    }
}
