package faust.agent;

import faust.stream.KeyValue;
import faust.topic.Channel;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A stream processor: N actors (virtual threads) each running the agent function over the
 * agent's channel. Agents can be sent to ({@link #cast}, {@link #send}) and asked ({@link #ask}:
 * RPC with a reply topic and correlation id, in Faust's envelope or header form). Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type: what a yielding agent emits; {@link Void} for agents that emit nothing
 */
public interface Agent<K, V, R> {
    /** @return the agent's name */
    String name();

    /** @return the channel the agent reads (its own topic {@code <app id>-<name>} when none was given) */
    Channel<K, V> channel();

    /**
     * Sends a value to the agent and does not wait (Faust's {@code cast}): a failure is logged.
     *
     * @param value the value
     */
    void cast(@Nullable V value);

    /**
     * Sends a key and value to the agent and does not wait: a failure is logged.
     *
     * @param key the key
     * @param value the value
     */
    void cast(@Nullable K key, @Nullable V value);

    /**
     * Sends a key and value to the agent (Faust's {@code send}).
     *
     * @param key the key
     * @param value the value
     * @return completes with where the message landed, or with the send's error
     */
    CompletableFuture<RecordMetadata> send(@Nullable K key, @Nullable V value);

    /**
     * Sends a request and blocks the calling (virtual) thread until the agent emits its result,
     * waiting at most {@code reply_expires}.
     *
     * @param value the request value
     * @return the result, decoded as the agent's result type
     * @throws faust.errors.FaustException when no reply comes in time, or the agent emits nothing
     */
    R ask(@Nullable V value);

    /**
     * @param value the request value
     * @param timeout longest wait
     * @return the result
     * @throws faust.errors.FaustException on timeout
     */
    R ask(@Nullable V value, Duration timeout);

    /**
     * @param key the request key (it picks the partition, as for a send)
     * @param value the request value
     * @param timeout longest wait
     * @return the result
     * @throws faust.errors.FaustException on timeout
     */
    R ask(@Nullable K key, @Nullable V value, Duration timeout);

    /**
     * @param value the request value
     * @return completes with the result
     */
    CompletableFuture<R> askAsync(@Nullable V value);

    /**
     * @param key the request key
     * @param value the request value
     * @return completes with the result
     */
    CompletableFuture<R> askAsync(@Nullable K key, @Nullable V value);

    /**
     * Asks for every value and yields results as they arrive (not in input order).
     *
     * @param values requests
     * @return results in arrival order
     */
    Iterable<R> map(Iterable<? extends V> values);

    /**
     * @param items keyed requests
     * @return results in arrival order
     */
    Iterable<R> kvmap(Iterable<KeyValue<K, V>> items);

    /**
     * Asks for every value and returns the results in input order.
     *
     * @param values requests
     * @return results, one per request, in input order
     */
    List<R> join(Iterable<? extends V> values);

    /**
     * @param items keyed requests
     * @return results in input order
     */
    List<R> kvjoin(Iterable<KeyValue<K, V>> items);

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
