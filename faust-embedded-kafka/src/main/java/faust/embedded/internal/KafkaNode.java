package faust.embedded.internal;

import java.time.Duration;

/**
 * One combined broker and controller of an embedded cluster, in this JVM or in a child JVM.
 * Not thread-safe: the owning {@code EmbeddedKafka} serialises calls.
 */
public sealed interface KafkaNode permits InProcessNode, ChildJvmNode {

    /**
     * The node index, which is also its {@code node.id}.
     *
     * @return the index
     */
    int index();

    /**
     * Starts the node and blocks until Kafka reports it started (for a combined node: the broker
     * caught up with the metadata log and was unfenced).
     *
     * @param timeout how long to wait
     * @throws Exception if the node failed to start or did not start in time; the node is stopped then
     */
    void start(Duration timeout) throws Exception;

    /**
     * Shuts the node down cleanly, waiting at most {@code timeout} (a child JVM is then killed).
     * Does nothing if the node is not running.
     *
     * @param timeout how long to wait for a clean shutdown
     */
    void stop(Duration timeout);

    /** Stops the node without a clean shutdown where possible (a child JVM gets SIGKILL). */
    void kill();

    /**
     * Whether the node was started and not stopped since.
     *
     * @return true while running
     */
    boolean isRunning();

    /**
     * The end of the node's own log, for error messages.
     *
     * @return up to a few thousand characters, or an empty string
     */
    String logTail();
}
