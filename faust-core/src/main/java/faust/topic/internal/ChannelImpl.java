package faust.topic.internal;

import faust.stream.internal.AbstractChannel;
import faust.settings.SerializationSettings;
import faust.stream.internal.EventImpl;
import faust.topic.RecordMetadata;
import faust.topic.SendOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A plain in-memory channel ({@code app.channel()}): sends put the objects themselves into
 * the buffer, with no serialization and no broker.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ChannelImpl<K, V> extends AbstractChannel<K, V> {
    private static final AtomicInteger IDS = new AtomicInteger();
    private final String label;
    private final String keyCodec;
    private final String valueCodec;

    /**
     * @param rt the runtime
     * @param keyType key type
     * @param valueType value type
     * @param maxsize buffer size
     */
    public ChannelImpl(TopicRuntime rt, Class<K> keyType, Class<V> valueType, int maxsize) {
        super(rt, keyType, valueType, maxsize);
        this.label = "channel-" + IDS.incrementAndGet();
        this.keyCodec = rt.settings().get(SerializationSettings.KEY_SERIALIZER);
        this.valueCodec = rt.settings().get(SerializationSettings.VALUE_SERIALIZER);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String keyCodec() {
        return keyCodec;
    }

    @Override
    public String valueCodec() {
        return valueCodec;
    }

    @Override
    public CompletableFuture<RecordMetadata> send(@Nullable K key, @Nullable V value, SendOptions options) {
        Long ts = options.timestamp() == null ? null : options.timestamp().toEpochMilli();
        CompletableFuture<RecordMetadata> f = CompletableFuture.completedFuture(putEvent(key, value, options.headers(), ts));
        completeCallback(f, options);
        return f;
    }

    @Override
    public CompletableFuture<RecordMetadata> forwardEvent(EventImpl<?, ?> event, @Nullable Object newKey, boolean replaceKey) {
        return CompletableFuture.completedFuture(
                putEvent(replaceKey ? newKey : event.key(), event.value(), event.headers(), event.message().timestamp()));
    }
}
