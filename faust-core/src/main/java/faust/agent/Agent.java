package faust.agent;

import faust.topic.Channel;
import faust.topic.TP;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A stream processor: N actors (virtual threads) each running the agent function over the
 * agent's channel. Agents can be sent to ({@link #cast}, {@link #send}) and asked ({@link #ask}:
 * RPC with a reply topic and correlation id, in Faust's header or envelope form; see
 * {@link AgentRef}). Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type: what a yielding agent emits; {@link Void} for agents that emit nothing
 */
public interface Agent<K, V, R> extends AgentRef<K, V, R> {
    /** @return the agent's name */
    String name();

    /** @return the channel the agent reads (its own topic {@code <app id>-<name>} when none was given) */
    Channel<K, V> channel();

    /**
     * @param callback told the partitions assigned to this worker (after each rebalance)
     */
    void onPartitionsAssigned(Consumer<Set<TP>> callback);

    /**
     * @param callback told the partitions revoked from this worker
     */
    void onPartitionsRevoked(Consumer<Set<TP>> callback);

    /** @return name, channel, concurrency, sinks, actors and state, for the {@code agents} command */
    Map<String, Object> info();

    /**
     * Runs this agent's function over a private in-memory channel, synchronously driven by
     * {@link AgentTestContext#put}. Needs no broker and no running app (Faust's {@code test_context}).
     *
     * @return the test context; close it when done
     */
    AgentTestContext<K, V, R> testContext();
}
