package faust.topic;

import faust.errors.ImproperlyConfiguredException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Options of a topic, set in {@code app.topic(name, K.class, V.class, t -> t.partitions(4))}.
 * Each setter validates its argument. Not thread-safe; used while declaring a topic.
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
    String prefix = "";
    String suffix = "";
    final Map<String, String> config = new LinkedHashMap<>();

    /** Creates empty options (every value from the settings). */
    public TopicOptions() {}

    /**
     * @param spec options as an immutable value
     * @return mutable options holding the same values (prefix and suffix reset, as for a derive)
     */
    public static TopicOptions from(Spec spec) {
        TopicOptions o = new TopicOptions();
        o.partitions = spec.partitions();
        o.replicas = spec.replicas();
        o.retention = spec.retention();
        o.compacting = spec.compacting();
        o.deleting = spec.deleting();
        o.internal = spec.internal();
        o.acks = spec.acks();
        o.allowEmpty = spec.allowEmpty();
        o.maxsize = spec.maxsize();
        o.keySerializer = spec.keySerializer();
        o.valueSerializer = spec.valueSerializer();
        o.config.putAll(spec.config());
        return o;
    }

    /** @return a copy */
    public TopicOptions copy() {
        TopicOptions o = new TopicOptions();
        o.partitions = partitions;
        o.replicas = replicas;
        o.retention = retention;
        o.compacting = compacting;
        o.deleting = deleting;
        o.internal = internal;
        o.acks = acks;
        o.allowEmpty = allowEmpty;
        o.maxsize = maxsize;
        o.keySerializer = keySerializer;
        o.valueSerializer = valueSerializer;
        o.config.putAll(config);
        return o;
    }

    /**
     * @param n partition count, at least 1
     * @return this
     */
    public TopicOptions partitions(int n) {
        if (n < 1) {
            throw new ImproperlyConfiguredException("topic partitions must be >= 1, got " + n);
        }
        partitions = n;
        return this;
    }

    /**
     * @param n replication factor, at least 1
     * @return this
     */
    public TopicOptions replicas(int n) {
        if (n < 1) {
            throw new ImproperlyConfiguredException("topic replicas must be >= 1, got " + n);
        }
        replicas = n;
        return this;
    }

    /**
     * @param d retention, positive
     * @return this
     */
    public TopicOptions retention(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new ImproperlyConfiguredException("topic retention must be positive, got " + d);
        }
        retention = d;
        return this;
    }

    /**
     * @param on cleanup policy includes compaction
     * @return this
     */
    public TopicOptions compacting(boolean on) {
        compacting = on;
        return this;
    }

    /**
     * @param on cleanup policy includes deletion
     * @return this
     */
    public TopicOptions deleting(boolean on) {
        deleting = on;
        return this;
    }

    /**
     * @param on the app owns this topic
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
     * @param on deliver null values (tombstones) to streams
     * @return this
     */
    public TopicOptions allowEmpty(boolean on) {
        allowEmpty = on;
        return this;
    }

    /**
     * @param n buffer size before back-pressure, at least 1 (default {@code stream_buffer_maxsize})
     * @return this
     */
    public TopicOptions maxsize(int n) {
        if (n < 1) {
            throw new ImproperlyConfiguredException("topic maxsize must be >= 1, got " + n);
        }
        maxsize = n;
        return this;
    }

    /**
     * @param codec key codec name, e.g. {@code raw} or {@code json}
     * @return this
     */
    public TopicOptions keySerializer(String codec) {
        keySerializer = codec;
        return this;
    }

    /**
     * @param codec value codec name, e.g. {@code json} or {@code json|binary}
     * @return this
     */
    public TopicOptions valueSerializer(String codec) {
        valueSerializer = codec;
        return this;
    }

    /**
     * @param key a topic config name, e.g. {@code min.insync.replicas}
     * @param value its value
     * @return this
     */
    public TopicOptions config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /**
     * @param p put before each topic name (used by {@code derive})
     * @return this
     */
    public TopicOptions prefix(String p) {
        prefix = p;
        return this;
    }

    /**
     * @param s put after each topic name (used by {@code derive})
     * @return this
     */
    public TopicOptions suffix(String s) {
        suffix = s;
        return this;
    }

    /** @return the options as an immutable value */
    public Spec spec() {
        return new Spec(partitions, replicas, retention, compacting, deleting, internal, acks, allowEmpty, maxsize,
                keySerializer, valueSerializer, prefix, suffix, Map.copyOf(config));
    }

    /**
     * Immutable topic options.
     *
     * @param partitions partitions or null
     * @param replicas replicas or null
     * @param retention retention or null
     * @param compacting compaction on
     * @param deleting deletion on
     * @param internal owned by the app
     * @param acks offsets acked and committed
     * @param allowEmpty tombstones delivered
     * @param maxsize buffer size or null
     * @param keySerializer key codec or null
     * @param valueSerializer value codec or null
     * @param prefix name prefix
     * @param suffix name suffix
     * @param config extra config
     */
    public record Spec(@Nullable Integer partitions, @Nullable Integer replicas, @Nullable Duration retention,
                       boolean compacting, boolean deleting, boolean internal, boolean acks, boolean allowEmpty,
                       @Nullable Integer maxsize, @Nullable String keySerializer, @Nullable String valueSerializer,
                       String prefix, String suffix, Map<String, String> config) {}
}
