package faust.agent;

import faust.stream.KeyValue;
import faust.topic.RecordMetadata;
import faust.topic.SendOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What can be sent to an agent and asked of it, wherever it runs: an {@link Agent} of this app,
 * or an {@link AgentProxy} for one that runs in another app or in Python Faust. Asking is Faust's
 * agent RPC: the request names this process's reply topic ({@code reply_to}) and a correlation
 * id, the agent answers with one result per request, and the answer is decoded as the result
 * type. Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type; {@link Void} for an agent that emits nothing (it can be sent to, not asked)
 */
public interface AgentRef<K, V, R> {
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
     * Sends a request and blocks the calling (virtual) thread until the agent answers, waiting at
     * most the default timeout ({@code reply_expires}, or the proxy's own).
     *
     * @param value the request value
     * @return the result, decoded as the result type
     * @throws faust.errors.FaustException when no reply comes in time
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
     * Asks with Faust's further {@code ask} arguments: a partition, a timestamp and headers
     * ({@link SendOptions}; its callback, if any, is told when the request is sent).
     *
     * @param key the request key
     * @param value the request value
     * @param options partition, timestamp, headers and serializers of the request
     * @param timeout longest wait
     * @return the result
     * @throws faust.errors.FaustException on timeout
     */
    R ask(@Nullable K key, @Nullable V value, SendOptions options, Duration timeout);

    /**
     * @param value the request value
     * @return completes with the result, or fails when the request cannot be sent (it does not time out by itself)
     */
    CompletableFuture<R> askAsync(@Nullable V value);

    /**
     * @param key the request key
     * @param value the request value
     * @return completes with the result
     */
    CompletableFuture<R> askAsync(@Nullable K key, @Nullable V value);

    /**
     * @param key the request key
     * @param value the request value
     * @param options partition, timestamp, headers and serializers of the request
     * @return completes with the result
     */
    CompletableFuture<R> askAsync(@Nullable K key, @Nullable V value, SendOptions options);

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
}
