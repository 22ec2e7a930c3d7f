package faust.internal;

import faust.transport.TransportConsumer;
import faust.transport.internal.AckTracker;
import java.util.function.BooleanSupplier;

/**
 * How the {@link ConsumerLoop} commits acked offsets every {@code broker_commit_interval} or
 * {@code broker_commit_every} acks, and what a rewind and a revocation do around a commit: one
 * protocol per processing guarantee, chosen once ({@link AtLeastOnceCommitter},
 * {@link TransactionalCommitter}). Called on the consumer thread only. One commit runs at a time;
 * a rebalance, a rewind or the stop settles it first.
 */
interface Committer {
    /**
     * @param rt the runtime
     * @param acks the consumer's ack tracking
     * @param streamsIdle whether every stream is at an event boundary (nothing in hand)
     * @param rewinder reads again from the committed offsets
     * @param wakeup makes the consumer thread look at the committer soon
     * @return the committer for the app's processing guarantee
     */
    static Committer create(AppRuntime rt, AckTracker acks, BooleanSupplier streamsIdle, Rewinder rewinder,
                            Runnable wakeup) {
        return rt.exactlyOnce()
                ? new TransactionalCommitter(rt, acks, streamsIdle, rewinder, wakeup)
                : new AtLeastOnceCommitter(rt, acks, streamsIdle, rewinder, wakeup);
    }

    /** Finishes a commit that is done, or starts one when it is due. */
    void maybeCommit(TransportConsumer c);

    /** Commits everything acked so far and waits for it (the loop stops). */
    void commitNow(TransportConsumer c);

    /** Carries out the rewind the {@link Rewinder} holds: settles the commit in flight, then reads again. */
    void rewind(TransportConsumer c);

    /**
     * Partitions are being revoked: commits what every stream has finished, then runs
     * {@code whileHeld} before the streams go on, so that nothing they finish afterwards is taken
     * for the old assignment.
     *
     * @param c the consumer
     * @param whileHeld run once the commit is done (the loop moves to the next generation)
     */
    void onRevoke(TransportConsumer c, Runnable whileHeld);
}
