package faust.sensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link ThreadCell}s of one {@link Monitor}, one per thread that has reported a message or an
 * event, and the sums the Monitor's getters return.
 *
 * <p>Writers touch only their own cell; the lock is taken once per thread (to register its cell)
 * and by readers. Readers sum every cell. When a cell's thread has terminated, a reader folds its
 * counts into the {@code retired} totals and drops the cell, so short-lived threads do not pile
 * up; {@link Thread#isAlive()} returning false makes every write of that thread visible (JLS
 * 17.4.4), so nothing is lost in the fold.
 *
 * <p>Gauges are differences of monotonic counters: {@code messagesActive = in - out} and
 * {@code eventsActive = in - out}. A reader sums the "out" counters first and reads them with
 * acquire semantics: every message (event) counted out was counted in before that, so the "in"
 * sum read afterwards includes it and a gauge never shows a message as acked before it was read.
 */
final class ThreadCells {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<ThreadCell> cells = new ArrayList<>();
    // Totals of cells whose threads have ended; guarded by lock.
    private long retiredMessagesIn;
    private long retiredMessagesOut;
    private long retiredEventsIn;
    private long retiredEventsOut;
    private final Map<String, Long> retiredByTask = new HashMap<>();
    private final Map<String, Long> retiredByStream = new HashMap<>();

    /** Creates and registers the calling thread's cell. */
    ThreadCell register() {
        Thread t = Thread.currentThread();
        String task = t.getName().isEmpty() ? "thread-" + t.threadId() : t.getName();
        ThreadCell cell = new ThreadCell(t, task);
        lock.lock();
        try {
            retireEnded();
            cells.add(cell);
        } finally {
            lock.unlock();
        }
        return cell;
    }

    long messagesReceivedTotal() {
        lock.lock();
        try {
            retireEnded();
            long in = retiredMessagesIn;
            for (ThreadCell c : cells) {
                in += c.messagesIn();
            }
            return in;
        } finally {
            lock.unlock();
        }
    }

    long messagesActive() {
        lock.lock();
        try {
            retireEnded();
            long out = retiredMessagesOut;
            for (ThreadCell c : cells) {
                out += c.messagesOut();
            }
            long in = retiredMessagesIn;
            for (ThreadCell c : cells) {
                in += c.messagesIn();
            }
            return in - out;
        } finally {
            lock.unlock();
        }
    }

    long eventsTotal() {
        lock.lock();
        try {
            retireEnded();
            long in = retiredEventsIn;
            for (ThreadCell c : cells) {
                in += c.eventsIn();
            }
            return in;
        } finally {
            lock.unlock();
        }
    }

    long eventsActive() {
        lock.lock();
        try {
            retireEnded();
            long out = retiredEventsOut;
            for (ThreadCell c : cells) {
                out += c.eventsOut();
            }
            long in = retiredEventsIn;
            for (ThreadCell c : cells) {
                in += c.eventsIn();
            }
            return in - out;
        } finally {
            lock.unlock();
        }
    }

    /** Events by thread name; threads that never took an event are left out. A sorted, unmodifiable copy. */
    Map<String, Long> eventsByTask() {
        lock.lock();
        try {
            retireEnded();
            TreeMap<String, Long> out = new TreeMap<>(retiredByTask);
            for (ThreadCell c : cells) {
                long n = c.eventsIn();
                if (n > 0) {
                    out.merge(c.task, n, Long::sum);
                }
            }
            return Collections.unmodifiableMap(out);
        } finally {
            lock.unlock();
        }
    }

    /** Events by stream label, summed over threads. A sorted, unmodifiable copy. */
    Map<String, Long> eventsByStream() {
        lock.lock();
        try {
            retireEnded();
            TreeMap<String, Long> out = new TreeMap<>(retiredByStream);
            for (ThreadCell c : cells) {
                for (ThreadCell.StreamCount s : c.streams()) {
                    out.merge(s.stream, s.get(), Long::sum);
                }
            }
            return Collections.unmodifiableMap(out);
        } finally {
            lock.unlock();
        }
    }

    /** How many cells are registered (live threads, or ended ones not yet folded). For tests. */
    int cellCount() {
        lock.lock();
        try {
            return cells.size();
        } finally {
            lock.unlock();
        }
    }

    /** Folds the cells of ended threads into the retired totals. Call with the lock held. */
    private void retireEnded() {
        for (int i = cells.size() - 1; i >= 0; i--) {
            ThreadCell c = cells.get(i);
            if (c.owner.isAlive()) {
                continue;
            }
            retiredMessagesIn += c.messagesIn();
            retiredMessagesOut += c.messagesOut();
            retiredEventsIn += c.eventsIn();
            retiredEventsOut += c.eventsOut();
            if (c.eventsIn() > 0) {
                retiredByTask.merge(c.task, c.eventsIn(), Long::sum);
            }
            for (ThreadCell.StreamCount s : c.streams()) {
                retiredByStream.merge(s.stream, s.get(), Long::sum);
            }
            cells.remove(i);
        }
    }
}
