package faust.internal;

import faust.errors.ProducerFencedException;
import faust.stream.internal.CommitBarrier;
import faust.topic.TP;
import faust.transport.TransportConsumer;
import faust.transport.TransportProducer;
import faust.transport.internal.AckTracker;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once commits: every stream stops at an event boundary ({@link CommitBarrier}), the
 * acked offsets are taken and the transaction is sealed ({@link HeldSends}); the streams go on at
 * once, and the transaction (output plus offsets) commits on another thread. Sends made meanwhile
 * enter the next transaction, or are dropped when the commit fails and the worker reads those
 * events again. A rewind aborts the open transaction with the streams held at the barrier.
 */
final class TransactionalCommitter extends AbstractCommitter {
    private static final Logger log = LoggerFactory.getLogger(TransactionalCommitter.class);
    /** How long a commit or rewind waits for every stream to reach an event boundary. */
    static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(5);
    private static final long BARRIER_TIMEOUT_NANOS = BARRIER_TIMEOUT.toNanos();
    /** Sends held for the next transaction beyond which the consumer thread waits for the commit. */
    static final int MAX_HELD_SENDS = 100_000;

    private final CommitBarrier barrier;
    private int postponedCommits;

    TransactionalCommitter(AppRuntime rt, AckTracker acks, BooleanSupplier streamsIdle, Rewinder rewinder,
                           Runnable wakeup) {
        super(rt, acks, streamsIdle, rewinder, wakeup);
        this.barrier = rt.commitBarrier();
    }

    @Override
    protected boolean mustFinish() {
        return rt.publisher().heldSends().count() > MAX_HELD_SENDS;
    }

    @Override
    protected void begin(TransportConsumer c) {
        TransportProducer p = rt.producer();
        try {
            if (!barrier.raise(streamsIdle, BARRIER_TIMEOUT_NANOS)) {
                postponed();
                return;
            }
            if (rewinder.pending() != null) {
                abortAndRewind(c);
                return;
            }
            postponedCommits = 0;
            Map<TP, Long> offsets = acks.commitOffsets();
            Object state = rt.sensors().onCommitInitiated();
            rt.publisher().publishAttached(offsets);
            rt.transactionListener().beforeCommit();     // buffered table writes join the transaction being sealed
            rt.publisher().heldSends().seal();
            rt.transactionListener().sealed();
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
        rt.transactionListener().committed();
        String rewind = rewinder.pending();
        if (rewind != null) {
            held.drop(rewind);
        } else {
            held.open(p);
        }
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

    @Override
    protected void finished(TransportConsumer c, InFlight f, @Nullable Throwable error, boolean sync) {
        if (error == null) {
            recordCommit(f.offsets(), f.state());
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
        rewinder.request("transaction commit failed: " + error.getMessage());
    }

    /**
     * A transaction in flight is waited for, since its output and offsets agree (what was held for
     * the next one is dropped); then the open transaction is aborted with every stream held.
     */
    @Override
    public void rewind(TransportConsumer c) {
        finish(c, true);
        try {
            barrier.raise(streamsIdle, BARRIER_TIMEOUT_NANOS);
            abortAndRewind(c);
        } finally {
            barrier.lower();
        }
    }

    /** With the barrier raised: aborts the open transaction and reads again from the committed offsets. */
    private void abortAndRewind(TransportConsumer c) {
        String reason = rewinder.take();
        log.warn("[{}] exactly-once: aborting the open transaction and reading again from the committed offsets ({})",
                rt.settings().id(), reason);
        try {
            rt.publisher().abortTransaction();
        } catch (ProducerFencedException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("[{}] abort failed", rt.settings().id(), e);
        }
        rt.transactionListener().rolledBack();
        rewinder.seekToCommitted(c);
    }

    /**
     * Ends the transaction with every stream held at an event boundary until it has ended, so no
     * finished event's output is lost or left uncommitted. When the streams cannot stop in time, or
     * the commit fails, the worker rewinds instead.
     */
    @Override
    public void onRevoke(TransportConsumer c, Runnable whileHeld) {
        finish(c, true);
        lastCommitNanos = System.nanoTime();
        TransportProducer p = rt.producer();
        try {
            if (!barrier.raise(streamsIdle, BARRIER_TIMEOUT_NANOS)) {
                rewinder.request("streams did not reach an event boundary before the partitions were revoked");
                abortAndRewind(c);
                return;
            }
            if (rewinder.pending() != null) {
                abortAndRewind(c);
                return;
            }
            Map<TP, Long> offsets = acks.commitOffsets();
            Object state = rt.sensors().onCommitInitiated();
            rt.publisher().publishAttached(offsets);
            rt.transactionListener().beforeCommit();
            rt.transactionListener().sealed();
            try {
                p.commitTransaction(c, offsets);
            } catch (ProducerFencedException e) {
                throw e;
            } catch (RuntimeException e) {
                transactionFailed(e);
                abortAndRewind(c);
                return;
            }
            rt.transactionListener().committed();
            recordCommit(offsets, state);
        } finally {
            whileHeld.run();
            barrier.lower();
        }
    }
}
