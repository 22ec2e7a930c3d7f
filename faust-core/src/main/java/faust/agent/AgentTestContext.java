package faust.agent;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Drives a copy of an agent over a private channel, one value at a time (Faust's
 * {@code agent.test_context()}). {@link #put} returns once the agent has processed the value
 * (asked for the next one), and rethrows the agent's exception if it crashed.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type
 */
public interface AgentTestContext<K, V, R> extends AutoCloseable {
    /**
     * @param value a value for the agent
     * @return the event's offset (0, 1, 2, ...), the key of its entry in {@link #results()}
     */
    long put(@Nullable V value);

    /**
     * @param key key
     * @param value value
     * @return the event's offset
     */
    long put(@Nullable K key, @Nullable V value);

    /**
     * Results by event offset: what the agent emitted for each event (yielding agents), or the
     * value it processed (other agents), as in Faust.
     *
     * @return offset to result
     */
    Map<Long, Object> results();

    /** Stops the agent copy. */
    @Override
    void close();
}
