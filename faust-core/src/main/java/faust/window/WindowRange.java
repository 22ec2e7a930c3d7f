package faust.window;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One window's time range, half-open: it holds the instants from {@code start} (included) to
 * {@code end} (excluded). Faust writes a tumbling or hopping range as {@code (start, start + size - 0.1)}
 * in seconds; that form appears only in windowed changelog keys, which the runtime encodes.
 *
 * @param start the first instant in the window
 * @param end the first instant after it
 */
public record WindowRange(Instant start, Instant end) implements Comparable<WindowRange> {
    /**
     * Checks the range.
     *
     * @throws IllegalArgumentException when {@code end} is not after {@code start}
     */
    public WindowRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a window range ends after it starts; got [" + start + ", " + end + ")");
        }
    }

    /**
     * @param startMillis the start in epoch milliseconds
     * @param endMillis the end (excluded) in epoch milliseconds
     * @return the range
     */
    public static WindowRange ofEpochMillis(long startMillis, long endMillis) {
        return new WindowRange(Instant.ofEpochMilli(startMillis), Instant.ofEpochMilli(endMillis));
    }

    /**
     * @param t an instant
     * @return whether the window holds it ({@code start <= t < end})
     */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** @return {@code end - start} */
    public Duration size() {
        return Duration.between(start, end);
    }

    /** Earlier starts first, then earlier ends. */
    @Override
    public int compareTo(WindowRange o) {
        int c = start.compareTo(o.start);
        return c != 0 ? c : end.compareTo(o.end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
