package faust.stream.internal;

import faust.internal.AppRuntime;
import faust.stream.Event;
import faust.topic.internal.EventQueue;
import faust.sensor.Sensor;
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

    private final AppRuntime rt;
    private final EventQueue queue;
    private final List<Step> steps;
    private final boolean enableAcks;
    private final String label;
    private final StreamContext context;
    private final int takeMax;
    private final Sensor sensors;
    private final faust.internal.CommitBarrier barrier;
    private EventQueue.@Nullable Chunk chunk;
    private int idx;
    private @Nullable Event<?, ?> current;
    private @Nullable Object state;
    private @Nullable Object value;
    private volatile boolean idle = true;
    private volatile @Nullable Thread owner;

    /** A processor: returns the new value, or {@link #SKIP}. */
    @FunctionalInterface
    interface Step {
        @Nullable Object apply(@Nullable Object value, Event<?, ?> event);
    }

    Cursor(AppRuntime rt, EventQueue queue, List<Step> steps, boolean enableAcks, String label, StreamContext context) {
        this.rt = rt;
        this.queue = queue;
        this.steps = steps;
        this.enableAcks = enableAcks;
        this.label = label;
        this.context = context;
        this.takeMax = context.concurrency() > 1 ? 1 : Integer.MAX_VALUE;
        this.sensors = rt.sensors();
        this.barrier = rt.commitBarrier();
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

    @Nullable Event<?, ?> current() {
        return current;
    }

    @Nullable Object value() {
        return value;
    }

    /** Ends the event in hand: sensors, ack (unless noack), clears the current event. */
    void finish() {
        Event<?, ?> e = current;
        if (e != null) {
            current = null;
            sensors.onStreamEventOut(e.message().tp(), e.message().offset(), label, e.message(), state);
            if (enableAcks) {
                e.ack();
            }
            Event.setCurrent(null);
        }
    }

    /** Drops the event in hand without acking (take() acks later). */
    @Nullable Event<?, ?> detach() {
        Event<?, ?> e = current;
        current = null;
        return e;
    }

    void finishDetached(Event<?, ?> e) {
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
            Event<?, ?> e = nextEvent(deadline);
            if (e == null) {
                return false;
            }
            if (e.message().generation() >= 0 && e.message().generation() != rt.generation()) {
                continue;   // fetched before a rebalance; the partition's new owner reads it again
            }
            state = sensors.onStreamEventIn(e.message().tp(), e.message().offset(), label, e.message());
            current = e;
            Event.setCurrent(e);
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

    private @Nullable Event<?, ?> nextEvent(long deadline) {
        EventQueue.Chunk c = chunk;
        if (c != null && idx < c.end()) {
            if (barrier.raised() && !passBarrier()) {
                return null;
            }
            return c.events()[idx++];
        }
        chunk = null;
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
        idle = true;
    }
}
