package faust.topic.internal;

import faust.errors.EncodeException;
import faust.errors.ImproperlyConfiguredException;
import faust.settings.SerializationSettings;
import faust.settings.StreamSettings;
import faust.settings.TopicSettings;
import faust.stream.internal.AbstractChannel;
import faust.stream.internal.EventImpl;
import faust.topic.RecordMetadata;
import faust.topic.SendOptions;
import faust.topic.Topic;
import faust.topic.TopicOptions;
import faust.topic.TopicSpec;
import faust.transport.TopicDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A channel backed by broker topics: sends are encoded and produced; fetched messages are
 * decoded by {@link AbstractChannel#deliver}. Made by the {@link TopicRegistry}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TopicImpl<K, V> extends AbstractChannel<K, V> implements Topic<K, V> {
    private final TopicRuntime rt;
    private final List<String> topics;
    private final @Nullable Pattern pattern;
    private final TopicSpec spec;
    private final String keyCodec;
    private final String valueCodec;
    private final String label;
    private final boolean hasPrefix;

    TopicImpl(TopicRuntime rt, List<String> topics, @Nullable Pattern pattern, Class<K> keyType, Class<V> valueType,
              TopicSpec spec, boolean hasPrefix) {
        super(rt, keyType, valueType, spec.maxsize() != null ? spec.maxsize() : rt.settings().get(StreamSettings.STREAM_BUFFER_MAXSIZE));
        if (topics.isEmpty() == (pattern == null)) {
            throw new ImproperlyConfiguredException("a topic needs either names or a pattern, not both and not neither; got names "
                    + topics + " and pattern " + pattern);
        }
        for (String t : topics) {
            if (t.isBlank()) {
                throw new ImproperlyConfiguredException("topic names must not be blank, got " + topics);
            }
        }
        this.rt = rt;
        this.topics = List.copyOf(topics);
        this.pattern = pattern;
        this.keyCodec = spec.keySerializer() != null ? spec.keySerializer()
                : rt.settings().get(SerializationSettings.KEY_SERIALIZER);
        this.valueCodec = spec.valueSerializer() != null ? spec.valueSerializer()
                : rt.settings().get(SerializationSettings.VALUE_SERIALIZER);
        rt.codecs().get(keyCodec);      // fail at declaration on an unknown codec name
        rt.codecs().get(valueCodec);
        this.spec = spec.with(o -> o.keySerializer(keyCodec).valueSerializer(valueCodec));
        this.label = pattern != null ? "pattern:" + pattern.pattern() : String.join(",", topics);
        this.hasPrefix = hasPrefix;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> topics() {
        return topics;
    }

    @Override
    public @Nullable Pattern pattern() {
        return pattern;
    }

    @Override
    public TopicSpec spec() {
        return spec;
    }

    /**
     * @param topic a topic name
     * @return whether this topic object reads it: one of its names, or a match of its pattern
     */
    public boolean reads(String topic) {
        Pattern p = pattern;
        return topics.contains(topic) || (p != null && p.matcher(topic).matches());
    }

    /** @return the registry of the app that made this topic */
    TopicRegistry registry() {
        return rt.topics();
    }

    /** @return whether the app owns this topic: it is declared at start-up */
    public boolean internal() {
        return spec.internal();
    }

    @Override
    protected boolean deliversEmpty() {
        return spec.allowEmpty();
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
    public boolean hasPrefix() {
        return hasPrefix;
    }

    @Override
    public Topic<K, V> derive(String prefix, String suffix) {
        return derive(prefix, suffix, o -> { });
    }

    @Override
    public Topic<K, V> derive(String prefix, String suffix, Consumer<TopicOptions> changes) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(suffix, "suffix");
        TopicSpec s = spec.with(changes);
        List<String> names = new ArrayList<>();
        for (String t : topics) {
            names.add(prefix + t + suffix);
        }
        return rt.topics().topic(names, pattern, keyType(), valueType(), s, hasPrefix || !prefix.isEmpty());
    }

    @Override
    public void declare() {
        rt.topics().declare(declarations());
    }

    /** @return how each of this topic's names should be created; none when {@code topic_allow_declare} is off */
    public List<TopicDeclaration> declarations() {
        if (!rt.settings().get(TopicSettings.TOPIC_ALLOW_DECLARE)) {
            return List.of();
        }
        List<TopicDeclaration> out = new ArrayList<>(topics.size());
        for (String t : topics) {
            out.add(declaration(t));
        }
        return out;
    }

    /**
     * @param name one of this topic's names
     * @return how it should be created
     */
    public TopicDeclaration declaration(String name) {
        int partitions = spec.partitions() != null ? spec.partitions() : rt.settings().get(TopicSettings.TOPIC_PARTITIONS);
        int replicas = spec.replicas() != null ? spec.replicas() : rt.settings().get(TopicSettings.TOPIC_REPLICATION_FACTOR);
        return new TopicDeclaration(name, partitions, replicas, spec.retention(), spec.compacting(), spec.deleting(), spec.config());
    }

    @Override
    public void subscribe() {
        rt.subscribe(this);
    }

    private String destination() {
        if (topics.isEmpty()) {
            throw new ImproperlyConfiguredException("cannot send to pattern topic " + label + ": send to a named topic instead");
        }
        return topics.get(0);
    }

    @Override
    public CompletableFuture<RecordMetadata> send(@Nullable K key, @Nullable V value, SendOptions options) {
        CompletableFuture<RecordMetadata> f;
        try {
            String kc = options.keySerializer() != null ? options.keySerializer() : keyCodec;
            String vc = options.valueSerializer() != null ? options.valueSerializer() : valueCodec;
            byte[] k = key == null ? null : rt.codecs().dumpsKey(key, kc);
            byte[] v = value == null ? null : rt.codecs().dumpsValue(value, vc);
            Long ts = options.timestamp() == null ? null : options.timestamp().toEpochMilli();
            f = rt.produce(destination(), options.partition(), ts, k, v, options.headers());
        } catch (EncodeException | ImproperlyConfiguredException e) {
            f = CompletableFuture.failedFuture(e);
        }
        completeCallback(f, options);
        return f;
    }

    @Override
    public CompletableFuture<RecordMetadata> forwardEvent(EventImpl<?, ?> event, @Nullable Object newKey, boolean replaceKey) {
        try {
            byte[] k = replaceKey ? (newKey == null ? null : rt.codecs().dumpsKey(newKey, keyCodec)) : event.message().key();
            return rt.produce(destination(), null, event.message().timestamp(), k, event.message().value(), event.headers());
        } catch (EncodeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
