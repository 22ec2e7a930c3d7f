package faust.agent.internal;

import faust.agent.SupervisorStrategy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What an agent does when one of its actors crashes (mode's supervisors, as Faust uses them): a
 * pure policy over the strategy and the restart limit, with the clock passed in, so it is tested
 * without threads. Thread-safe.
 */
final class Supervisor {
    /** What to do about a crashed actor. */
    enum Action {
        /** Start a new actor in place of the crashed one. */
        RESTART_ACTOR,
        /** Stop every actor of the agent and start them all again. */
        RESTART_ALL,
        /** Let the crashed actor go; the others continue. */
        FORFEIT_ACTOR,
        /** Stop every actor of the agent; the rest of the app continues. */
        FORFEIT_ALL,
        /** Crash the app: the strategy says so. */
        CRASH_APP,
        /** Crash the app: more restarts within the window than allowed. */
        TOO_MANY_RESTARTS
    }

    private final SupervisorStrategy strategy;
    private final int maxRestarts;
    private final long windowNanos;
    private final Deque<Long> restarts = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();

    Supervisor(SupervisorStrategy strategy, int maxRestarts, Duration window) {
        this.strategy = strategy;
        this.maxRestarts = maxRestarts;
        this.windowNanos = window.toNanos();
    }

    SupervisorStrategy strategy() {
        return strategy;
    }

    /**
     * @param nowNanos a monotonic clock reading ({@link System#nanoTime()})
     * @return what to do about an actor that crashed now
     */
    Action onCrash(long nowNanos) {
        return switch (strategy) {
            case CRASHING -> Action.CRASH_APP;
            case FORFEIT_ONE_FOR_ONE -> Action.FORFEIT_ACTOR;
            case FORFEIT_ONE_FOR_ALL -> Action.FORFEIT_ALL;
            case ONE_FOR_ONE -> allowRestart(nowNanos) ? Action.RESTART_ACTOR : Action.TOO_MANY_RESTARTS;
            case ONE_FOR_ALL -> allowRestart(nowNanos) ? Action.RESTART_ALL : Action.TOO_MANY_RESTARTS;
        };
    }

    /** Counts a restart at {@code nowNanos}; false once more than {@code maxRestarts} fall within the window. */
    private boolean allowRestart(long nowNanos) {
        lock.lock();
        try {
            while (!restarts.isEmpty() && nowNanos - restarts.peekFirst() > windowNanos) {
                restarts.pollFirst();
            }
            restarts.addLast(nowNanos);
            return restarts.size() <= maxRestarts;
        } finally {
            lock.unlock();
        }
    }
}
