package faust.service;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one {@link Service}, guarded by a {@link ReentrantLock} (not {@code synchronized}, which
 * would pin virtual threads). One condition serves both state changes and the stop signal, so
 * {@link #sleepNanos} wakes as soon as a stop is requested. Thread-safe.
 */
final class Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(Service.class);

    /** What the caller of {@link #beginStop()} or {@link #beginCrash} must do next. */
    enum Next { NOTHING, SHUT_DOWN, WAIT }

    private final String label;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean stopRequested;
    // guarded by lock
    private ServiceState state = ServiceState.INIT;
    private @Nullable Throwable crashReason;
    private boolean shutdownBegun;
    private boolean shutdownDone;
    private int restartCount;

    Lifecycle(String label) {
        this.label = label;
    }

    /** @return false if already starting or running */
    boolean beginStart() {
        lock.lock();
        try {
            if (state.isActive()) {
                return false;
            }
            if (state == ServiceState.STOPPING || (shutdownBegun && !shutdownDone)) {
                throw new IllegalStateException(
                        "Service " + label + " is still stopping; call start() after stop() returned");
            }
            stopRequested = false;
            shutdownBegun = false;
            shutdownDone = false;
            crashReason = null;
            transition(ServiceState.STARTING);
            return true;
        } finally {
            lock.unlock();
        }
    }

    Next beginStop() {
        lock.lock();
        try {
            if (state == ServiceState.INIT) {
                transition(ServiceState.STOPPED);
                shutdownBegun = true;
                requestStop();
                markShutdownDone();
                return Next.NOTHING;
            }
            if (state.isActive()) {
                transition(ServiceState.STOPPING);
            }
            requestStop();
            if (shutdownBegun) {
                return Next.WAIT;
            }
            shutdownBegun = true;
            return Next.SHUT_DOWN;
        } finally {
            lock.unlock();
        }
    }

    /** @return null if the crash is ignored (already crashed or stopped) */
    @Nullable Next beginCrash(Throwable reason) {
        lock.lock();
        try {
            if (state == ServiceState.CRASHED || state == ServiceState.STOPPED) {
                log.debug("[{}] Ignoring crash in state {}: {}", label, state, reason.toString());
                return null;
            }
            boolean neverStarted = state == ServiceState.INIT;
            crashReason = reason;
            transition(ServiceState.CRASHED);
            requestStop();
            boolean alreadyShuttingDown = shutdownBegun;
            shutdownBegun = true;
            if (neverStarted) {
                markShutdownDone();
                return Next.NOTHING;
            }
            return alreadyShuttingDown ? Next.NOTHING : Next.SHUT_DOWN;
        } finally {
            lock.unlock();
        }
    }

    void finishShutdown() {
        lock.lock();
        try {
            if (state == ServiceState.STOPPING) {
                transition(ServiceState.STOPPED);
            }
            markShutdownDone();
        } finally {
            lock.unlock();
        }
    }

    boolean moveIfIn(ServiceState expected, ServiceState next) {
        lock.lock();
        try {
            if (state != expected) {
                return false;
            }
            transition(next);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} under the lock unless a stop was requested, so shutdown never misses it. */
    void unlessStopping(Runnable action) {
        lock.lock();
        try {
            if (!stopRequested) {
                action.run();
            }
        } finally {
            lock.unlock();
        }
    }

    boolean sleepNanos(long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (!stopRequested) {
                if (left <= 0) {
                    return true;
                }
                left = changed.awaitNanos(left);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    boolean awaitShutdown(long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (!shutdownDone) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    void incrementRestartCount() {
        lock.lock();
        try {
            restartCount++;
        } finally {
            lock.unlock();
        }
    }

    boolean stopRequested() {
        return stopRequested;
    }

    ServiceState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    @Nullable Throwable crashReason() {
        lock.lock();
        try {
            return crashReason;
        } finally {
            lock.unlock();
        }
    }

    int restartCount() {
        lock.lock();
        try {
            return restartCount;
        } finally {
            lock.unlock();
        }
    }

    private void requestStop() {
        stopRequested = true;
        changed.signalAll();
    }

    private void markShutdownDone() {
        shutdownDone = true;
        changed.signalAll();
    }

    private void transition(ServiceState next) {
        ServiceState previous = state;
        if (!previous.canTransitionTo(next)) {
            throw new IllegalStateException("Service " + label + " cannot go from " + previous + " to " + next);
        }
        state = next;
        changed.signalAll();
        log.info("[{}] {} -> {}", label, previous, next);
    }
}
