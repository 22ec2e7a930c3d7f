package faust.sensor;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Counters by key (Faust's {@code Counter}). The counter last used is remembered, so a run of
 * updates to one key (every send to one topic) costs a reference comparison instead of a map
 * lookup; other keys cost one lookup, and no allocation once a key exists.
 */
final class KeyedCounters<K extends Comparable<? super K>> {
    private record Hit<K>(K key, LongAdder counter) {}

    private final ConcurrentHashMap<K, LongAdder> counters = new ConcurrentHashMap<>();
    private volatile @Nullable Hit<K> last;

    LongAdder counter(K key) {
        Hit<K> h = last;
        if (h != null && h.key == key) {
            return h.counter;
        }
        LongAdder c = counters.get(key);
        if (c == null) {
            // computeIfAbsent locks a bin; only pay for it the first time a key is seen.
            c = counters.computeIfAbsent(key, k -> new LongAdder());
        }
        last = new Hit<>(key, c);
        return c;
    }

    void increment(K key) {
        counter(key).increment();
    }

    void add(K key, long n) {
        counter(key).add(n);
    }

    long get(K key) {
        LongAdder c = counters.get(key);
        return c == null ? 0 : c.sum();
    }

    /** A sorted, unmodifiable copy. */
    Map<K, Long> snapshot() {
        TreeMap<K, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return Collections.unmodifiableMap(out);
    }
}
