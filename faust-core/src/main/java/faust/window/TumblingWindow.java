package faust.window;

import faust.errors.ImproperlyConfiguredException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Back-to-back windows of {@code size} (Faust's {@code TumblingWindow}, a hopping window whose step
 * is its size): each instant is in exactly one. {@code TumblingWindow(10 s)} puts 9.9 s into
 * {@code [0, 10)} and 10 s into {@code [10, 20)}.
 *
 * @param size each window's length
 * @param expires how long a window is kept, or null for ever
 */
public record TumblingWindow(Duration size, @Nullable Duration expires) implements Window {
    /**
     * Checks the window.
     *
     * @throws ImproperlyConfiguredException when a duration is below 1 ms
     */
    public TumblingWindow {
        Objects.requireNonNull(size, "size");
        Windows.positiveMillis("size", size);
        Windows.checkExpires(expires);
    }

    /**
     * @param size each window's length
     * @return windows kept for ever
     */
    public static TumblingWindow of(Duration size) {
        return new TumblingWindow(size, null);
    }

    @Override
    public List<WindowRange> ranges(Instant t) {
        return List.of(current(t));
    }

    @Override
    public WindowRange current(Instant t) {
        long size = this.size.toMillis();
        long start = Windows.currentStart(t.toEpochMilli(), size, size);
        return WindowRange.ofEpochMillis(start, start + size);
    }

    @Override
    public WindowRange earliest(Instant t) {
        return current(t);
    }

    @Override
    public boolean stale(Instant t, Instant latest) {
        return expires != null && !t.isAfter(current(latest.minus(expires)).start());
    }
}
