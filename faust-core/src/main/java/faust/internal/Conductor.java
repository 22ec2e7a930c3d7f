package faust.internal;

import faust.stream.internal.AbstractChannel;
import faust.topic.internal.TopicImpl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Routes fetched messages to the channels subscribed to their topic (Faust's Conductor).
 * Subscriptions change rarely and are read per batch, so the routing table is rebuilt on change
 * and read without locks.
 */
final class Conductor {
    private static final AbstractChannel<?, ?>[] NONE = new AbstractChannel<?, ?>[0];
    private final List<TopicImpl<?, ?>> topics = new ArrayList<>();
    private volatile Map<String, AbstractChannel<?, ?>[]> byName = Map.of();
    private final Map<String, AbstractChannel<?, ?>[]> patternCache = new ConcurrentHashMap<>();
    private volatile @Nullable Pattern pattern;
    private volatile boolean changed;

    /** @return true if the topic was not subscribed before */
    synchronized boolean add(TopicImpl<?, ?> topic) {
        for (TopicImpl<?, ?> t : topics) {
            if (t == topic) {
                return false;
            }
        }
        topics.add(topic);
        Map<String, List<AbstractChannel<?, ?>>> m = new HashMap<>();
        List<String> patterns = new ArrayList<>();
        for (TopicImpl<?, ?> t : topics) {
            for (String name : t.topics()) {
                m.computeIfAbsent(name, k -> new ArrayList<>()).add(t);
            }
            if (t.pattern() != null) {
                patterns.add("(?:" + t.pattern().pattern() + ")");
            }
        }
        Map<String, AbstractChannel<?, ?>[]> table = new HashMap<>();
        m.forEach((k, v) -> table.put(k, v.toArray(NONE)));
        byName = table;
        pattern = patterns.isEmpty() ? null : Pattern.compile(String.join("|", patterns));
        patternCache.clear();
        changed = true;
        return true;
    }

    AbstractChannel<?, ?>[] channelsFor(String topic) {
        AbstractChannel<?, ?>[] exact = byName.get(topic);
        if (pattern == null) {
            return exact != null ? exact : NONE;
        }
        return patternCache.computeIfAbsent(topic, this::resolve);
    }

    private synchronized AbstractChannel<?, ?>[] resolve(String topic) {
        Set<AbstractChannel<?, ?>> out = new LinkedHashSet<>();
        for (TopicImpl<?, ?> t : topics) {
            if (t.reads(topic)) {
                out.add(t);
            }
        }
        return out.toArray(NONE);
    }

    synchronized Set<String> topicNames() {
        return byName.keySet();
    }

    synchronized List<TopicImpl<?, ?>> topics() {
        return List.copyOf(topics);
    }

    @Nullable Pattern pattern() {
        return pattern;
    }

    /** @return whether subscriptions changed and the consumer has not taken the change yet */
    boolean changePending() {
        return changed;
    }

    /** @return whether subscriptions changed since the last call */
    boolean takeChanged() {
        boolean c = changed;
        changed = false;
        return c;
    }

    synchronized List<AbstractChannel<?, ?>> channels() {
        return new ArrayList<>(topics);
    }
}
