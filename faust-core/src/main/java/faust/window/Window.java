package faust.window;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a timestamp maps to the windows that hold it (Faust's {@code Window}). Windows are values:
 * immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link TumblingWindow}: fixed, back-to-back ranges; each instant is in one.</li>
 *   <li>{@link HoppingWindow}: fixed ranges starting every {@code step}; an instant is in
 *       {@code size / step} of them.</li>
 *   <li>{@link SlidingWindow}: one range around each instant, {@code [t - before, t + after)}.</li>
 * </ul>
 *
 * <p>The ranges are computed in milliseconds, so sizes and steps need not be whole seconds
 * (Faust truncates them to whole seconds).
 */
public sealed interface Window permits TumblingWindow, HoppingWindow, SlidingWindow {
    /**
     * @param t an instant
     * @return the windows that hold it, earliest first (Faust's {@code ranges})
     */
    List<WindowRange> ranges(Instant t);

    /**
     * @param t an instant
     * @return the latest window that holds it (Faust's {@code current})
     */
    default WindowRange current(Instant t) {
        List<WindowRange> r = ranges(t);
        return r.get(r.size() - 1);
    }

    /**
     * @param t an instant
     * @return the earliest window that holds it (Faust's {@code earliest})
     */
    default WindowRange earliest(Instant t) {
        return ranges(t).get(0);
    }

    /**
     * @param t an instant
     * @param d how far back
     * @return the window current {@code d} before {@code t} (Faust's {@code delta}: {@code current(t - d)})
     */
    default WindowRange delta(Instant t, Duration d) {
        return current(t.minus(d));
    }

    /**
     * Faust's {@code stale}: whether the window of timestamp {@code t} has expired, given the
     * latest timestamp seen.
     *
     * @param t a window's timestamp
     * @param latest the latest timestamp
     * @return false when windows never expire ({@link #expires()} is null)
     */
    boolean stale(Instant t, Instant latest);

    /** @return how long a window is kept (Faust's {@code expires}), or null to keep windows for ever */
    @Nullable Duration expires();
}
