package faust.topic;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A channel backed by one or more broker topics (or a pattern of topic names). Create with
 * {@code app.topic(...)}; the app returns the same object for the same name, types and options.
 * Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Topic<K, V> extends Channel<K, V> {
    /** @return the topic names (empty for a pattern topic); sends go to the first */
    List<String> topics();

    /** @return the pattern of topic names, or null */
    @Nullable Pattern pattern();

    /**
     * @return how the topic is declared and read: partitions, replicas, retention, cleanup policy,
     *     acks, buffer size, extra config, and the key and value codecs it uses
     */
    TopicSpec spec();

    /**
     * Makes a new topic like this one (Faust's {@code derive}): each name becomes
     * {@code prefix + name + suffix}.
     *
     * @param prefix put before each topic name
     * @param suffix put after each topic name
     * @return the derived topic
     */
    Topic<K, V> derive(String prefix, String suffix);

    /**
     * Makes a new topic like this one, with changed options.
     *
     * @param prefix put before each topic name
     * @param suffix put after each topic name
     * @param changes applied to options holding this topic's spec
     * @return the derived topic
     */
    Topic<K, V> derive(String prefix, String suffix, Consumer<TopicOptions> changes);

    /** Creates the topic on the broker if it does not exist (when {@code topic_allow_declare}). */
    void declare();
}
