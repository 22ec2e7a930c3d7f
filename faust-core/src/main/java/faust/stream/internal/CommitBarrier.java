package faust.stream.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Holds streams at an event boundary while an exactly-once transaction ends, so that every event
 * whose offset is committed had all of its output sent inside the committed transaction, and no
 * half-processed event has output in it.
 *
 * <p>The consumer thread {@linkplain #raise raises} the barrier; each stream checks
 * {@link #raised()} (one volatile read) before taking its next event and, if raised, parks in
 * {@link #await} until it is lowered. Unused under at-least-once.
 */
public final class CommitBarrier {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition lowered = lock.newCondition();
    private volatile boolean raised;

    /** @return whether streams should stop before their next event */
    public boolean raised() {
        return raised;
    }

    /**
     * Parks the calling stream until the barrier is lowered or {@code stopped} says to give up.
     *
     * @param stopped checked every few milliseconds
     */
    public void await(BooleanSupplier stopped) {
        lock.lock();
        try {
            while (raised && !stopped.getAsBoolean()) {
                lowered.await(5, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Raises the barrier and waits until every stream is at an event boundary.
     *
     * @param idle whether every stream is parked or waiting for events
     * @param timeoutNanos the longest wait
     * @return whether the streams became idle in time; the barrier stays raised either way
     */
    public boolean raise(BooleanSupplier idle, long timeoutNanos) {
        raised = true;
        long deadline = System.nanoTime() + timeoutNanos;
        int spins = 0;
        while (!idle.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                try {
                    Thread.sleep(0, 200_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Lowers the barrier and wakes every parked stream. */
    public void lower() {
        lock.lock();
        try {
            raised = false;
            lowered.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
