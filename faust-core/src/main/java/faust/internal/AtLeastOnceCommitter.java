package faust.internal;

import faust.settings.StreamSettings;
import faust.topic.TP;
import faust.transport.TransportConsumer;
import faust.transport.internal.AckTracker;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once commits: the acked offsets are taken; another thread waits until every send made
 * so far has completed ({@link InFlightSends}: durable, without flushing the producer, so batches
 * still fill); then the offsets are committed, unless a send failed, in which case the worker reads
 * those events again.
 */
final class AtLeastOnceCommitter extends AbstractCommitter {
    private static final Logger log = LoggerFactory.getLogger(AtLeastOnceCommitter.class);
    /** Longest wait at a revocation for the streams to finish the events in hand ({@code stream_wait_empty}). */
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(30);

    private final boolean waitEmpty;

    AtLeastOnceCommitter(AppRuntime rt, AckTracker acks, BooleanSupplier streamsIdle, Rewinder rewinder, Runnable wakeup) {
        super(rt, acks, streamsIdle, rewinder, wakeup);
        this.waitEmpty = rt.settings().get(StreamSettings.STREAM_WAIT_EMPTY);
    }

    @Override
    protected void begin(TransportConsumer c) {
        Map<TP, Long> offsets = acks.commitOffsets();
        rt.transactionListener().beforeCommit();     // buffered table writes of those events: sent in this epoch
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

    @Override
    protected void finished(TransportConsumer c, InFlight f, @Nullable Throwable error, boolean sync) {
        if (error != null) {
            log.warn("[{}] waiting for the sends before committing {} failed; will retry at the next commit",
                    rt.settings().id(), f.offsets(), error);
            return;
        }
        if (rewinder.pending() != null) {
            return;                // a send failed: nothing past the last commit may be committed; the loop rewinds
        }
        if (sync) {
            try {
                c.commit(f.offsets());
                recordCommit(f.offsets(), f.state());
            } catch (RuntimeException e) {
                log.warn("[{}] commit of {} failed; will retry at the next commit", rt.settings().id(), f.offsets(), e);
            }
            return;
        }
        c.commitAsync(f.offsets(), e -> {
            if (e == null) {
                recordCommit(f.offsets(), f.state());
            } else {
                log.warn("[{}] commit of {} failed; will retry at the next commit", rt.settings().id(), f.offsets(), e);
            }
        });
    }

    /** A flush in flight is abandoned: its offsets may cover an event whose send failed, and must never commit. */
    @Override
    public void rewind(TransportConsumer c) {
        inFlight = null;
        String reason = rewinder.take();
        log.warn("[{}] reading again from the committed offsets so nothing is lost ({})", rt.settings().id(), reason);
        rewinder.seekToCommitted(c);
    }

    /** With {@code stream_wait_empty}, waits for the events in hand to finish, then commits and waits for the broker. */
    @Override
    public void onRevoke(TransportConsumer c, Runnable whileHeld) {
        if (waitEmpty) {
            long deadline = System.nanoTime() + REVOKE_WAIT.toNanos();
            while (!streamsIdle.getAsBoolean() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        commitNow(c);
        whileHeld.run();      // anything still in hand belongs to the next owner now
    }
}
