package faust.embedded;

import faust.embedded.internal.ClusterProbe;
import faust.embedded.internal.Directories;
import faust.embedded.internal.FreePorts;
import faust.embedded.internal.KafkaNode;
import faust.embedded.internal.NodePorts;
import faust.embedded.internal.Nodes;
import faust.embedded.internal.SecurityProperties;
import faust.embedded.security.Security;
import faust.embedded.security.TlsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster in KRaft mode on {@code 127.0.0.1}: one node or three, each a
 * combined broker and controller, in this JVM or each in a child JVM. For integration tests,
 * benchmarks and the demo.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.newBuilder().start()) {
 *     Map<String, Object> props = kafka.clientProperties(); // bootstrap.servers + security
 *     ...
 * }
 * }</pre>
 *
 * <p>Node {@code i} (0-based) has {@code node.id = i} and three loopback ports picked free at
 * start: the client listener (in {@link #bootstrapServers()}, secured per {@link Security}) and
 * PLAINTEXT inter-broker and controller listeners. A node keeps its ports and data across
 * {@link #stopNode} and {@link #startNode}, so clients reconnect. Internal topics
 * ({@code __consumer_offsets}, {@code __transaction_state}) are replicated to every node, with
 * {@code min.insync.replicas} of 1 for one node and 2 for three; topics are auto-created on first
 * use with one partition. See {@code docs/embedded-kafka.md} for every setting.
 *
 * <p>Thread-safe: node operations are serialised by a lock.
 *
 * @see Builder
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Options of each child JVM unless {@link Builder#childJvmOptions} replaces them. C1-only JIT
     * ({@code TieredStopAtLevel=1}) cuts a node's start-up CPU by about 45% (7.4 s to 4.1 s
     * measured on a 2-core machine), at some cost in peak broker throughput; benchmarks that
     * load the broker hard can pass options without it.
     */
    public static final List<String> DEFAULT_CHILD_JVM_OPTIONS =
            List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final ReentrantLock lock = new ReentrantLock();
    private final Path dataDir;
    private final boolean temporaryDataDir;
    private final boolean childJvm;
    private final String clusterId;
    private final Security security;
    private final @Nullable TlsFiles tlsFiles;
    private final List<NodePorts> ports;
    private final List<KafkaNode> nodes;
    private final Duration startTimeout;
    private final Thread closeOnExit;
    private boolean closed;

    EmbeddedKafka(ClusterLauncher.Started started) {
        this.dataDir = started.dataDir();
        this.temporaryDataDir = started.temporaryDataDir();
        this.childJvm = started.childJvm();
        this.clusterId = started.clusterId();
        this.security = started.security();
        this.tlsFiles = started.tlsFiles();
        this.ports = started.ports();
        this.nodes = started.nodes();
        this.startTimeout = started.startTimeout();
        this.closeOnExit = new Thread(this::closeAtJvmExit, "faust-embedded-kafka-close-on-exit");
        Runtime.getRuntime().addShutdownHook(closeOnExit);
    }

    /**
     * Starts configuring a cluster.
     *
     * @return a builder with the defaults: one in-process node, plaintext, a temporary data dir
     */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * The client listeners of every node, for {@code bootstrap.servers}.
     *
     * @return {@code "127.0.0.1:p1,127.0.0.1:p2,..."}
     */
    public String bootstrapServers() {
        return ports.stream().map(p -> "127.0.0.1:" + p.client()).collect(Collectors.joining(","));
    }

    /**
     * The client listeners as a Faust broker URL.
     *
     * @return {@code "kafka://127.0.0.1:p1;127.0.0.1:p2;..."}
     */
    public String brokerUrl() {
        return "kafka://" + ports.stream().map(p -> "127.0.0.1:" + p.client()).collect(Collectors.joining(";"));
    }

    /**
     * Everything a Kafka client needs to connect: {@code bootstrap.servers}, {@code security.protocol}
     * and, per {@link Security} mode, {@code sasl.mechanism} and {@code sasl.jaas.config} or the
     * SSL trust store and key store locations, types and passwords.
     *
     * @return a new mutable map on each call, so callers may add serializers and the like
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers());
        props.putAll(SecurityProperties.client(security, tlsFiles));
        return props;
    }

    /**
     * The number of nodes, running or stopped.
     *
     * @return 1 or 3
     */
    public int nodeCount() {
        return nodes.size();
    }

    /**
     * The cluster's data directory: {@code cluster.id}, {@code node-<i>/} (log directory
     * {@code logs/}, and for child JVMs {@code server.properties} and {@code node.log}) and
     * {@code tls/} in TLS mode.
     *
     * @return the absolute path
     */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * The KRaft cluster id, written at format time.
     *
     * @return the cluster id
     */
    public String clusterId() {
        return clusterId;
    }

    /**
     * The security of the client listener.
     *
     * @return the mode given to the builder
     */
    public Security security() {
        return security;
    }

    /**
     * The generated certificate files of a TLS cluster.
     *
     * @return the files
     * @throws IllegalStateException if the cluster does not use {@link Security#tls()}
     */
    public TlsFiles tlsFiles() {
        if (tlsFiles == null) {
            throw new IllegalStateException("the cluster uses " + security
                    + ", not TLS; build it with security(Security.tls()) to get certificate files");
        }
        return tlsFiles;
    }

    /**
     * Whether node {@code i} is running.
     *
     * @param i the node index
     * @return true if started and not stopped or killed since
     * @throws IllegalArgumentException if {@code i} is not a node index
     */
    public boolean isNodeRunning(int i) {
        return node(i).isRunning();
    }

    /**
     * Stops node {@code i} cleanly (in-process: Kafka shutdown; child JVM: end of stdin and
     * SIGTERM, then SIGKILL after 30 s). Its data and ports are kept for {@link #startNode}.
     * Does nothing if the node is already stopped.
     *
     * @param i the node index
     * @throws IllegalArgumentException if {@code i} is not a node index
     * @throws IllegalStateException if the cluster is closed
     */
    public void stopNode(int i) {
        KafkaNode node = node(i);
        lock.lock();
        try {
            checkOpen();
            node.stop(STOP_TIMEOUT);
            log.info("[embedded-kafka] node {} stopped", i);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Kills node {@code i}: SIGKILL for a child JVM (no clean shutdown, as after a crash); the same
     * as {@link #stopNode} in-process. Does nothing if the node is already stopped.
     *
     * @param i the node index
     * @throws IllegalArgumentException if {@code i} is not a node index
     * @throws IllegalStateException if the cluster is closed
     */
    public void killNode(int i) {
        KafkaNode node = node(i);
        lock.lock();
        try {
            checkOpen();
            node.kill();
            log.info("[embedded-kafka] node {} killed", i);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a stopped node again on the same ports and data, and blocks until it is registered
     * and alive in the cluster metadata.
     *
     * @param i the node index
     * @throws IllegalArgumentException if {@code i} is not a node index
     * @throws IllegalStateException if the node is running or the cluster is closed
     * @throws EmbeddedKafkaException if the node fails to start, for example because another
     *     process took one of its ports meanwhile
     */
    public void startNode(int i) {
        KafkaNode node = node(i);
        lock.lock();
        try {
            checkOpen();
            if (node.isRunning()) {
                throw new IllegalStateException("node " + i + " is already running; stop or kill it first");
            }
            long begin = System.nanoTime();
            try {
                Nodes.start(node, startTimeout);
                ClusterProbe.awaitBrokers("127.0.0.1:" + ports.get(i).internal(), Set.of(i), startTimeout);
            } catch (Exception e) {
                node.kill();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                String tail = e instanceof Nodes.NodeStartException n ? n.logTail() : "";
                String hint = FreePorts.isBindFailure(e, tail)
                        ? " (another process took one of the node's ports; free it and call startNode again)" : "";
                throw new EmbeddedKafkaException(ClusterLauncher.describeFailure(
                        "node " + i + " failed to start again on " + ports.get(i) + hint + " in " + dataDir, e), e);
            }
            log.info("[embedded-kafka] node {} started again in {} ms", i, (System.nanoTime() - begin) / 1_000_000);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops every node and, if the data directory was temporary, deletes it. Nodes with a
     * temporary data directory in child JVMs are killed rather than shut down cleanly, since their
     * data is deleted anyway. Idempotent. A cluster that is never closed is closed by a JVM
     * shutdown hook.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnExit);
            } catch (IllegalStateException jvmExiting) {
                // close() runs from the hook itself, or the JVM is exiting anyway
            }
            long begin = System.nanoTime();
            Nodes.stopAll(nodes, STOP_TIMEOUT, childJvm && temporaryDataDir);
            if (temporaryDataDir) {
                try {
                    Directories.deleteRecursively(dataDir);
                } catch (IOException e) {
                    log.warn("[embedded-kafka] could not delete the temporary data dir {}: {}", dataDir, e.toString());
                }
            }
            log.info("[embedded-kafka] closed in {} ms", (System.nanoTime() - begin) / 1_000_000);
        } finally {
            lock.unlock();
        }
    }

    /** A cluster left open stops with the JVM, so that no broker or temporary directory outlives it. */
    private void closeAtJvmExit() {
        try {
            if (lock.tryLock(10, TimeUnit.SECONDS)) {
                try {
                    close();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[nodes=" + nodes.size() + ", childJvm=" + childJvm + ", bootstrap.servers="
                + bootstrapServers() + ", security=" + security + ", dataDir=" + dataDir + "]";
    }

    private KafkaNode node(int i) {
        if (i < 0 || i >= nodes.size()) {
            throw new IllegalArgumentException("node index was " + i + "; this cluster has nodes 0.."
                    + (nodes.size() - 1));
        }
        return nodes.get(i);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the embedded cluster is closed; start a new one");
        }
    }

    /**
     * Configures and starts an {@link EmbeddedKafka}. Each setter may be called once; values are
     * checked when set. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable Integer nodes;
        private @Nullable Boolean childJvm;
        private @Nullable Path dataDir;
        private @Nullable Security security;
        private @Nullable Duration startTimeout;
        private @Nullable List<String> childJvmOptions;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Builder() {}

        /**
         * The number of nodes, each a combined broker and controller.
         *
         * @param n 1 (the default) or 3
         * @return this builder
         * @throws IllegalArgumentException if {@code n} is not 1 or 3
         * @throws IllegalStateException if already set
         */
        public Builder nodes(int n) {
            checkUnset("nodes", this.nodes);
            if (n != 1 && n != 3) {
                throw new IllegalArgumentException("nodes was " + n + "; use 1, or 3 for a cluster that survives the"
                        + " loss of one node");
            }
            this.nodes = n;
            return this;
        }

        /**
         * Whether each node runs in its own child JVM (same class path, {@code java} from
         * {@code java.home}, {@link EmbeddedKafka#DEFAULT_CHILD_JVM_OPTIONS}) instead of in this JVM.
         * Child JVMs can be killed with SIGKILL ({@link EmbeddedKafka#killNode}), keep broker
         * threads and memory out of this JVM, and log to {@code node-<i>/node.log}.
         *
         * @param b true for child JVMs; the default is false (in-process)
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder childJvm(boolean b) {
            checkUnset("childJvm", this.childJvm);
            this.childJvm = b;
            return this;
        }

        /**
         * The data directory. A directory that already holds a cluster of the same node count is
         * reused (topics and offsets survive); it is never deleted.
         *
         * @param p the directory; created if missing
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder dataDir(Path p) {
            Objects.requireNonNull(p, "p");
            checkUnset("dataDir", this.dataDir);
            this.dataDir = p;
            return this;
        }

        /**
         * The security of the client listener.
         *
         * @param s the mode; the default is {@link Security#plaintext()}
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder security(Security s) {
            Objects.requireNonNull(s, "s");
            checkUnset("security", this.security);
            this.security = s;
            return this;
        }

        /**
         * An extra broker setting for every node, applied after this module's defaults.
         *
         * @param key a Kafka broker config name, such as {@code log.retention.ms}
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException if the key wires listeners, ports, node ids or
         *     directories, which this class owns
         * @throws IllegalStateException if the key was already given
         */
        public Builder brokerProperty(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (faust.embedded.internal.BrokerConfig.RESERVED.contains(key)) {
                throw new IllegalArgumentException("broker property " + key + " is set by EmbeddedKafka itself"
                        + " (listeners, ports, node ids and directories); use dataDir() or security() instead");
            }
            if (brokerProperties.containsKey(key)) {
                throw new IllegalStateException("broker property " + key + " was already set to "
                        + brokerProperties.get(key));
            }
            brokerProperties.put(key, value);
            return this;
        }

        /**
         * How long {@link #start()} and {@link EmbeddedKafka#startNode} wait for nodes.
         *
         * @param timeout positive; the default is 90 seconds
         * @return this builder
         * @throws IllegalArgumentException if not positive
         * @throws IllegalStateException if already set
         */
        public Builder startTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            checkUnset("startTimeout", this.startTimeout);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout was " + timeout + "; give a positive duration");
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * JVM options of each child JVM, replacing {@link EmbeddedKafka#DEFAULT_CHILD_JVM_OPTIONS}.
         *
         * @param options options such as {@code -Xmx1g}
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder childJvmOptions(List<String> options) {
            Objects.requireNonNull(options, "options");
            checkUnset("childJvmOptions", this.childJvmOptions);
            this.childJvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * Formats storage (first time only), picks free ports, starts every node and blocks until
         * each is registered with the controller quorum and alive. A lost race for a free port is
         * retried with new ports, up to three attempts.
         *
         * @return the running cluster; close it when done
         * @throws EmbeddedKafkaException if the cluster fails to start; the message names the node,
         *     the cause and, for child JVMs, quotes the end of the node's log
         */
        public EmbeddedKafka start() {
            var launcher = new ClusterLauncher(
                    nodes == null ? 1 : nodes,
                    childJvm != null && childJvm,
                    dataDir,
                    security == null ? Security.plaintext() : security,
                    Map.copyOf(brokerProperties),
                    startTimeout == null ? Duration.ofSeconds(90) : startTimeout,
                    childJvmOptions == null ? DEFAULT_CHILD_JVM_OPTIONS : childJvmOptions);
            return new EmbeddedKafka(launcher.launch());
        }

        private static void checkUnset(String name, @Nullable Object current) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set to " + current);
            }
        }
    }
}
