package faust.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A channel backed by one or more broker topics (or a pattern of topic names). Create with
 * {@code app.topic(...)}. Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Topic<K, V> extends Channel<K, V> {
    /** @return the topic names (empty for a pattern topic) */
    List<String> topics();

    /** @return the pattern of topic names, or null */
    @Nullable Pattern pattern();

    /** @return the partition count used when declaring, or null for {@code topic_partitions} */
    @Nullable Integer partitions();

    /** @return the replication factor used when declaring, or null for {@code topic_replication_factor} */
    @Nullable Integer replicas();

    /** @return retention, or null for the broker default */
    @Nullable Duration retention();

    /** @return whether the cleanup policy includes compaction */
    boolean compacting();

    /** @return whether the cleanup policy includes deletion */
    boolean deleting();

    /** @return whether the app owns this topic (declared and named by the app) */
    boolean internal();

    /** @return whether offsets of this topic are acked and committed */
    boolean acks();

    /** @return whether null values (tombstones) are delivered to streams */
    boolean allowEmpty();

    /** @return extra topic configuration used when declaring */
    Map<String, String> config();

    /** @return the key codec name */
    String keySerializer();

    /** @return the value codec name */
    String valueSerializer();

    /**
     * Makes a new topic like this one, with changes (Faust's {@code derive}).
     *
     * @param changes applied to a copy of this topic's options
     * @return the new topic
     */
    Topic<K, V> derive(Consumer<TopicOptions> changes);

    /**
     * @param prefix put before each topic name
     * @param suffix put after each topic name
     * @return the derived topic
     */
    Topic<K, V> derive(String prefix, String suffix);

    /** Creates the topic on the broker if it does not exist (when {@code topic_allow_declare}). */
    void declare();
}
