package faust.embedded.internal;

import faust.embedded.security.Security;
import faust.embedded.security.TlsFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The server properties of one node of an embedded cluster: a combined broker and KRaft controller
 * with a static voter set ({@code controller.quorum.voters}), three loopback listeners, and
 * settings sized for tests on a small machine.
 */
public final class BrokerConfig {
    /** The controller listener name, also given to the storage formatter. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Keys this class owns: overriding them would break the cluster's wiring. */
    public static final Set<String> RESERVED = Set.of(
            "process.roles", "node.id", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "controller.listener.names", "listeners", "advertised.listeners",
            "listener.security.protocol.map", "inter.broker.listener.name", "log.dirs", "log.dir",
            "metadata.log.dir");

    private BrokerConfig() {}

    /**
     * Builds the properties of node {@code index}.
     *
     * @param index the node index, also its {@code node.id}
     * @param ports the ports of every node, by index
     * @param logDir the node's single log directory (data and metadata)
     * @param security the client listener's security
     * @param tls the TLS files in TLS mode, else null
     * @param overrides extra properties, applied last
     * @return the server properties
     */
    public static Properties forNode(int index, List<NodePorts> ports, Path logDir, Security security,
            @Nullable TlsFiles tls, Map<String, String> overrides) {
        int nodes = ports.size();
        int minIsr = Math.min(2, nodes);
        NodePorts own = ports.get(index);
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(index));
        p.setProperty("controller.quorum.voters", IntStream.range(0, nodes)
                .mapToObj(i -> i + "@127.0.0.1:" + ports.get(i).controller())
                .collect(Collectors.joining(",")));
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("listeners", "CLIENT://127.0.0.1:" + own.client()
                + ",INTERNAL://127.0.0.1:" + own.internal()
                + ",CONTROLLER://127.0.0.1:" + own.controller());
        p.setProperty("advertised.listeners",
                "CLIENT://127.0.0.1:" + own.client() + ",INTERNAL://127.0.0.1:" + own.internal());
        p.setProperty("listener.security.protocol.map",
                "CLIENT:" + security.securityProtocol() + ",INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "INTERNAL");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());

        // Replication of internal topics follows the node count so that one node suffices for
        // consumer groups and transactions, and three nodes tolerate the loss of one.
        String replicas = Integer.toString(nodes);
        p.setProperty("default.replication.factor", replicas);
        p.setProperty("min.insync.replicas", Integer.toString(minIsr));
        p.setProperty("offsets.topic.replication.factor", replicas);
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", replicas);
        p.setProperty("transaction.state.log.min.isr", Integer.toString(minIsr));
        p.setProperty("transaction.state.log.num.partitions", "10");
        p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
        p.setProperty("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("group.initial.rebalance.delay.ms", "0");

        // Faster failure detection than the defaults (9 s / 2 s), so a killed node is fenced and
        // leaves the ISRs within about five seconds.
        p.setProperty("broker.session.timeout.ms", "5000");
        p.setProperty("broker.heartbeat.interval.ms", "1000");

        // Modest resources: the defaults (1 GiB segments, a 128 MiB cleaner buffer, 8 I/O threads)
        // are sized for production hardware, not a 2-core test machine running three nodes.
        p.setProperty("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        p.setProperty("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("background.threads", "4");

        SecurityProperties.broker(security, tls).forEach(p::setProperty);
        overrides.forEach(p::setProperty);
        return p;
    }
}
