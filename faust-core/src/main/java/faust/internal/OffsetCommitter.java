package faust.internal;

import faust.errors.ProducerFencedException;
import faust.settings.BrokerSettings;
import faust.topic.TP;
import faust.transport.TransportConsumer;
import faust.transport.TransportProducer;
import faust.transport.internal.AckTracker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the consumer's acked offsets for the {@link ConsumerLoop}, every
 * {@code broker_commit_interval} or {@code broker_commit_every} acks, without stopping the
 * consumer thread for the slow part. Called on the consumer thread only.
 *
 * <ul>
 *   <li><b>At-least-once:</b> the offsets are taken; another thread waits until every send made
 *       so far has completed ({@link InFlightSends}: durable, without flushing the producer, so
 *       batches still fill); then the offsets are committed, unless a send failed.
 *   <li><b>Exactly-once:</b> every stream stops at an event boundary ({@link CommitBarrier}), the
 *       offsets are taken and the transaction is sealed ({@link HeldSends}); the streams go on at
 *       once, and the transaction (output plus offsets) commits on another thread. Sends made
 *       meanwhile enter the next transaction, or are dropped when the commit fails and the worker
 *       reads those events again.
 * </ul>
 *
 * <p>One commit runs at a time. A rebalance, a rewind or the stop waits for it first.
 */
