package faust.topic;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How a topic is declared and read: what {@link TopicOptions} set, as an immutable value
 * ({@link Topic#spec()}). A null field means "the setting's default" ({@code topic_partitions},
 * {@code topic_replication_factor}, {@code stream_buffer_maxsize}, the broker's retention); a
 * topic's own spec names the key and value codecs it uses.
 *
 * @param partitions partition count, or null for {@code topic_partitions}
 * @param replicas replication factor, or null for {@code topic_replication_factor}
 * @param retention retention, or null for the broker's
 * @param compacting the cleanup policy includes compaction
 * @param deleting the cleanup policy includes deletion
 * @param internal the app owns the topic and declares it at start-up
 * @param acks offsets are acked and committed
 * @param allowEmpty null values (tombstones) are delivered to streams
 * @param maxsize events buffered before back-pressure, or null for {@code stream_buffer_maxsize}
 * @param keySerializer key codec name, or null for {@code key_serializer}
 * @param valueSerializer value codec name, or null for {@code value_serializer}
 * @param config extra topic configuration used when declaring
 */
public record TopicSpec(@Nullable Integer partitions, @Nullable Integer replicas, @Nullable Duration retention,
                        boolean compacting, boolean deleting, boolean internal, boolean acks, boolean allowEmpty,
                        @Nullable Integer maxsize, @Nullable String keySerializer, @Nullable String valueSerializer,
                        Map<String, String> config) {
    private static final TopicSpec DEFAULTS = new TopicSpec(null, null, null, false, false, false, true, false, null,
            null, null, Map.of());

    /** Copies the config. */
    public TopicSpec {
        config = Map.copyOf(config);
    }

    /** @return every value from the settings: Faust's {@code app.topic(name)} */
    public static TopicSpec defaults() {
        return DEFAULTS;
    }

    /**
     * @param options sets what differs from the defaults
     * @return the spec
     * @throws faust.errors.ImproperlyConfiguredException if an option is not allowed
     */
    public static TopicSpec of(Consumer<TopicOptions> options) {
        return DEFAULTS.with(options);
    }

    /**
     * @param changes applied to options holding this spec's values
     * @return a copy with the changes
     * @throws faust.errors.ImproperlyConfiguredException if an option is not allowed
     */
    public TopicSpec with(Consumer<TopicOptions> changes) {
        Objects.requireNonNull(changes, "changes");
        TopicOptions o = new TopicOptions(this);
        changes.accept(o);
        return o.build();
    }
}
