package faust.topic.internal;

import faust.topic.TopicSpec;
import faust.transport.TopicDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The app's topics: each is made here once per name, types and spec (so that
 * {@code app.send("name", ...)} called a million times makes one topic, not a million), remembered
 * for declaration at start-up, and declared at once when made after it (internal topics such as
 * repartition topics). Declarations already carried out are not sent to the transport again.
 * Thread-safe.
 */
public final class TopicRegistry {
    private record Key(List<String> names, @Nullable String pattern, int flags, Class<?> keyType, Class<?> valueType,
                       TopicSpec spec, boolean hasPrefix) {}

    private final TopicRuntime rt;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Key, TopicImpl<?, ?>> topics = new LinkedHashMap<>();
    private final Set<TopicDeclaration> declaredAlready = ConcurrentHashMap.newKeySet();
    /** Set when the app starts declaring its topics: topics made from then on are declared at once. */
    private volatile boolean declaring;

    /** @param rt the runtime the topics use */
    public TopicRegistry(TopicRuntime rt) {
        this.rt = rt;
    }

    /**
     * The topic of these names (or this pattern), types and spec: made on first call, the same
     * object afterwards.
     *
     * @param names topic names, or empty for a pattern topic
     * @param pattern the pattern of topic names, or null
     * @param keyType key type
     * @param valueType value type
     * @param spec options
     * @param hasPrefix whether the names carry an app or agent prefix already (Faust's has_prefix)
     * @param <K> key type
     * @param <V> value type
     * @return the topic
     * @throws faust.errors.ImproperlyConfiguredException for blank names, both or neither of names and
     *     pattern, or an unknown codec
     */
    @SuppressWarnings("unchecked")
    public <K, V> TopicImpl<K, V> topic(List<String> names, @Nullable Pattern pattern, Class<K> keyType,
                                        Class<V> valueType, TopicSpec spec, boolean hasPrefix) {
        Key key = new Key(List.copyOf(names), pattern == null ? null : pattern.pattern(), pattern == null ? 0 : pattern.flags(),
                keyType, valueType, spec, hasPrefix);
        TopicImpl<K, V> made;
        lock.lock();
        try {
            TopicImpl<?, ?> existing = topics.get(key);
            if (existing != null) {
                return (TopicImpl<K, V>) existing;
            }
            made = new TopicImpl<>(rt, names, pattern, keyType, valueType, spec, hasPrefix);
            topics.put(key, made);
        } finally {
            lock.unlock();
        }
        if (declaring && made.internal()) {
            made.declare();
        }
        return made;
    }

    /**
     * Forgets the topics made with exactly these names, so that they are made again with other
     * options (a table's changelog when the table becomes windowed). Only before the app declares
     * its topics.
     *
     * @param names the names
     */
    public void forget(List<String> names) {
        lock.lock();
        try {
            topics.keySet().removeIf(k -> k.names().equals(names));
        } finally {
            lock.unlock();
        }
    }

    /** @return every topic made so far, in the order made */
    public List<TopicImpl<?, ?>> all() {
        lock.lock();
        try {
            return List.copyOf(topics.values());
        } finally {
            lock.unlock();
        }
    }

    /** Declares every topic made so far in one batch, and from now on each topic as it is made or subscribed. */
    public void declareAll() {
        declaring = true;      // before the snapshot: a topic made meanwhile is declared by topic(...)
        List<TopicDeclaration> declarations = new ArrayList<>();
        for (TopicImpl<?, ?> t : all()) {
            declarations.addAll(t.declarations());
        }
        declare(declarations);     // one batch: a few round trips whatever the number of topics
    }

    /**
     * A topic starts being read: declares it, if the app declares its topics by now.
     *
     * @param topic the topic
     */
    public void subscribed(TopicImpl<?, ?> topic) {
        if (declaring && !topic.topics().isEmpty()) {
            topic.declare();
        }
    }

    /**
     * Creates topics on the broker if they do not exist, in one batch where the transport can. A
     * declaration made before (same name and settings) is not sent again: the agents' and the
     * leader's topics, declared in the start-up batch, are declared again as they subscribe.
     *
     * @param declarations the topics
     */
    public void declare(List<TopicDeclaration> declarations) {
        List<TopicDeclaration> fresh = new ArrayList<>(declarations.size());
        for (TopicDeclaration d : declarations) {
            if (!declaredAlready.contains(d)) {
                fresh.add(d);
            }
        }
        if (!fresh.isEmpty()) {
            rt.transport().declareTopics(fresh);
            declaredAlready.addAll(fresh);      // only once declared: a failed declaration is tried again next time
        }
    }
}
