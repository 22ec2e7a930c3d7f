package faust.codec;


import faust.errors.EncodeException;
import faust.errors.ImproperlyConfiguredException;
import faust.errors.KeyDecodeException;
import faust.errors.ValueDecodeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The codec registry: finds a {@link Codec} by name ({@code "raw"}, {@code "json"}, {@code "binary"})
 * or by chain ({@code "json|binary"}), and encodes/decodes keys and values for the runtime.
 *
 * <p>A chain dumps left to right ({@code json|binary}: JSON, then base64) and loads right to left.
 * Resolved names and chains are cached, so {@link #get(String)} costs one map lookup on the hot path.
 *
 * <p>Thread-safe: lookups never block; {@link #register(String, Codec)} replaces an immutable snapshot.
 *
 * @see Codec
 * @see Models
 */
public final class Codecs {
    /** Name of the raw codec: bytes pass through, strings are UTF-8. */
    public static final String RAW = "raw";
    /** Name of the JSON codec (Jackson), which reads and writes Faust's {@code __faust} record metadata. */
    public static final String JSON = "json";
    /** Name of the binary codec: base64 of the inner bytes. */
    public static final String BINARY = "binary";

    /** Registered codecs plus the chains resolved from exactly those codecs. */
    private record State(Map<String, Codec> codecs, ConcurrentHashMap<String, Codec> resolved) {}

    /** A recent lookup: the same spec string (by identity) in the same state finds the same codec. */
    private record Hit(State state, String spec, Codec codec) {}

    private final Models models;
    private final ReentrantLock registerLock = new ReentrantLock();
    private volatile State state = new State(Map.of(), new ConcurrentHashMap<>());
    // The last two specs looked up (a topic's key and value serializers, looked up per message).
    private volatile @Nullable Hit recent;
    private volatile @Nullable Hit older;

    private Codecs(Models models) {
        this.models = models;
    }

    /**
     * Creates a fresh registry holding {@code raw}, {@code json} and {@code binary}, with its own {@link Models}.
     *
     * @return a new registry; changes to it affect no other registry
     */
    public static Codecs defaults() {
        var models = new Models();
        return new Codecs(models)
                .register(RAW, new RawCodec())
                .register(JSON, new JsonCodec(models))
                .register(BINARY, new BinaryCodec());
    }

    /**
     * Registers (or replaces) a codec under a name, usable alone or in chains such as {@code "name|binary"}.
     *
     * @param name the codec name: not blank, no {@code |}, no surrounding whitespace
     * @param codec the codec; must be thread-safe
     * @return this registry
     * @throws ImproperlyConfiguredException when the name is empty, blank, padded or contains {@code |}
     */
    public Codecs register(String name, Codec codec) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codec, "codec");
        if (name.isBlank() || name.contains("|") || !name.equals(name.strip())) {
            throw new ImproperlyConfiguredException("Codec name must be non-empty, without '|' and without surrounding"
                    + " spaces, got \"" + name + "\"; '|' separates codecs in a chain such as \"json|binary\"");
        }
        registerLock.lock();
        try {
            var codecs = new HashMap<>(state.codecs());
            codecs.put(name, codec);
            state = new State(Map.copyOf(codecs), new ConcurrentHashMap<>());
        } finally {
            registerLock.unlock();
        }
        return this;
    }

    /**
     * Finds a codec by name or chain.
     *
     * @param nameOrChain a codec name ({@code "json"}) or a chain ({@code "json|binary"}); spaces around names are ignored
     * @return the codec (the same instance for the same spec until the next {@link #register})
     * @throws ImproperlyConfiguredException when a name in the spec is not registered, naming it, the spec and
     *     the known names
     */
    public Codec get(String nameOrChain) {
        Objects.requireNonNull(nameOrChain, "nameOrChain");
        State current = state;
        Hit h = recent;
        if (h != null && h.spec == nameOrChain && h.state == current) {
            return h.codec;
        }
        Hit o = older;
        if (o != null && o.spec == nameOrChain && o.state == current) {
            return o.codec;
        }
        Codec codec = current.resolved().get(nameOrChain);
        if (codec == null) {
            codec = resolve(current.codecs(), nameOrChain);
            Codec raced = current.resolved().putIfAbsent(nameOrChain, codec);
            codec = raced == null ? codec : raced;
        }
        older = h;
        recent = new Hit(current, nameOrChain, codec);
        return codec;
    }

    /**
     * Lists the registered codec names.
     *
     * @return the names, sorted (a snapshot)
     */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(state.codecs().keySet()));
    }

    /**
     * The namespace registry that the {@code json} codec uses for polymorphic records.
     *
     * @return the registry shared with this registry's {@code json} codec
     */
    public Models models() {
        return models;
    }

    /**
     * Serializes a message key.
     *
     * @param key the key (not null; tombstones and null keys bypass codecs)
     * @param serializer the codec name or chain
     * @return the key bytes
     * @throws EncodeException when the codec cannot serialize the key
     * @throws ImproperlyConfiguredException when the serializer names an unknown codec
     */
    public byte[] dumpsKey(Object key, String serializer) {
        return dumps("key", key, serializer);
    }

    /**
     * Serializes a message value.
     *
     * @param value the value (not null)
     * @param serializer the codec name or chain
     * @return the value bytes
     * @throws EncodeException when the codec cannot serialize the value
     * @throws ImproperlyConfiguredException when the serializer names an unknown codec
     */
    public byte[] dumpsValue(Object value, String serializer) {
        return dumps("value", value, serializer);
    }

    /**
     * Decodes a message key.
     *
     * @param type the key type, e.g. {@code String.class}, a record, or {@code Object.class}
     * @param data the key bytes
     * @param serializer the codec name or chain
     * @param <T> the key type
     * @return the key
     * @throws KeyDecodeException when the bytes cannot be decoded; the message names the serializer, the type and why
     * @throws ImproperlyConfiguredException when the serializer names an unknown codec
     */
    public <T> T loadsKey(Class<T> type, byte[] data, String serializer) {
        Codec codec = get(serializer);
        try {
            return codec.loads(Objects.requireNonNull(data, "data"), Objects.requireNonNull(type, "type"));
        } catch (RuntimeException e) {
            throw new KeyDecodeException(decodeMessage("key", type, data, serializer, e), e);
        }
    }

    /**
     * Decodes a message value.
     *
     * @param type the value type, e.g. a record, {@code String.class}, or {@code Object.class} (records found by namespace)
     * @param data the value bytes
     * @param serializer the codec name or chain
     * @param <T> the value type
     * @return the value
     * @throws ValueDecodeException when the bytes cannot be decoded; the message names the serializer, the type and why
     * @throws ImproperlyConfiguredException when the serializer names an unknown codec
     */
    public <T> T loadsValue(Class<T> type, byte[] data, String serializer) {
        Codec codec = get(serializer);
        try {
            return codec.loads(Objects.requireNonNull(data, "data"), Objects.requireNonNull(type, "type"));
        } catch (RuntimeException e) {
            throw new ValueDecodeException(decodeMessage("value", type, data, serializer, e), e);
        }
    }

    private byte[] dumps(String what, Object value, String serializer) {
        Objects.requireNonNull(value, what);
        Codec codec = get(serializer);
        try {
            return codec.dumps(value);
        } catch (RuntimeException e) {
            throw new EncodeException("Cannot serialize " + what + " of type " + value.getClass().getName()
                    + " with serializer \"" + serializer + "\": " + e.getMessage(), e);
        }
    }

    private static String decodeMessage(String what, Class<?> type, byte[] data, String serializer, RuntimeException e) {
        return "Cannot decode " + what + " (" + data.length + " bytes) as " + type.getName() + " with serializer \""
                + serializer + "\": " + e.getMessage();
    }

    private static Codec resolve(Map<String, Codec> codecs, String spec) {
        List<Codec> chain = new ArrayList<>();
        for (String part : spec.split("\\|", -1)) {
            String name = part.strip();
            Codec codec = codecs.get(name);
            if (codec == null) {
                throw new ImproperlyConfiguredException("Unknown codec \"" + name + "\" in serializer \"" + spec
                        + "\"; known codecs: " + new TreeSet<>(codecs.keySet())
                        + ". Register it with Codecs.register(name, codec) or fix the serializer name.");
            }
            chain.add(codec);
        }
        return chain.size() == 1 ? chain.getFirst() : new ChainCodec(chain);
    }
}
