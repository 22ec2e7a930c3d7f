package faust.topic;

import faust.errors.ImproperlyConfiguredException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What can be set on a topic, in the lambda given to {@code app.topic(...)}:
 * {@code app.topic("orders", String.class, Order.class, t -> t.partitions(4).retention(Duration.ofDays(7)))}.
 * Each setter validates its argument. The lambda's result is the immutable {@link TopicSpec}.
 * Not thread-safe; used while declaring a topic.
 */
public final class TopicOptions {
    @Nullable Integer partitions;
    @Nullable Integer replicas;
    @Nullable Duration retention;
    boolean compacting;
    boolean deleting;
    boolean internal;
    boolean acks = true;
    boolean allowEmpty;
    @Nullable Integer maxsize;
    @Nullable String keySerializer;
    @Nullable String valueSerializer;
    final Map<String, String> config = new LinkedHashMap<>();

    TopicOptions(TopicSpec from) {
        partitions = from.partitions();
        replicas = from.replicas();
        retention = from.retention();
        compacting = from.compacting();
        deleting = from.deleting();
        internal = from.internal();
        acks = from.acks();
        allowEmpty = from.allowEmpty();
        maxsize = from.maxsize();
        keySerializer = from.keySerializer();
        valueSerializer = from.valueSerializer();
        config.putAll(from.config());
    }

    /**
     * @param n partition count, at least 1 (default: the {@code topic_partitions} setting)
     * @return this
     * @throws ImproperlyConfiguredException if {@code n} is below 1
     */
    public TopicOptions partitions(int n) {
        if (n < 1) {
            throw new ImproperlyConfiguredException("topic partitions must be >= 1, got " + n);
        }
        partitions = n;
        return this;
    }

    /**
     * @param n replication factor, at least 1 (default: the {@code topic_replication_factor} setting)
     * @return this
     * @throws ImproperlyConfiguredException if {@code n} is below 1
     */
    public TopicOptions replicas(int n) {
        if (n < 1) {
            throw new ImproperlyConfiguredException("topic replicas must be >= 1, got " + n);
        }
        replicas = n;
        return this;
    }

    /**
     * @param d how long messages are kept, positive (default: the broker's)
     * @return this
     * @throws ImproperlyConfiguredException if {@code d} is not positive
     */
    public TopicOptions retention(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative() || d.isZero()) {
            throw new ImproperlyConfiguredException("topic retention must be positive, got " + d);
        }
        retention = d;
        return this;
    }

    /**
     * @param on the cleanup policy includes compaction
     * @return this
     */
    public TopicOptions compacting(boolean on) {
        compacting = on;
        return this;
    }

    /**
     * @param on the cleanup policy includes deletion
     * @return this
     */
    public TopicOptions deleting(boolean on) {
        deleting = on;
        return this;
    }

    /**
     * @param on the app owns this topic: it is declared (created) at start-up
     * @return this
     */
    public TopicOptions internal(boolean on) {
        internal = on;
        return this;
    }

    /**
     * @param on ack and commit offsets of this topic (default true)
     * @return this
     */
    public TopicOptions acks(boolean on) {
        acks = on;
        return this;
    }

    /**
     * @param on deliver null values (tombstones) to streams (default false: they are acked and skipped)
     * @return this
     */
    public TopicOptions allowEmpty(boolean on) {
        allowEmpty = on;
        return this;
    }

    /**
     * @param n events buffered before back-pressure, at least 1 (default: {@code stream_buffer_maxsize})
     * @return this
     * @throws ImproperlyConfiguredException if {@code n} is below 1
     */
    public TopicOptions maxsize(int n) {
        if (n < 1) {
            throw new ImproperlyConfiguredException("topic maxsize must be >= 1, got " + n);
        }
        maxsize = n;
        return this;
    }

    /**
     * @param codec key codec name, e.g. {@link faust.codec.Codecs#RAW} (default: the {@code key_serializer} setting)
     * @return this
     */
    public TopicOptions keySerializer(String codec) {
        keySerializer = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /**
     * @param codec value codec name, e.g. {@code json} or {@code json|binary} (default: the {@code value_serializer} setting)
     * @return this
     */
    public TopicOptions valueSerializer(String codec) {
        valueSerializer = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /**
     * @param key a topic config name, e.g. {@code min.insync.replicas}
     * @param value its value
     * @return this
     */
    public TopicOptions config(String key, String value) {
        config.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    TopicSpec build() {
        return new TopicSpec(partitions, replicas, retention, compacting, deleting, internal, acks, allowEmpty, maxsize,
                keySerializer, valueSerializer, config);
    }
}
