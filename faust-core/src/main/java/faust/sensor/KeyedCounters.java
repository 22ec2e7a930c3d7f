package faust.sensor;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters by key (Faust's {@code Counter}): one map lookup per update, no allocation once a key exists. */
final class KeyedCounters<K extends Comparable<? super K>> {
    private final ConcurrentHashMap<K, LongAdder> counters = new ConcurrentHashMap<>();

    LongAdder counter(K key) {
        LongAdder c = counters.get(key);
        // computeIfAbsent locks a bin; only pay for it the first time a key is seen.
        return c != null ? c : counters.computeIfAbsent(key, k -> new LongAdder());
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
