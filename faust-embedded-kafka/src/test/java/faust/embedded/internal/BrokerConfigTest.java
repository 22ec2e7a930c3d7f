package faust.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.embedded.security.Security;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {
    private static final List<NodePorts> THREE = List.of(
            new NodePorts(9000, 9001, 9002), new NodePorts(9010, 9011, 9012), new NodePorts(9020, 9021, 9022));

    @Test
    void node_lists_every_voter_and_its_own_three_listeners() {
        Properties p = BrokerConfig.forNode(1, THREE, Path.of("/data/node-1/logs"), Security.plaintext(), null, Map.of());

        assertThat(p.getProperty("node.id")).isEqualTo("1");
        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("controller.quorum.voters"))
                .isEqualTo("0@127.0.0.1:9002,1@127.0.0.1:9012,2@127.0.0.1:9022");
        assertThat(p.getProperty("listeners"))
                .isEqualTo("CLIENT://127.0.0.1:9010,INTERNAL://127.0.0.1:9011,CONTROLLER://127.0.0.1:9012");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("CLIENT://127.0.0.1:9010,INTERNAL://127.0.0.1:9011");
        assertThat(p.getProperty("log.dirs")).isEqualTo(Path.of("/data/node-1/logs").toAbsolutePath().toString());
    }

    @Test
    void internal_topics_replicate_to_every_node_with_min_isr_two_of_three() {
        Properties p = BrokerConfig.forNode(0, THREE, Path.of("logs"), Security.plaintext(), null, Map.of());

        assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("3");
        assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("3");
        assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("2");
        assertThat(p.getProperty("min.insync.replicas")).isEqualTo("2");
        assertThat(p.getProperty("default.replication.factor")).isEqualTo("3");
    }

    @Test
    void single_node_needs_only_itself_for_transactions() {
        Properties p = BrokerConfig.forNode(0, THREE.subList(0, 1), Path.of("logs"), Security.plaintext(), null,
                Map.of());

        assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
        assertThat(p.getProperty("group.initial.rebalance.delay.ms")).isEqualTo("0");
    }

    @Test
    void client_listener_takes_the_security_protocol_and_overrides_win() {
        Properties p = BrokerConfig.forNode(0, THREE.subList(0, 1), Path.of("logs"),
                Security.saslScram("SCRAM-SHA-512", "u", "pw"), null, Map.of("num.partitions", "4"));

        assertThat(p.getProperty("listener.security.protocol.map"))
                .isEqualTo("CLIENT:SASL_PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        assertThat(p.getProperty("listener.name.client.sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.getProperty("listener.name.client.scram-sha-512.sasl.jaas.config")).contains("ScramLoginModule");
        assertThat(p.getProperty("num.partitions")).isEqualTo("4");
    }
}
