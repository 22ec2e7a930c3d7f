package faust.topic;

import faust.stream.Headers;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Optional parts of a send: partition, timestamp, headers, serializers and a callback.
 * Immutable; build with {@link #defaults()} and the {@code with*} methods.
 *
 * @param partition a partition, or null to let the partitioner choose
 * @param timestamp message time, or null for now
 * @param headers headers to send
 * @param keySerializer codec name overriding the channel's, or null
 * @param valueSerializer codec name overriding the channel's, or null
 * @param callback called with the metadata or the error when the send completes, or null
 */
public record SendOptions(@Nullable Integer partition, @Nullable Instant timestamp, Headers headers,
                          @Nullable String keySerializer, @Nullable String valueSerializer,
                          @Nullable BiConsumer<@Nullable RecordMetadata, @Nullable Throwable> callback) {
    private static final SendOptions DEFAULTS = new SendOptions(null, null, Headers.empty(), null, null, null);

    /** Validates the parts. */
    public SendOptions {
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
        Objects.requireNonNull(headers, "headers");
    }

    /** @return no options set */
    public static SendOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param p partition
     * @return a copy with the partition
     */
    public SendOptions withPartition(@Nullable Integer p) {
        return new SendOptions(p, timestamp, headers, keySerializer, valueSerializer, callback);
    }

    /**
     * @param t timestamp
     * @return a copy with the timestamp
     */
    public SendOptions withTimestamp(@Nullable Instant t) {
        return new SendOptions(partition, t, headers, keySerializer, valueSerializer, callback);
    }

    /**
     * @param h headers
     * @return a copy with the headers
     */
    public SendOptions withHeaders(Headers h) {
        return new SendOptions(partition, timestamp, h, keySerializer, valueSerializer, callback);
    }

    /**
     * @param codec key codec name
     * @return a copy with the key serializer
     */
    public SendOptions withKeySerializer(@Nullable String codec) {
        return new SendOptions(partition, timestamp, headers, codec, valueSerializer, callback);
    }

    /**
     * @param codec value codec name
     * @return a copy with the value serializer
     */
    public SendOptions withValueSerializer(@Nullable String codec) {
        return new SendOptions(partition, timestamp, headers, keySerializer, codec, callback);
    }

    /**
     * @param cb called on completion with (metadata, null) or (null, error)
     * @return a copy with the callback
     */
    public SendOptions withCallback(@Nullable BiConsumer<@Nullable RecordMetadata, @Nullable Throwable> cb) {
        return new SendOptions(partition, timestamp, headers, keySerializer, valueSerializer, cb);
    }
}
