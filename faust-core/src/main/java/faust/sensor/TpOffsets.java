package faust.sensor;

import faust.topic.TP;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Last offset by topic partition; one lookup and one volatile write per update. */
final class TpOffsets {
    private final ConcurrentHashMap<TP, AtomicLong> offsets = new ConcurrentHashMap<>();

    void set(TP tp, long offset) {
        AtomicLong o = offsets.get(tp);
        if (o == null) {
            o = offsets.computeIfAbsent(tp, k -> new AtomicLong());
        }
        o.set(offset);
    }

    /** @return the offset, or -1 when none was recorded */
    long get(TP tp) {
        AtomicLong o = offsets.get(tp);
        return o == null ? -1 : o.get();
    }

    /** A sorted, unmodifiable copy. */
    Map<TP, Long> snapshot() {
        TreeMap<TP, Long> out = new TreeMap<>();
        offsets.forEach((tp, o) -> out.put(tp, o.get()));
        return Collections.unmodifiableMap(out);
    }

    /** {@code {topic: {partition: offset}}}, the shape of Faust's {@code asdict()}. */
    Map<String, Map<Integer, Long>> byTopic() {
        TreeMap<String, Map<Integer, Long>> out = new TreeMap<>();
        offsets.forEach((tp, o) -> out.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), o.get()));
        return Collections.unmodifiableMap(out);
    }
}
