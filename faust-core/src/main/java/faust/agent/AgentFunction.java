package faust.agent;

import faust.stream.Stream;

/**
 * An agent's body: a plain loop over its stream, e.g.
 * {@code stream -> { for (Order o : stream) { ... } }}. Runs on its own virtual thread; returns
 * when the stream ends (the agent is stopped). An exception crashes the actor and is handled by
 * the agent's supervisor strategy.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface AgentFunction<K, V> {
    /**
     * @param stream the agent's stream
     * @throws Exception anything; the supervisor decides what happens next
     */
    void process(Stream<K, V> stream) throws Exception;
}
