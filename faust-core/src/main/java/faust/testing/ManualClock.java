package faust.testing;

import faust.service.TimerClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A clock that moves only when told: timers and crontabs of an app created with
 * {@code cfg.clock(clock)} run when {@link #advance} passes their time, not before.
 * {@link #awaitTimers} returns once every timer has run what was due and waits for a later time,
 * so a test sees every run's effect. Thread-safe.
 */
public final class ManualClock implements TimerClock {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Instant epoch;
    private long nanos;
    private int timers;
    private final List<Long> sleeping = new ArrayList<>();

    /** A clock at 2026-01-01T00:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** @param start the wall-clock time the clock starts at */
    public ManualClock(Instant start) {
        this.epoch = Objects.requireNonNull(start, "start");
    }

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return nanos;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Instant instant() {
        lock.lock();
        try {
            return epoch.plusNanos(nanos);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves the clock forward; timers whose time has come wake up. See {@link #awaitTimers}.
     *
     * @param d how far, not negative
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public void advance(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward; got " + d);
        }
        lock.lock();
        try {
            nanos += d.toNanos();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every timer started on this clock waits for a time later than now: each has run
     * what was due.
     *
     * @param timeout the longest wait
     * @throws AssertionError when some timer is still running after {@code timeout}
     */
    public void awaitTimers(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!timersAtRest()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for timers: " + timers
                            + " started, " + sleeping.size() + " waiting, of which " + due() + " are due at " + nanos + " ns");
                }
                changed.awaitNanos(Math.min(left, POLL_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for timers", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return how long until the earliest time a waiting timer waits for, or empty when none waits
     */
    public Optional<Duration> untilNextTimer() {
        lock.lock();
        try {
            return sleeping.stream().min(Long::compare).map(d -> Duration.ofNanos(Math.max(0, d - nanos)));
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private boolean timersAtRest() {
        return sleeping.size() >= timers && due() == 0;
    }

    /** Called with the lock held. */
    private long due() {
        return sleeping.stream().filter(d -> d <= nanos).count();
    }

    @Override
    public boolean sleepUntil(long deadlineNanos, BooleanSupplier stopRequested) {
        lock.lock();
        Long mine = deadlineNanos;
        sleeping.add(mine);
        changed.signalAll();
        try {
            while (!stopRequested.getAsBoolean()) {
                if (nanos >= deadlineNanos) {
                    return true;
                }
                changed.awaitNanos(POLL_NANOS);     // a stop is noticed within a few milliseconds
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            sleeping.remove(mine);
            changed.signalAll();
            lock.unlock();
        }
    }

    @Override
    public void timerStarted() {
        lock.lock();
        try {
            timers++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void timerEnded() {
        lock.lock();
        try {
            timers--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + "]";
    }
}
