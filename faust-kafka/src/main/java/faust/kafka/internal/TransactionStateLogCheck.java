package faust.kafka.internal;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.jspecify.annotations.Nullable;

/**
 * Whether the cluster can host the transaction state log that exactly-once needs: when
 * {@code __transaction_state} does not exist yet and the brokers' replication factor or min ISR
 * for it exceeds the brokers running, the producer's {@code initTransactions} could only wait
 * until it times out.
 */
final class TransactionStateLogCheck {
    private static final String TRANSACTION_STATE_LOG = "__transaction_state";

    private TransactionStateLogCheck() {}

    /**
     * One quick attempt; anything it cannot read (ACLs, an unreachable broker) counts as no
     * problem, leaving the verdict to {@code initTransactions}.
     *
     * @param a the admin client
     * @param timeoutMs each request's timeout
     * @return what is wrong, naming the broker configs and values, or null
     */
    static @Nullable String problem(Admin a, int timeoutMs) {
        try {
            if (a.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(timeoutMs)).names().get()
                    .contains(TRANSACTION_STATE_LOG)) {
                return null;
            }
            Collection<Node> nodes = a.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes().get();
            if (nodes.isEmpty()) {
                return null;
            }
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
            Config c = a.describeConfigs(List.of(broker), new DescribeConfigsOptions().timeoutMs(timeoutMs)).all().get().get(broker);
            ConfigEntry rf = c == null ? null : c.get("transaction.state.log.replication.factor");
            ConfigEntry isr = c == null ? null : c.get("transaction.state.log.min.isr");
            int brokers = nodes.size();
            if (rf != null && Integer.parseInt(rf.value()) > brokers || isr != null && Integer.parseInt(isr.value()) > brokers) {
                return "the cluster has " + brokers + (brokers == 1 ? " broker" : " brokers") + " running but asks for "
                        + "transaction.state.log.replication.factor=" + (rf == null ? "?" : rf.value())
                        + " and transaction.state.log.min.isr=" + (isr == null ? "?" : isr.value()) + ", so it cannot create "
                        + TRANSACTION_STATE_LOG;
            }
            return null;
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
