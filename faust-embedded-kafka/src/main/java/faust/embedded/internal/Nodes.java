package faust.embedded.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Starts and stops the nodes of a cluster together. Nodes of a multi-node cluster must start
 * concurrently: a combined node's startup blocks until the controller quorum has a majority.
 */
public final class Nodes {
    private Nodes() {}

    /**
     * Starts every node, concurrently when there are several, and waits for all of them.
     *
     * @param nodes the nodes
     * @param timeout the start timeout of each node
     * @throws NodeStartException for the first node that failed (others may have failed too)
     * @throws InterruptedException if interrupted while waiting
     */
    public static void startAll(List<KafkaNode> nodes, Duration timeout)
            throws NodeStartException, InterruptedException {
        if (nodes.size() == 1) {
            start(nodes.get(0), timeout);
            return;
        }
        NodeStartException first = null;
        try (ExecutorService pool = Executors.newFixedThreadPool(nodes.size(),
                Thread.ofPlatform().name("faust-embedded-kafka-start-", 0).daemon(true).factory())) {
            List<Future<?>> starts = new ArrayList<>();
            for (KafkaNode node : nodes) {
                starts.add(pool.submit(() -> {
                    start(node, timeout);
                    return null;
                }));
            }
            for (Future<?> start : starts) {
                try {
                    start.get();
                } catch (ExecutionException e) {
                    if (first == null && e.getCause() instanceof NodeStartException failure) {
                        first = failure;
                    } else if (first == null) {
                        Throwable cause = e.getCause() != null ? e.getCause() : e;
                        first = new NodeStartException(-1, "a node start failed: " + cause, cause, "");
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Starts one node, wrapping any failure with the node index and the end of its log.
     *
     * @param node the node
     * @param timeout the start timeout
     * @throws NodeStartException if it failed
     * @throws InterruptedException if interrupted while waiting
     */
    public static void start(KafkaNode node, Duration timeout) throws NodeStartException, InterruptedException {
        try {
            node.start(timeout);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | Error e) {
            node.kill();
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root == e ? e.toString() : e + ", caused by " + root;
            throw new NodeStartException(node.index(), "node " + node.index() + " failed to start: " + why,
                    e, node.logTail());
        }
    }

    /**
     * Stops every running node concurrently: cleanly with {@code timeout}, or with
     * {@link KafkaNode#kill()} when {@code kill} is true.
     *
     * @param nodes the nodes
     * @param timeout the clean-shutdown timeout
     * @param kill whether to kill instead
     */
    public static void stopAll(List<KafkaNode> nodes, Duration timeout, boolean kill) {
        Consumer<KafkaNode> stop = kill ? KafkaNode::kill : node -> node.stop(timeout);
        List<KafkaNode> running = nodes.stream().filter(KafkaNode::isRunning).toList();
        if (running.size() <= 1) {
            running.forEach(stop);
            return;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(running.size(),
                Thread.ofPlatform().name("faust-embedded-kafka-stop-", 0).daemon(true).factory())) {
            running.forEach(node -> pool.submit(() -> stop.accept(node)));
        }
    }

    /** A node failed to start; carries its index and the end of its log. */
    public static final class NodeStartException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int index;
        private final String logTail;

        NodeStartException(int index, String message, Throwable cause, String logTail) {
            super(message, cause);
            this.index = index;
            this.logTail = logTail;
        }

        /**
         * The failed node's index, or -1 if unknown.
         *
         * @return the index
         */
        public int index() {
            return index;
        }

        /**
         * The end of the node's log (empty for in-process nodes, which log through SLF4J).
         *
         * @return the log tail
         */
        public String logTail() {
            return logTail;
        }
    }
}
