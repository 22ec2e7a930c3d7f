package faust.stream;

import faust.topic.Channel;
import faust.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An iterable over the values arriving on a channel; an agent is a plain loop over one:
 * {@code for (Order order : stream) { ... }}. Iteration blocks until the next event arrives and
 * ends when the agent is stopped.
 *
 * <p>Acks follow Faust: an event is acked when the loop asks for the next value, or when a
 * processor filters it out. Committed offsets only ever advance to the first unacked message.
 *
 * <p>A stream is iterated by one thread. Operators ({@link #filter}, {@link #map}, ...) return a
 * new stream over the same source; iterate only the last one.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Stream<K, V> extends Iterable<V> {
    /** @return a label for logs and sensors, e.g. {@code agent-count-0} */
    String label();

    /** @return the channel this stream reads */
    Channel<?, ?> channel();

    /** @return the events themselves, after processors ran (filtered events are skipped) */
    Iterable<Event<K, V>> events();

    /** @return key and value pairs */
    Iterable<KeyValue<K, V>> items();

    /** @return values with their position, counting from 0 */
    Iterable<Indexed<V>> enumerate();

    /**
     * @param start the first index
     * @return values with their position, counting from {@code start}
     */
    Iterable<Indexed<V>> enumerate(long start);

    /**
     * Buffers values and yields them in lists of at most {@code max}; a shorter non-empty list is
     * yielded when {@code within} passes first. The buffered events are acked when the loop asks
     * for the next list.
     *
     * @param max the most values per list, at least 1
     * @param within the longest wait for a list to fill
     * @return lists of values
     */
    Iterable<List<V>> take(int max, Duration within);

    /**
     * @param predicate keeps values for which it is true; others are acked and skipped
     * @return a stream of the kept values
     */
    Stream<K, V> filter(Predicate<? super V> predicate);

    /**
     * @param fn transforms each value
     * @param <R> new value type
     * @return a stream of transformed values (keys unchanged)
     */
    <R> Stream<K, R> map(Function<? super V, ? extends R> fn);

    /**
     * Adds a processor that sees every value before the loop body.
     *
     * @param processor called with each value
     * @return a stream running the processor
     */
    Stream<K, V> addProcessor(Consumer<? super V> processor);

    /**
     * Sends every value (with its key) to another channel and returns a stream reading that
     * channel. The current stream is drained in the background.
     *
     * @param channel the channel to go through
     * @return a stream over {@code channel}
     */
    Stream<K, V> through(Channel<K, V> channel);

    /**
     * @param topicName name of a topic to go through, with this stream's key and value types
     * @return a stream over that topic
     */
    Stream<K, V> through(String topicName);

    /**
     * Also sends every value to the given channels, keeping the stream as it is.
     *
     * @param channels where to copy values
     * @return a stream doing the copying
     */
    Stream<K, V> echo(Channel<?, ?>... channels);

    /**
     * Repartitions by a new key: each event is forwarded to the repartition topic
     * {@code [<agent>-]<source topic>-<name>-repartition} keyed by {@code key}, and the returned
     * stream reads that topic, so every event with the same key lands on the same partition.
     *
     * @param key computes the new key from the value
     * @param name names the key in the repartition topic, e.g. {@code Withdrawal.user}
     * @param <NK> new key type
     * @return a stream over the repartition topic
     */
    <NK> Stream<NK, V> groupBy(Function<? super V, ? extends NK> key, String name);

    /**
     * @param key computes the new key from the value
     * @param name names the key in the repartition topic
     * @param partitions partitions of the repartition topic, or null for {@code topic_partitions}
     * @param <NK> new key type
     * @return a stream over the repartition topic
     */
    <NK> Stream<NK, V> groupBy(Function<? super V, ? extends NK> key, String name, @Nullable Integer partitions);

    /** @return a stream that does not ack; call {@link #ack(Event)} yourself */
    Stream<K, V> noack();

    /**
     * @param event an event of this stream
     * @return true if this call acked it
     */
    boolean ack(Event<?, ?> event);

    /** @return the event being processed by this stream, or null */
    @Nullable Event<K, V> currentEvent();

    /**
     * Faust's {@code get_active_stream()}: the stream at the end of this stream's chain, the one an
     * agent iterates. {@code through}, {@code groupBy} and {@code deriveTopic}-based chains hand
     * events on to a new stream; this follows them to the last one.
     *
     * @return the last stream of the chain, or this stream when nothing was chained to it
     */
    Stream<?, ?> activeStream();

    /**
     * @param name topic name
     * @return a topic with this stream's key and value types
     */
    Topic<K, V> deriveTopic(String name);
}
