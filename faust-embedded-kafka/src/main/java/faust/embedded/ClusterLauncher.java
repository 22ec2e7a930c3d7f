package faust.embedded;

import faust.embedded.internal.BrokerConfig;
import faust.embedded.internal.Certificates;
import faust.embedded.internal.ChildJvmNode;
import faust.embedded.internal.ClusterProbe;
import faust.embedded.internal.Directories;
import faust.embedded.internal.FreePorts;
import faust.embedded.internal.InProcessNode;
import faust.embedded.internal.KafkaNode;
import faust.embedded.internal.NodePorts;
import faust.embedded.internal.Nodes;
import faust.embedded.internal.StorageFormat;
import faust.embedded.security.Security;
import faust.embedded.security.TlsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prepares the data directory and starts the nodes of a new {@link EmbeddedKafka}. */
final class ClusterLauncher {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int PORT_ATTEMPTS = 3;

    /** What {@link EmbeddedKafka} keeps of a started cluster. */
    record Started(Path dataDir, boolean temporaryDataDir, boolean childJvm, String clusterId, Security security,
            @Nullable TlsFiles tlsFiles, List<NodePorts> ports, List<KafkaNode> nodes, Duration startTimeout) {}

    private final int nodeCount;
    private final boolean childJvm;
    private final @Nullable Path requestedDataDir;
    private final Security security;
    private final Map<String, String> brokerProperties;
    private final Duration startTimeout;
    private final List<String> childJvmOptions;

    ClusterLauncher(int nodeCount, boolean childJvm, @Nullable Path dataDir, Security security,
            Map<String, String> brokerProperties, Duration startTimeout, List<String> childJvmOptions) {
        this.nodeCount = nodeCount;
        this.childJvm = childJvm;
        this.requestedDataDir = dataDir;
        this.security = security;
        this.brokerProperties = brokerProperties;
        this.startTimeout = startTimeout;
        this.childJvmOptions = childJvmOptions;
    }

    Started launch() {
        long begin = System.nanoTime();
        boolean temporary = requestedDataDir == null;
        Path dataDir = null;
        try {
            dataDir = temporary
                    ? Files.createTempDirectory("faust-embedded-kafka-")
                    : Files.createDirectories(java.util.Objects.requireNonNull(requestedDataDir).toAbsolutePath());
            checkNodeCount(dataDir);
            String clusterId = StorageFormat.clusterId(dataDir);
            TlsFiles tls = null;
            if (security instanceof Security.Tls) {
                tls = TlsFiles.in(dataDir.resolve("tls"), randomPassword());
                Certificates.write(tls);
            }
            for (int i = 0; i < nodeCount; i++) {
                StorageFormat.format(logDir(dataDir, i), i, clusterId, security);
            }
            for (int attempt = 1; ; attempt++) {
                List<NodePorts> ports = pickPorts();
                List<KafkaNode> nodes = createNodes(dataDir, ports, tls);
                try {
                    Nodes.startAll(nodes, startTimeout);
                    ClusterProbe.awaitBrokers(internalBootstrap(ports),
                            IntStream.range(0, nodeCount).boxed().collect(Collectors.toSet()), startTimeout);
                    log.info("[embedded-kafka] {} node(s) {} started in {} ms: bootstrap.servers={}", nodeCount,
                            childJvm ? "in child JVMs" : "in-process", (System.nanoTime() - begin) / 1_000_000,
                            ports.stream().map(p -> "127.0.0.1:" + p.client()).collect(Collectors.joining(",")));
                    return new Started(dataDir, temporary, childJvm, clusterId, security, tls, ports, nodes,
                            startTimeout);
                } catch (Exception e) {
                    Nodes.stopAll(nodes, Duration.ZERO, true);
                    String tail = e instanceof Nodes.NodeStartException n ? n.logTail() : "";
                    if (attempt < PORT_ATTEMPTS && FreePorts.isBindFailure(e, tail)) {
                        log.warn("[embedded-kafka] lost a race for a free port ({}); retrying with new ports", e.toString());
                        continue;
                    }
                    throw e;
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (temporary && dataDir != null) {
                deleteQuietly(dataDir);
            }
            String what = "embedded Kafka (" + nodeCount + (nodeCount == 1 ? " node" : " nodes")
                    + (childJvm ? " in child JVMs" : " in-process") + ", " + security + ") failed to start in "
                    + (dataDir == null ? "a new temporary data dir" : dataDir.toString());
            throw new EmbeddedKafkaException(describeFailure(what, e), e);
        }
    }

    /** The message of a start failure: what failed, the cause, and the end of the node's log. */
    static String describeFailure(String what, Exception e) {
        StringBuilder message = new StringBuilder(what).append(": ").append(e.getMessage());
        if (e instanceof Nodes.NodeStartException n && !n.logTail().isBlank()) {
            message.append("\n--- end of node ").append(n.index()).append("'s log ---\n").append(n.logTail());
        }
        return message.toString();
    }

    private void checkNodeCount(Path dataDir) {
        for (int i = nodeCount; i < 8; i++) {
            if (Files.exists(dataDir.resolve("node-" + i))) {
                throw new IllegalStateException("data dir " + dataDir + " holds a cluster with more than " + nodeCount
                        + " node(s) (found node-" + i + "); use a fresh data dir or the same node count");
            }
        }
        if (nodeCount > 1 && StorageFormat.isFormatted(logDir(dataDir, 0))
                && !StorageFormat.isFormatted(logDir(dataDir, nodeCount - 1))) {
            throw new IllegalStateException("data dir " + dataDir + " holds a cluster with fewer than " + nodeCount
                    + " nodes; use a fresh data dir or the same node count");
        }
    }

    private List<NodePorts> pickPorts() {
        List<Integer> free = FreePorts.pick(3 * nodeCount);
        List<NodePorts> ports = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            ports.add(new NodePorts(free.get(3 * i), free.get(3 * i + 1), free.get(3 * i + 2)));
        }
        return List.copyOf(ports);
    }

    private List<KafkaNode> createNodes(Path dataDir, List<NodePorts> ports, @Nullable TlsFiles tls) {
        List<KafkaNode> nodes = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            Properties props = BrokerConfig.forNode(i, ports, logDir(dataDir, i), security, tls, brokerProperties);
            props.putIfAbsent("server.max.startup.time.ms", Long.toString(startTimeout.toMillis()));
            nodes.add(childJvm
                    ? new ChildJvmNode(i, dataDir.resolve("node-" + i), props, childJvmOptions)
                    : new InProcessNode(i, props));
        }
        return List.copyOf(nodes);
    }

    private static String internalBootstrap(List<NodePorts> ports) {
        return ports.stream().map(p -> "127.0.0.1:" + p.internal()).collect(Collectors.joining(","));
    }

    private static Path logDir(Path dataDir, int node) {
        return dataDir.resolve("node-" + node).resolve("logs");
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static void deleteQuietly(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            log.warn("[embedded-kafka] could not delete {}: {}", dir, e.toString());
        }
    }
}
