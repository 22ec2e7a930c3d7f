package faust.window;

import faust.errors.ImproperlyConfiguredException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The arithmetic the windows share, in epoch milliseconds. */
final class Windows {
    private Windows() {}

    static long positiveMillis(String what, Duration d) {
        long ms = d.toMillis();
        if (ms < 1) {
            throw new ImproperlyConfiguredException("a window's " + what + " must be at least 1 ms, got " + d);
        }
        return ms;
    }

    static void checkExpires(@Nullable Duration expires) {
        if (expires != null && expires.toMillis() < 1) {
            throw new ImproperlyConfiguredException("a window's expires must be at least 1 ms (or null for never), got "
                    + expires);
        }
    }

    /** @return the hopping windows of {@code size} every {@code step} that hold {@code t} */
    static List<WindowRange> hopping(long t, long size, long step) {
        long first = Math.floorDiv(t, step) * step - size + step;
        List<WindowRange> out = new ArrayList<>((int) ((size + step - 1) / step));
        for (long s = first; s <= t; s += step) {
            if (t < s + size) {
                out.add(WindowRange.ofEpochMillis(s, s + size));
            }
        }
        return out;
    }

    /**
     * @return the start of the latest hopping window of {@code size} every {@code step} that holds
     *     {@code t}; as in Faust, windows end on multiples of the step
     */
    static long currentStart(long t, long size, long step) {
        long first = Math.floorDiv(t, step) * step - size + step;
        return first + Math.floorDiv(t - first, step) * step;
    }
}
