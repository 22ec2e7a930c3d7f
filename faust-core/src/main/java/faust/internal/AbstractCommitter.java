package faust.internal;

import faust.settings.BrokerSettings;
import faust.topic.TP;
import faust.transport.TransportConsumer;
import faust.transport.internal.AckTracker;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What both commit protocols share: when a commit is due, the one commit in flight (its slow part
 * runs on another thread, so the consumer thread goes on), and recording a commit that went
 * through.
 */
abstract class AbstractCommitter implements Committer {
    /** A commit whose slow part runs aside: done when it has, with the offsets it commits. */
    record InFlight(CompletableFuture<Void> done, Map<TP, Long> offsets, @Nullable Object state) {}

    protected final AppRuntime rt;
    protected final AckTracker acks;
    protected final BooleanSupplier streamsIdle;
    protected final Rewinder rewinder;
    private final Runnable wakeup;
    private final long commitIntervalNanos;
    private final int commitEvery;
    private final String threadName;
    protected long lastCommitNanos = System.nanoTime();
    protected @Nullable InFlight inFlight;

    AbstractCommitter(AppRuntime rt, AckTracker acks, BooleanSupplier streamsIdle, Rewinder rewinder, Runnable wakeup) {
        this.rt = rt;
        this.acks = acks;
        this.streamsIdle = streamsIdle;
        this.rewinder = rewinder;
        this.wakeup = wakeup;
        this.commitIntervalNanos = rt.settings().get(BrokerSettings.BROKER_COMMIT_INTERVAL).toNanos();
        this.commitEvery = rt.settings().get(BrokerSettings.BROKER_COMMIT_EVERY);
        this.threadName = "faust-committer-" + rt.settings().id();
    }

    @Override
    public final void maybeCommit(TransportConsumer c) {
        InFlight f = inFlight;
        if (f != null) {
            if (f.done.isDone() || mustFinish()) {
                finish(c, false);
            }
            return;
        }
        if (System.nanoTime() - lastCommitNanos >= commitIntervalNanos || acks.acksSinceCommit() >= commitEvery) {
            start(c);
        }
    }

    @Override
    public final void commitNow(TransportConsumer c) {
        finish(c, true);
        start(c);
        finish(c, true);
    }

    /** @return whether the consumer thread should wait for the commit in flight now, before it is done */
    protected boolean mustFinish() {
        return false;
    }

    /** Starts a commit of what is acked now. */
    protected final void start(TransportConsumer c) {
        lastCommitNanos = System.nanoTime();
        acks.commitStarted();
        begin(c);
    }

    /** Takes the offsets to commit and starts the commit (setting {@link #inFlight} when it runs aside). */
    protected abstract void begin(TransportConsumer c);

    /**
     * Waits for the commit in flight, if any, and applies its outcome.
     *
     * @param sync commit and wait for the broker (revocation, stop, rewind) rather than let the
     *     consumer thread go on at once
     */
    protected final void finish(TransportConsumer c, boolean sync) {
        InFlight f = inFlight;
        if (f == null) {
            return;
        }
        inFlight = null;
        Throwable error = null;
        try {
            f.done.join();
        } catch (CompletionException e) {
            error = e.getCause() != null ? e.getCause() : e;
        }
        finished(c, f, error, sync);
    }

    /** Applies the outcome of a commit that ran aside; {@code error} is why it failed, or null. */
    protected abstract void finished(TransportConsumer c, InFlight f, @Nullable Throwable error, boolean sync);

    /** Runs the slow part of a commit on its own virtual thread; the consumer thread is woken when it ends. */
    protected final CompletableFuture<Void> runAside(Runnable work) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(work, r -> Thread.ofVirtual().name(threadName).start(r));
        done.whenComplete((v, e) -> wakeup.run());
        return done;
    }

    /** A commit went through: trackers, monitor and sensors learn the new committed offsets. */
    protected final void recordCommit(Map<TP, Long> offsets, @Nullable Object state) {
        acks.markCommitted(offsets);
        offsets.forEach(rt.monitor()::setCommittedOffset);
        rt.sensors().onCommitCompleted(state);
    }
}
