package faust.service;

/**
 * Drift-free tick arithmetic for timers, in monotonic nanoseconds. The k-th tick is due at
 * {@code start + k * interval}, whatever the body's run time; ticks that have already passed when the
 * previous run ends are skipped, not run back-to-back. Not thread-safe: one timer thread owns it.
 */
final class TimerSchedule {
    private final long intervalNanos;
    private long next;

    TimerSchedule(long startNanos, long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive, got " + intervalNanos + " ns");
        }
        this.intervalNanos = intervalNanos;
        this.next = startNanos + intervalNanos;
    }

    /** The tick that is due next. */
    long nextTick() {
        return next;
    }

    /** Nanoseconds from {@code now} to the next tick, 0 if it is due. */
    long nanosUntilNext(long now) {
        return Math.max(0, next - now);
    }

    /**
     * Moves past the tick that just fired, given that its run ended at {@code now}.
     *
     * @return how many ticks were skipped because {@code now} was already past them
     */
    long advance(long now) {
        next += intervalNanos;
        long late = now - next; // subtraction keeps nanoTime wrap-around safe
        if (late <= 0) {
            return 0;
        }
        long skipped = (late + intervalNanos - 1) / intervalNanos;
        next += skipped * intervalNanos;
        return skipped;
    }
}