final class OffsetCommitter {
    private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);
    /** How long a commit or rewind waits for every stream to reach an event boundary. */
    static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(5);
    private static final long BARRIER_TIMEOUT_NANOS = BARRIER_TIMEOUT.toNanos();
    /** Sends held for the next transaction beyond which the consumer thread waits for the commit. */
    static final int MAX_HELD_SENDS = 100_000;

    /** What the committer needs from the consumer loop. */
    interface Loop {
        /** @return why the worker must read again from the committed offsets, or null */
        @Nullable String rewindReason();

        /** @param reason why the worker must read again from the committed offsets */
        void requestRewind(String reason);

        /** Rewinds now; exactly-once: called with the streams held at the barrier. */
        void rewindLocked(TransportConsumer c, TransportProducer p);

        /** Makes the consumer thread look at the committer soon. */
        void wakeup();
    }

    private record InFlight(CompletableFuture<Void> done, Map<TP, Long> offsets, @Nullable Object state) {}

    private final AppRuntime rt;
    private final AckTracker acks;
    private final BooleanSupplier streamsIdle;
    private final Loop loop;
    private final boolean exactlyOnce;
    private final long commitIntervalNanos;
    private final int commitEvery;
    private final String threadName;
    private long lastCommitNanos = System.nanoTime();
    private int postponedCommits;
    private @Nullable InFlight inFlight;

    OffsetCommitter(AppRuntime rt, AckTracker acks, BooleanSupplier streamsIdle, Loop loop) {
        this.rt = rt;
        this.acks = acks;
        this.streamsIdle = streamsIdle;
        this.loop = loop;
        this.exactlyOnce = rt.exactlyOnce();
        this.commitIntervalNanos = rt.settings().get(BrokerSettings.BROKER_COMMIT_INTERVAL).toNanos();
        this.commitEvery = rt.settings().get(BrokerSettings.BROKER_COMMIT_EVERY);
        this.threadName = "faust-committer-" + rt.settings().id();
    }

    /** Finishes a commit that is done, or starts one when it is due. */
    void maybeCommit(TransportConsumer c) {
        InFlight f = inFlight;
        if (f != null) {
            if (f.done.isDone() || rt.publisher().heldSends().count() > MAX_HELD_SENDS) {
                finish(c, false);
            }
            return;
        }
        if (System.nanoTime() - lastCommitNanos >= commitIntervalNanos || acks.acksSinceCommit() >= commitEvery) {
            start(c);
        }
    }

    /** Commits everything acked so far and waits for it (stop; revocation under at-least-once). */
    void commitNow(TransportConsumer c) {
        finish(c, true);
        start(c);
        finish(c, true);
    }

    /**
     * Before a rewind: a flush in flight is abandoned (its offsets may cover an event whose send
     * failed, and must never commit); a transaction in flight is waited for, since its output and
     * offsets agree, and what was held for the next one is dropped.
     */
    void beforeRewind(TransportConsumer c) {
        if (exactlyOnce) {
            finish(c, true);
        } else {
            inFlight = null;
        }
    }

    private void start(TransportConsumer c) {
        lastCommitNanos = System.nanoTime();
        acks.commitStarted();
        if (exactlyOnce) {
            startTransaction(c);
        } else {
            startFlush();
        }
    }

    private void startFlush() {
        Map<TP, Long> offsets = acks.commitOffsets();
        if (offsets.isEmpty()) {
            return;
        }
        Object state = rt.sensors().onCommitInitiated();
        rt.publisher().publishAttached(offsets);
        InFlightSends sends = rt.publisher().inFlightSends();
        int epoch = sends.flip();
        // waits until every send of the epoch has completed (acknowledged or failed), without flushing
        inFlight = new InFlight(runAside(() -> sends.awaitDrained(epoch)), offsets, state);
    }

    private void startTransaction(TransportConsumer c) {
        TransportProducer p = rt.producer();
        CommitBarrier barrier = rt.commitBarrier();
        try {
            if (!barrier.raise(streamsIdle, BARRIER_TIMEOUT_NANOS)) {
                postponed();
                return;
            }
            if (loop.rewindReason() != null) {
                loop.rewindLocked(c, p);
                return;
            }
            postponedCommits = 0;
            Map<TP, Long> offsets = acks.commitOffsets();
            Object state = rt.sensors().onCommitInitiated();
            rt.publisher().publishAttached(offsets);
            rt.publisher().heldSends().seal();
            inFlight = new InFlight(runAside(() -> commitAndReopen(c, p, offsets)), offsets, state);
        } finally {
            barrier.lower();       // streams go on; what they send now waits for the next transaction
        }
    }

    /**
     * On the committer thread: commits the sealed transaction, then lets what was held meanwhile
     * into the next one, or drops it when the commit failed or a rewind is pending (those events
     * are read again).
     */
    private void commitAndReopen(TransportConsumer c, TransportProducer p, Map<TP, Long> offsets) {
        HeldSends held = rt.publisher().heldSends();
        try {
            p.commitTransaction(c, offsets);
        } catch (RuntimeException e) {
            held.drop(e instanceof ProducerFencedException ? "this worker's producer was fenced"
                    : "transaction commit failed: " + e.getMessage());
            throw e;
        }
        String rewind = loop.rewindReason();
        if (rewind != null) {
            held.drop(rewind);
        } else {
            held.open(p);
        }
    }

    private CompletableFuture<Void> runAside(Runnable work) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(work, r -> Thread.ofVirtual().name(threadName).start(r));
        done.whenComplete((v, e) -> loop.wakeup());
        return done;
    }

    private void postponed() {
        postponedCommits++;
        if (postponedCommits % 6 == 0) {   // about every 30 s: output is held back, a human should know
            log.warn("[{}] exactly-once commits postponed {} times in a row: some agent has not reached an event "
                    + "boundary (it may be blocked inside an event); output stays uncommitted meanwhile",
                    rt.settings().id(), postponedCommits);
        } else {
            log.debug("[{}] streams did not reach an event boundary within {}; commit postponed", rt.settings().id(),
                    BARRIER_TIMEOUT);
        }
    }

    /**
     * Waits for the commit in flight, if any, and applies its outcome.
     *
     * @param sync at-least-once: commit the offsets and wait for the broker (revocation, stop),
     *     rather than let the consumer thread go on at once
     */
    private void finish(TransportConsumer c, boolean sync) {
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
        if (exactlyOnce) {
            finishTransaction(f, error);
        } else {
            finishWait(c, f, error, sync);
        }
    }

    private void finishWait(TransportConsumer c, InFlight f, @Nullable Throwable error, boolean sync) {
        if (error != null) {
            log.warn("[{}] waiting for the sends before committing {} failed; will retry at the next commit",
                    rt.settings().id(), f.offsets, error);
            return;
        }
        if (loop.rewindReason() != null) {
            return;                // a send failed: nothing past the last commit may be committed; the loop rewinds
        }
        if (sync) {
            try {
                c.commit(f.offsets);
                recordCommit(f.offsets, f.state);
            } catch (RuntimeException e) {
                log.warn("[{}] commit of {} failed; will retry at the next commit", rt.settings().id(), f.offsets, e);
            }
            return;
        }
        c.commitAsync(f.offsets, e -> {
            if (e == null) {
                recordCommit(f.offsets, f.state);
            } else {
                log.warn("[{}] commit of {} failed; will retry at the next commit", rt.settings().id(), f.offsets, e);
            }
        });
    }

    private void finishTransaction(InFlight f, @Nullable Throwable error) {
        if (error == null) {
            recordCommit(f.offsets, f.state);
            return;
        }
        if (error instanceof ProducerFencedException fenced) {
            throw fenced;
        }
        transactionFailed(error);
    }

    /** A transaction did not commit (the producer aborted it): the worker reads again from the committed offsets. */
    private void transactionFailed(Throwable error) {
        log.warn("[{}] transaction commit failed; aborting and reading again from the committed offsets",
                rt.settings().id(), error);
        loop.requestRewind("transaction commit failed: " + error.getMessage());
    }

    /**
     * Exactly-once revocation: ends the transaction with every stream held at an event boundary
     * until it has ended, so no finished event's output is lost or left uncommitted. When the
     * streams cannot stop in time, or the commit fails, the worker rewinds instead.
     *
     * @param beforeLower run while the streams are still held
     */
    void endTransaction(TransportConsumer c, Runnable beforeLower) {
        finish(c, true);
        lastCommitNanos = System.nanoTime();
        TransportProducer p = rt.producer();
        CommitBarrier barrier = rt.commitBarrier();
        try {
            if (!barrier.raise(streamsIdle, BARRIER_TIMEOUT_NANOS)) {
                loop.requestRewind("streams did not reach an event boundary before the partitions were revoked");
                loop.rewindLocked(c, p);
                return;
            }
            if (loop.rewindReason() != null) {
                loop.rewindLocked(c, p);
                return;
            }
            Map<TP, Long> offsets = acks.commitOffsets();
            Object state = rt.sensors().onCommitInitiated();
            rt.publisher().publishAttached(offsets);
            try {
                p.commitTransaction(c, offsets);
            } catch (ProducerFencedException e) {
                throw e;
            } catch (RuntimeException e) {
                transactionFailed(e);
                loop.rewindLocked(c, p);
                return;
            }
            recordCommit(offsets, state);
        } finally {
            beforeLower.run();
            barrier.lower();
        }
    }

    /** A commit went through: trackers, monitor and sensors learn the new committed offsets. */
    private void recordCommit(Map<TP, Long> offsets, @Nullable Object state) {
        acks.markCommitted(offsets);
        offsets.forEach(rt.monitor()::setCommittedOffset);
        rt.sensors().onCommitCompleted(state);
    }
}
