package faust.service;

import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The clock a service's timers and cron jobs run on: {@link #SYSTEM} in production; a test
 * driver's manual clock in tests ({@code faust.testing.ManualClock}), so that a test advances time
 * instead of waiting for it. Implementations are thread-safe.
 */
public interface TimerClock {
    /** {@link System#nanoTime()} and the system wall clock. */
    TimerClock SYSTEM = new TimerClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant instant() {
            return Instant.now();
        }

        @Override
        public boolean sleepUntil(long deadlineNanos, BooleanSupplier stopRequested) {
            while (!stopRequested.getAsBoolean()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    Thread.sleep(Math.min(left / 1_000_000 + 1, 10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "TimerClock.SYSTEM";
        }
    };

    /** @return a monotonic reading in nanoseconds, as {@link System#nanoTime()} */
    long nanoTime();

    /** @return the wall-clock time, which cron jobs follow */
    Instant instant();

    /**
     * Blocks the calling timer until {@link #nanoTime()} reaches {@code deadlineNanos}, or its
     * service stops.
     *
     * @param deadlineNanos a {@link #nanoTime()} reading
     * @param stopRequested whether the service is stopping; checked while waiting
     * @return true when the deadline came, false when the service stops
     */
    boolean sleepUntil(long deadlineNanos, BooleanSupplier stopRequested);

    /** A timer or cron job is about to start its thread (called on the thread starting the service). */
    default void timerStarted() {}

    /** A timer or cron job's thread ends (called on that thread). */
    default void timerEnded() {}
}
