package faust.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One in-process node: the default configuration most integration tests of faust-java use. */
@Tag("integration")
class EmbeddedKafkaTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.newBuilder().start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void addresses_name_the_client_port_on_loopback() {
        assertThat(kafka.nodeCount()).isEqualTo(1);
        assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(kafka.brokerUrl()).isEqualTo("kafka://" + kafka.bootstrapServers());
        assertThat(kafka.clientProperties())
                .containsEntry("bootstrap.servers", kafka.bootstrapServers())
                .containsEntry("security.protocol", "PLAINTEXT");
        assertThat(kafka.dataDir().resolve("node-0/logs/meta.properties")).exists();
    }

    @Test
    void created_topic_carries_records_from_producer_to_consumer() throws Exception {
        KafkaClients.createTopic(kafka.clientProperties(), "greetings", 2, 1);
        KafkaClients.send(kafka.clientProperties(), "greetings", List.of("hello", "hej", "hola"));

        assertThat(KafkaClients.readAll(kafka.clientProperties(), "greetings", "read_uncommitted"))
                .containsExactlyInAnyOrder("hello", "hej", "hola");
    }

    @Test
    void topics_are_auto_created_with_one_partition() throws Exception {
        KafkaClients.send(kafka.clientProperties(), "auto-created", List.of("x"));

        try (Admin admin = Admin.create(kafka.clientProperties())) {
            var description = admin.describeTopics(List.of("auto-created")).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get("auto-created");
            assertThat(description.partitions()).hasSize(1);
        }
    }

    @Test
    void read_committed_consumer_sees_committed_transaction_but_not_aborted_one() throws Exception {
        KafkaClients.createTopic(kafka.clientProperties(), "payments", 1, 1);
        try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka.clientProperties(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "payments-tx"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("payments", "a", "committed-1"));
            producer.send(new ProducerRecord<>("payments", "b", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("payments", "c", "aborted")).get(30, TimeUnit.SECONDS);
            producer.abortTransaction();
        }

        assertThat(KafkaClients.readAll(kafka.clientProperties(), "payments", "read_committed"))
                .containsExactly("committed-1", "committed-2");
        assertThat(KafkaClients.readAll(kafka.clientProperties(), "payments", "read_uncommitted"))
                .containsExactly("committed-1", "committed-2", "aborted");
    }

    @Test
    void stopped_node_starts_again_on_the_same_port_with_its_data() throws Exception {
        KafkaClients.createTopic(kafka.clientProperties(), "durable", 1, 1);
        KafkaClients.send(kafka.clientProperties(), "durable", List.of("before-restart"));
        String bootstrap = kafka.bootstrapServers();

        kafka.stopNode(0);
        assertThat(kafka.isNodeRunning(0)).isFalse();
        kafka.startNode(0);

        assertThat(kafka.isNodeRunning(0)).isTrue();
        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
        KafkaClients.send(kafka.clientProperties(), "durable", List.of("after-restart"));
        assertThat(KafkaClients.readAll(kafka.clientProperties(), "durable", "read_uncommitted"))
                .containsExactly("before-restart", "after-restart");
    }

    @Test
    void node_whose_port_was_taken_fails_to_start_with_a_message_naming_it() throws Exception {
        int port = Integer.parseInt(kafka.bootstrapServers().split(":")[1]);
        kafka.stopNode(0);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.setReuseAddress(true);
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));

            assertThatThrownBy(() -> kafka.startNode(0))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("node 0 failed to start again")
                    .hasMessageContaining("client=" + port)
                    .hasMessageContaining("another process took one of the node's ports")
                    .hasMessageContaining("Address already in use");
            assertThat(kafka.isNodeRunning(0)).isFalse();
        } finally {
            kafka.startNode(0);
        }
        KafkaClients.send(kafka.clientProperties(), "after-squatter", List.of("ok"));
    }

    @Test
    void starting_a_running_node_is_refused() {
        assertThatThrownBy(() -> kafka.startNode(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node 0 is already running");
        assertThatThrownBy(() -> kafka.stopNode(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodes 0..0");
    }

    @Test
    void cluster_started_on_a_used_data_dir_keeps_its_topics(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka first = EmbeddedKafka.newBuilder().dataDir(dir).start()) {
            KafkaClients.send(first.clientProperties(), "kept", List.of("from-first-run"));
        }
        assertThat(dir.resolve("cluster.id")).exists();

        try (EmbeddedKafka second = EmbeddedKafka.newBuilder().dataDir(dir).start()) {
            assertThat(KafkaClients.readAll(second.clientProperties(), "kept", "read_uncommitted"))
                    .containsExactly("from-first-run");
        }
        assertThat(Files.exists(dir)).as("a given data dir is never deleted").isTrue();
    }

    @Test
    void close_deletes_a_temporary_data_dir_and_is_idempotent() {
        EmbeddedKafka other = EmbeddedKafka.newBuilder().startTimeout(Duration.ofSeconds(60)).start();
        Path dir = other.dataDir();
        other.close();
        other.close();

        assertThat(dir).doesNotExist();
        assertThatThrownBy(() -> other.startNode(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void builder_rejects_bad_and_repeated_settings() {
        EmbeddedKafka.Builder builder = EmbeddedKafka.newBuilder().nodes(3);
        assertThatThrownBy(() -> builder.nodes(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("nodes was already set to 3");
        assertThatThrownBy(() -> EmbeddedKafka.newBuilder().nodes(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodes was 2");
        assertThatThrownBy(() -> EmbeddedKafka.newBuilder().brokerProperty("listeners", "PLAINTEXT://:9092"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listeners");
        EmbeddedKafka.Builder withRetention = EmbeddedKafka.newBuilder().brokerProperty("log.retention.ms", "1000");
        assertThatThrownBy(() -> withRetention.brokerProperty("log.retention.ms", "2000"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set to 1000");
        assertThatThrownBy(() -> EmbeddedKafka.newBuilder().startTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tls_files_are_refused_for_a_plaintext_cluster() {
        assertThatThrownBy(() -> kafka.tlsFiles()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not TLS");
    }
}
