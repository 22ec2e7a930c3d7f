package faust.embedded.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/**
 * Waits until the cluster's metadata lists the expected brokers as alive. A broker appears in
 * {@code DescribeCluster} only once it is registered with the controller quorum and unfenced, so
 * this also proves the quorum has a leader. Uses the PLAINTEXT inter-broker listener, which needs
 * no credentials in any security mode.
 */
public final class ClusterProbe {
    private ClusterProbe() {}

    /**
     * Blocks until every id in {@code nodeIds} is an alive broker.
     *
     * @param internalBootstrap {@code host:port} list of PLAINTEXT inter-broker listeners
     * @param nodeIds the node ids that must be alive
     * @param timeout how long to wait
     * @throws TimeoutException if they are not all alive in time; the message names the missing ones
     * @throws InterruptedException if interrupted while waiting
     */
    public static void awaitBrokers(String internalBootstrap, Set<Integer> nodeIds, Duration timeout)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<Integer> alive = new TreeSet<>();
        String lastError = "none";
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "faust-embedded-kafka-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    alive.clear();
                    for (Node node : admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes().get(5, TimeUnit.SECONDS)) {
                        alive.add(node.id());
                    }
                    if (alive.containsAll(nodeIds)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastError = String.valueOf(e.getCause() == null ? e : e.getCause());
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("brokers " + nodeIds + " were not all alive within "
                            + timeout.toSeconds() + " s; alive: " + alive + "; last error: " + lastError);
                }
                Thread.sleep(50);
            }
        }
    }
}
