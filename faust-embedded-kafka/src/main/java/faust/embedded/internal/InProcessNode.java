package faust.embedded.internal;

import java.time.Duration;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;

/**
 * A node running in this JVM as a {@link KafkaRaftServer}, the class {@code kafka-server-start.sh}
 * runs: it reads the formatted log directory and starts the controller, then the broker.
 */
public final class InProcessNode implements KafkaNode {
    private final int index;
    private final Properties properties;
    private @Nullable KafkaRaftServer server;

    /**
     * Creates a stopped node.
     *
     * @param index the node index
     * @param properties its server properties; {@code server.max.startup.time.ms} bounds {@link #start}
     */
    public InProcessNode(int index, Properties properties) {
        this.index = index;
        this.properties = properties;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public void start(Duration timeout) {
        if (server != null) {
            throw new IllegalStateException("node " + index + " is already running");
        }
        KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException | Error e) {
            shutdown(started);
            throw e;
        }
        server = started;
    }

    @Override
    public void stop(Duration timeout) {
        KafkaRaftServer running = server;
        server = null;
        if (running != null) {
            shutdown(running);
        }
    }

    @Override
    public void kill() {
        stop(Duration.ZERO);
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public String logTail() {
        return "";
    }

    private static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }
}
