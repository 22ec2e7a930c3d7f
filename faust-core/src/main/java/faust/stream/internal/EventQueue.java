package faust.stream.internal;


import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The buffer between the consumer thread and the streams of one channel. Events move in
 * chunks (whole fetched batches), so the lock is taken once per chunk, not per event. The
 * producer side never blocks: it reports "full" and the consumer pauses the source partitions
 * (back-pressure); readers tell the drain listener when the buffer falls below half.
 */
public final class EventQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final int maxsize;
    private volatile int size;
    private volatile boolean closed;
    private volatile @Nullable Runnable drainListener;
    private volatile boolean wantDrainSignal;

    /** A run of events {@code events[start..end)} handed over together. */
    public static final class Chunk {
        final EventImpl<?, ?>[] events;
        int start;
        final int end;

        Chunk(EventImpl<?, ?>[] events, int start, int end) {
            this.events = events;
            this.start = start;
            this.end = end;
        }

        /** @return the backing array */
        public EventImpl<?, ?>[] events() {
            return events;
        }

        /** @return first index */
        public int start() {
            return start;
        }

        /** @return index after the last */
        public int end() {
            return end;
        }
    }

    /** @param maxsize events buffered before {@link #put} reports full */
    public EventQueue(int maxsize) {
        this.maxsize = maxsize;
    }

    /** @return the buffer size limit */
    public int maxsize() {
        return maxsize;
    }

    /** @return events buffered now */
    public int size() {
        return size;
    }

    /** @param listener run (on a reader thread) when a full buffer drains below half */
    public void onDrain(Runnable listener) {
        this.drainListener = listener;
    }

    /**
     * Adds events; never blocks.
     *
     * @param events array holding the events
     * @param start first index
     * @param end index after the last
     * @return true when the buffer is now full (the caller should pause its sources)
     */
    public boolean put(EventImpl<?, ?>[] events, int start, int end) {
        if (end <= start) {
            return size >= maxsize;
        }
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            chunks.addLast(new Chunk(events, start, end));
            size += end - start;
            notEmpty.signal();
            boolean full = size >= maxsize;
            if (full) {
                wantDrainSignal = true;
            }
            return full;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts events back at the head, ahead of everything buffered (an actor that crashed returns
     * the events it had taken but not started, so its replacement processes them in order).
     *
     * @param events array holding the events
     * @param start first index
     * @param end index after the last
     */
    public void pushFront(EventImpl<?, ?>[] events, int start, int end) {
        if (end <= start) {
            return;
        }
        lock.lock();
        try {
            chunks.addFirst(new Chunk(events, start, end));
            size += end - start;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} events, waiting up to {@code timeoutNanos} for some to arrive.
     *
     * @param max most events to take, at least 1
     * @param timeoutNanos longest wait; 0 or less means don't wait, {@link Long#MAX_VALUE} no limit
     * @return a chunk, or null on timeout or when closed
     * @throws InterruptedException if interrupted while waiting
     */
    public @Nullable Chunk take(int max, long timeoutNanos) throws InterruptedException {
        Runnable signal = null;
        Chunk out;
        lock.lock();
        try {
            long nanos = timeoutNanos;
            while (chunks.isEmpty()) {
                if (closed || nanos <= 0) {
                    return null;
                }
                if (nanos == Long.MAX_VALUE) {
                    // no deadline: an untimed wait, so a virtual thread's park sets no timer (its
                    // scheduler would queue one and cancel it on every wait)
                    notEmpty.await();
                } else {
                    nanos = notEmpty.awaitNanos(nanos);
                }
            }
            Chunk head = chunks.peekFirst();
            int n = head.end - head.start;
            if (n <= max) {
                chunks.pollFirst();
                out = head;
            } else {
                out = new Chunk(head.events, head.start, head.start + max);
                head.start += max;
                n = max;
                notEmpty.signal();
            }
            size -= n;
            if (wantDrainSignal && size < maxsize / 2 + 1) {
                wantDrainSignal = false;
                signal = drainListener;
            }
        } finally {
            lock.unlock();
        }
        if (signal != null) {
            signal.run();
        }
        return out;
    }

    /**
     * Blocks until the buffer is empty or the timeout passes.
     *
     * @param timeoutMillis longest wait
     * @return true when empty
     * @throws InterruptedException if interrupted
     */
    public boolean awaitEmpty(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (size > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /**
     * Removes every buffered event (a rebalance drops what was fetched but not processed).
     *
     * @return the removed events, for acking
     */
    public List<EventImpl<?, ?>> clear() {
        lock.lock();
        try {
            List<EventImpl<?, ?>> out = new ArrayList<>(size);
            for (Chunk c : chunks) {
                for (int i = c.start; i < c.end; i++) {
                    out.add(c.events[i]);
                }
            }
            chunks.clear();
            size = 0;
            wantDrainSignal = false;
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes readers; after this, {@link #take} returns what is left and then null. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Lets the queue be used again after {@link #close()} (an agent restarting on the same channel). */
    public void reopen() {
        lock.lock();
        try {
            closed = false;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether closed */
    public boolean isClosed() {
        return closed;
    }
}
