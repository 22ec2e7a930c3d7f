package faust.stream.internal;

import faust.sensor.Sensor;
import faust.transport.TrackedMessage;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One pass over a stream: takes chunks of events from the channel buffer, runs the processor
 * steps and remembers the event in hand so it can be acked when the loop asks for the next one.
 * Used by one thread.
 */
final class Cursor {
    /** Returned by a step to drop the event (it is acked). */
    static final Object SKIP = new Object();
    /** Most finished messages held before they are reported acked (see {@link #released}). */
    static final int ACK_RUN = 64;

    private final StreamRuntime rt;
    private final EventQueue queue;
    private final List<Step> steps;
    private final boolean enableAcks;
    private final String label;
    private final StreamContext context;
    private final int takeMax;
    private final Sensor sensors;
    private final CommitBarrier barrier;
    private EventQueue.@Nullable Chunk chunk;
    private int idx;
    private @Nullable EventImpl<?, ?> current;
    private @Nullable Object state;
    private @Nullable Object value;
    /**
     * Messages whose last reference this cursor released, not yet reported to their listener (the
     * consumer's ack tracking). They are reported as one run when the chunk is done, when
     * {@link #ACK_RUN} have gathered, and always before the cursor says it is idle: an exactly-once
     * commit waits for idle streams and must see every finished event's ack.
     */
    private final TrackedMessage[] released;
    private int releasedCount;
    private volatile boolean idle = true;
    private volatile @Nullable Thread owner;
    /** The thread that iterates this cursor (the one that created it). */
    private final Thread user = Thread.currentThread();

    /** A processor: returns the new value, or {@link #SKIP}. */
    @FunctionalInterface
    interface Step {
        @Nullable Object apply(@Nullable Object value, EventImpl<?, ?> event);
    }

    Cursor(StreamRuntime rt, EventQueue queue, List<Step> steps, boolean enableAcks, String label, StreamContext context) {
        this.rt = rt;
        this.queue = queue;
        this.steps = steps;
        this.enableAcks = enableAcks;
        this.label = label;
        this.context = context;
        this.takeMax = context.concurrency() > 1 ? 1 : Integer.MAX_VALUE;
        this.sensors = rt.sensors();
        this.barrier = rt.commitBarrier();
        // An agent reports the acks it holds when its function ends (StreamContext.reportAcks); a
        // standalone stream's caller may leave the loop at any time, so it reports each at once.
        this.released = new TrackedMessage[context.prefix() != null ? ACK_RUN : 1];
        context.register(queue, this);
    }

    boolean idle() {
        return idle;
    }

    void wake() {
        Thread t = owner;
        if (t != null) {
            t.interrupt();
        }
    }

    @Nullable EventImpl<?, ?> current() {
        return current;
    }

    @Nullable Object value() {
        return value;
    }

    /** Ends the event in hand: sensors, ack (unless noack), clears the current event. */
    void finish() {
        EventImpl<?, ?> e = current;
        if (e != null) {
            current = null;
            TrackedMessage m = e.tracked();
            sensors.onStreamEventOut(m.tp(), m.offset(), label, m, state);
            if (enableAcks && e.release()) {
                released[releasedCount++] = m;
                if (releasedCount == released.length) {
                    reportAcks();
                }
            }
            CurrentEvent.set(null);
        }
    }

    /** @return the thread that iterates this cursor */
    Thread user() {
        return user;
    }

    /** Reports the messages released so far as acked. Call from the cursor's {@linkplain #user() thread}. */
    void reportAcks() {
        int n = releasedCount;
        if (n > 0) {
            releasedCount = 0;
            TrackedMessage.reportAcked(released, 0, n);
            Arrays.fill(released, 0, n, null);
        }
    }

    /** Drops the event in hand without acking (take() acks later). */
    @Nullable EventImpl<?, ?> detach() {
        EventImpl<?, ?> e = current;
        current = null;
        return e;
    }

    void finishDetached(EventImpl<?, ?> e) {
        sensors.onStreamEventOut(e.message().tp(), e.message().offset(), label, e.message(), null);
        if (enableAcks) {
            e.ack();
        }
    }

    /**
     * Moves to the next value that passes every step.
     *
     * @param timeoutNanos longest wait for an event
     * @return true when a value is ready; false on timeout, stop or close
     */
    boolean advance(long timeoutNanos) {
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        while (true) {
            EventImpl<?, ?> e = nextEvent(deadline);
            if (e == null) {
                return false;
            }
            TrackedMessage m = e.tracked();
            if (m.generation() >= 0 && m.generation() != rt.generation()) {
                continue;   // fetched before a rebalance; the partition's new owner reads it again
            }
            state = sensors.onStreamEventIn(m.tp(), m.offset(), label, m);
            current = e;
            CurrentEvent.set(e);
            Object v = e.value();
            for (int i = 0, n = steps.size(); i < n; i++) {
                v = steps.get(i).apply(v, e);
                if (v == SKIP) {
                    break;
                }
            }
            if (v == SKIP) {
                finish();     // filtered out: acked now, as in Faust
                continue;
            }
            value = v;
            return true;
        }
    }

    private @Nullable EventImpl<?, ?> nextEvent(long deadline) {
        EventQueue.Chunk c = chunk;
        if (c != null && idx < c.end()) {
            if (barrier.raised() && !passBarrier()) {
                return null;
            }
            return c.events()[idx++];
        }
        chunk = null;
        reportAcks();        // the chunk is done: before waiting for the next, and before saying idle
        if (context.stopped()) {
            return null;
        }
        idle = true;
        owner = Thread.currentThread();
        if (context.stopped()) {      // re-checked after publishing the owner, so stop() cannot miss us
            owner = null;
            return null;
        }
        try {
            long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            c = queue.take(takeMax, wait);
        } catch (InterruptedException ex) {
            if (!context.stopped()) {
                Thread.currentThread().interrupt();
            }
            return null;
        } finally {
            owner = null;
            idle = false;
            if (context.stopped()) {
                Thread.interrupted();   // the stop interrupt is consumed here
            }
        }
        if (c == null || context.stopped()) {
            idle = true;
            return null;
        }
        chunk = c;
        idx = c.start();
        if (barrier.raised() && !passBarrier()) {
            return null;
        }
        return c.events()[idx++];
    }

    /**
     * Parks between events while an exactly-once commit is under way. {@code idle} is written
     * before {@code raised} is read, and the committer writes {@code raised} before reading
     * {@code idle}, so one of the two always sees the other.
     *
     * @return false when the stream was stopped meanwhile
     */
    private boolean passBarrier() {
        reportAcks();
        while (barrier.raised() && !context.stopped()) {
            idle = true;
            barrier.await(context::stopped);
            idle = false;
        }
        return !context.stopped();
    }

    /** Returns the events taken but not yet started to the head of the queue. Call from the owning thread. */
    void returnLeftovers() {
        EventQueue.Chunk c = chunk;
        if (c != null && idx < c.end()) {
            queue.pushFront(c.events(), idx, c.end());
        }
        chunk = null;
    }

    /** Marks the cursor as done (nothing in hand). */
    void close() {
        finish();
        reportAcks();
        idle = true;
    }
}
