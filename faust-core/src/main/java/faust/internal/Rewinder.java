package faust.internal;

import faust.stream.internal.AbstractChannel;
import faust.topic.TP;
import faust.transport.TransportConsumer;
import faust.transport.internal.AckTracker;
import faust.transport.internal.OffsetTracker;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reading again from the committed offsets, when output cannot be trusted (a failed send; under
 * exactly-once, an agent that crashed mid-event or a transaction that failed). Any thread may
 * {@linkplain #request request} it; the consumer thread carries it out through the
 * {@link Committer}, which first settles the commit in flight and, under exactly-once, aborts the
 * open transaction with the streams held at the commit barrier.
 */
final class Rewinder {
    private final AppRuntime rt;
    private final AckTracker acks;
    private final FetchTracker fetch;
    private final BackPressure backPressure;
    private final Runnable wakeup;
    private volatile @Nullable String reason;

    Rewinder(AppRuntime rt, AckTracker acks, FetchTracker fetch, BackPressure backPressure, Runnable wakeup) {
        this.rt = rt;
        this.acks = acks;
        this.fetch = fetch;
        this.backPressure = backPressure;
        this.wakeup = wakeup;
    }

    /**
     * Asks the consumer thread to read again from the committed offsets. Thread-safe.
     *
     * @param why logged when the rewind happens
     */
    void request(String why) {
        reason = why;
        wakeup.run();
    }

    /** @return why the worker must read again from the committed offsets, or null when it need not */
    @Nullable String pending() {
        return reason;
    }

    /** @return the pending reason, now cleared: the caller carries out the rewind */
    String take() {
        String r = reason;
        reason = null;
        return r != null ? r : "no reason given";
    }

    /**
     * Drops queued events and sends held for them, and seeks every assigned partition back to its
     * last commit. Events in flight belong to the old generation: their acks are ignored. Under
     * exactly-once the caller has aborted the open transaction first.
     *
     * @param c the consumer
     */
    void seekToCommitted(TransportConsumer c) {
        rt.nextGeneration();
        for (AbstractChannel<?, ?> ch : rt.conductor().channels()) {
            ch.clearBuffers();
        }
        rt.publisher().attachments().discard(c.assignment(), "reading again from the committed offsets");
        backPressure.resumeAll(c);
        Set<TP> owned = c.assignment();
        Map<TP, Long> committed = c.committed(owned);
        for (TP tp : owned) {
            Long off = committed.get(tp);
            if (off == null) {
                OffsetTracker tracker = acks.tracker(tp);
                Long base = tracker == null ? null : tracker.lastCommitted();
                off = base == null ? null : base + 1;
            }
            if (off != null) {
                c.seek(tp, off);
                fetch.restart(tp, off);
            } else {
                fetch.forget(tp);
            }
        }
    }
}
