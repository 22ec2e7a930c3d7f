package faust.agent;

import faust.stream.Stream;

/**
 * The body of an agent that produces results (Faust's agents that {@code yield}): each value
 * given to {@link Results#emit} answers an RPC request (if the current event is one) and goes to
 * the agent's sinks.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type
 */
@FunctionalInterface
public interface YieldingAgentFunction<K, V, R> {
    /**
     * @param stream the agent's stream
     * @param results where results go
     * @throws Exception anything; the supervisor decides what happens next
     */
    void process(Stream<K, V> stream, Results<R> results) throws Exception;

    /**
     * Where a yielding agent emits its results.
     *
     * @param <R> result type
     */
    @FunctionalInterface
    interface Results<R> {
        /**
         * Replies to the current event's RPC request (if any) and sends the value to every sink.
         *
         * @param value the result
         */
        void emit(R value);
    }
}
