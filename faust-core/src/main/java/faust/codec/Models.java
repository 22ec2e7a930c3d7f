package faust.codec;

import faust.errors.ImproperlyConfiguredException;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The namespace registry of models (Java records), like Faust's model registry: it maps the {@code __faust.ns}
 * name in a JSON payload to the record class to decode it into. Used when decoding into {@code Object}, an
 * interface or an abstract class.
 *
 * <p>Records register themselves the first time the {@code json} codec writes or reads them; permitted records
 * of a sealed interface register when that interface is first decoded. Register others up front (for example
 * records that only ever arrive as {@code Object}) with {@link #register(Class)}.
 *
 * <p>Thread-safe.
 *
 * @see Codecs#models()
 * @see FaustRecord#namespace()
 */
public final class Models {
    private final ConcurrentHashMap<String, Class<? extends Record>> byNamespace = new ConcurrentHashMap<>();

    /** Creates an empty registry; {@link Codecs#defaults()} creates one for each codec registry. */
    public Models() {}

    /**
     * Registers a record under its namespace. Registering the same class again does nothing.
     *
     * @param type the record class
     * @return this registry
     * @throws ImproperlyConfiguredException when another class already has the same namespace
     */
    public Models register(Class<? extends Record> type) {
        Objects.requireNonNull(type, "type");
        String namespace = namespaceOf(type);
        Class<? extends Record> existing = byNamespace.putIfAbsent(namespace, type);
        if (existing != null && existing != type) {
            throw new ImproperlyConfiguredException("Namespace \"" + namespace + "\" is already used by "
                    + existing.getName() + ", so " + type.getName() + " cannot register it; give one of them"
                    + " @FaustRecord(namespace = \"...\") with a unique name");
        }
        return this;
    }

    /**
     * Finds the record registered under a namespace.
     *
     * @param namespace the {@code __faust.ns} value
     * @return the record class, or empty when none is registered
     */
    public Optional<Class<? extends Record>> lookup(String namespace) {
        return Optional.ofNullable(byNamespace.get(Objects.requireNonNull(namespace, "namespace")));
    }

    /**
     * Lists the registered namespaces.
     *
     * @return the namespaces, sorted (a snapshot)
     */
    public Set<String> namespaces() {
        return Collections.unmodifiableSet(new TreeSet<>(byNamespace.keySet()));
    }

    /**
     * The namespace of a record: {@link FaustRecord#namespace()} when set, else the class's binary name.
     *
     * @param type the record class
     * @return its namespace
     */
    public static String namespaceOf(Class<? extends Record> type) {
        FaustRecord options = type.getAnnotation(FaustRecord.class);
        return options == null || options.namespace().isEmpty() ? type.getName() : options.namespace();
    }

    /**
     * The codec a record asks for through {@link FaustRecord#serializer()}.
     *
     * @param type the record class
     * @return the codec name or chain, or empty when the record does not set one
     */
    public static Optional<String> serializerOf(Class<? extends Record> type) {
        FaustRecord options = type.getAnnotation(FaustRecord.class);
        return options == null || options.serializer().isEmpty() ? Optional.empty() : Optional.of(options.serializer());
    }
}
