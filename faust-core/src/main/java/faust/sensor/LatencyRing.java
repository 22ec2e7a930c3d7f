package faust.sensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size ring of the last {@code capacity} values (Faust's bounded deques), lock-free.
 * Writers claim a slot with one atomic increment; a reader racing a writer may see the slot's
 * previous value, which is fine for statistics.
 */
final class LatencyRing {
    private final AtomicLongArray slots;
    private final AtomicLong written = new AtomicLong();

    LatencyRing(String name, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + capacity);
        }
        slots = new AtomicLongArray(capacity);
    }

    int capacity() {
        return slots.length();
    }

    void add(double value) {
        long i = written.getAndIncrement();
        slots.set((int) (i % slots.length()), Double.doubleToRawLongBits(value));
    }

    /** Oldest first. */
    List<Double> snapshot() {
        long n = written.get();
        int cap = slots.length();
        int size = (int) Math.min(n, cap);
        List<Double> out = new ArrayList<>(size);
        for (long i = n - size; i < n; i++) {
            out.add(Double.longBitsToDouble(slots.get((int) (i % cap))));
        }
        return Collections.unmodifiableList(out);
    }

    /** Mean of the values held, 0.0 when empty. */
    double average() {
        long n = written.get();
        int cap = slots.length();
        int size = (int) Math.min(n, cap);
        if (size == 0) {
            return 0.0;
        }
        double sum = 0;
        for (long i = n - size; i < n; i++) {
            sum += Double.longBitsToDouble(slots.get((int) (i % cap)));
        }
        return sum / size;
    }
}
