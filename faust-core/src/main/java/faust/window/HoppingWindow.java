package faust.window;

import faust.errors.ImproperlyConfiguredException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Windows of {@code size} starting every {@code step} (Faust's {@code HoppingWindow}): an instant
 * is in {@code size / step} of them. {@code HoppingWindow(10 s, 5 s)} puts 6 s into
 * {@code [0, 10)} and {@code [5, 15)}. As in Faust, windows end on multiples of the step.
 *
 * @param size each window's length
 * @param step how far apart windows start; at most {@code size}, so that every instant is in one
 * @param expires how long a window is kept, or null for ever
 */
public record HoppingWindow(Duration size, Duration step, @Nullable Duration expires) implements Window {
    /**
     * Checks the window.
     *
     * @throws ImproperlyConfiguredException when a duration is below 1 ms or the step exceeds the size
     */
    public HoppingWindow {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(step, "step");
        long s = Windows.positiveMillis("size", size);
        long st = Windows.positiveMillis("step", step);
        if (st > s) {
            throw new ImproperlyConfiguredException("a hopping window's step (" + step + ") is longer than its size ("
                    + size + "): instants between windows would be in none; use a step of at most the size");
        }
        Windows.checkExpires(expires);
    }

    @Override
    public List<WindowRange> ranges(Instant t) {
        return Windows.hopping(t.toEpochMilli(), size.toMillis(), step.toMillis());
    }

    @Override
    public WindowRange current(Instant t) {
        long start = Windows.currentStart(t.toEpochMilli(), size.toMillis(), step.toMillis());
        return WindowRange.ofEpochMillis(start, start + size.toMillis());
    }

    @Override
    public boolean stale(Instant t, Instant latest) {
        return expires != null && !t.isAfter(current(latest.minus(expires)).start());
    }
}
