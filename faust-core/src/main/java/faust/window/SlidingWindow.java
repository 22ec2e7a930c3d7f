package faust.window;

import faust.errors.ImproperlyConfiguredException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One window around each instant (Faust's {@code SlidingWindow}): {@code [t - before, t + after)}.
 * {@code SlidingWindow(10 s, 5 s)} puts 6 s into {@code [-4, 11)}.
 *
 * @param before how far the window reaches back
 * @param after how far it reaches forward
 * @param expires how long a window is kept, or null for ever
 */
public record SlidingWindow(Duration before, Duration after, @Nullable Duration expires) implements Window {
    /**
     * Checks the window.
     *
     * @throws ImproperlyConfiguredException when a duration is negative, both reaches are
     *     zero, or expires is below 1 ms
     */
    public SlidingWindow {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.isNegative() || after.isNegative() || before.plus(after).toMillis() < 1) {
            throw new ImproperlyConfiguredException("a sliding window reaches back and forward by "
                    + "durations of at least 0, together at least 1 ms; got before=" + before + ", after=" + after);
        }
        Windows.checkExpires(expires);
    }

    @Override
    public List<WindowRange> ranges(Instant t) {
        return List.of(current(t));
    }

    @Override
    public WindowRange current(Instant t) {
        return new WindowRange(t.minus(before), t.plus(after));
    }

    @Override
    public WindowRange earliest(Instant t) {
        return current(t);
    }

    @Override
    public boolean stale(Instant t, Instant latest) {
        return expires != null && !t.isAfter(latest.minus(expires));
    }
}
