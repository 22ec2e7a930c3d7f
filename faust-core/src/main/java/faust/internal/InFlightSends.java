package faust.internal;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * At-least-once: counts the sends in flight, by epoch, so that a commit can wait for every send
 * made before it instead of flushing the producer. A flush ends every open batch at once; many
 * commits a second (one every {@code broker_commit_every} acks) then cut the producer's batches
 * short and cost the client and the broker a good share of their CPU. Waiting lets batches fill
 * for {@code producer_linger_ms} as usual.
 *
 * <p>The committer {@linkplain #flip flips} the epoch once it has taken the offsets to commit
 * (and published what {@code stream_publish_on_commit} held), then waits until the old epoch is
 * {@linkplain #drained drained}. Every send made for an event whose offset it took began before
 * the event was acked, so before the flip, and is counted in the old epoch. A send that reads the
 * epoch just before a flip and counts itself just after is waited for as well, or counted towards
 * a later epoch with the same parity: each send ends on the counter pair it began on, and every
 * earlier send of that parity has ended, so the counts stay exact. Two counters suffice because one commit runs at a time and each waits for its epoch
 * to drain before the next flip.
 */
final class InFlightSends extends InFlightSendsPad {
    private static final long SAFETY_PARK_NANOS = 20_000_000L;

    /** @return the epoch the send counts in; hand it to {@link #end} when the send completes */
    int begin() {
        int e = epoch;
        begun(e).increment();
        return e;
    }

    /** @param epoch what {@link #begin} returned for this send, which has now completed or failed */
    void end(int epoch) {
        ended(epoch).increment();
        if (awaited == epoch) {          // only the sends of an epoch a commit waits for do more
            Thread w = waiter;
            if (w != null && drained(epoch)) {
                LockSupport.unpark(w);
            }
        }
    }

    /**
     * Blocks until every send counted in {@code epoch} has completed. The last send to complete
     * wakes the caller, so waiting costs no polling; a bounded park covers a wake-up that raced.
     * One caller at a time (the committer).
     *
     * @param epoch an epoch {@link #flip} returned
     */
    void awaitDrained(int epoch) {
        waiter = Thread.currentThread();
        awaited = epoch;           // written before drained() reads the counts; end() counts before it reads this
        try {
            while (!drained(epoch)) {
                LockSupport.parkNanos(this, SAFETY_PARK_NANOS);
            }
        } finally {
            awaited = -1;
            waiter = null;
        }
    }

    /** @return the epoch that just ended: the one whose sends a commit must wait for */
    int flip() {
        int e = epoch;
        epoch = e + 1;
        return e;
    }

    /**
     * @param epoch an epoch {@link #flip} returned
     * @return whether every send counted in it has completed
     */
    boolean drained(int epoch) {
        // Ends first: a send that begins between the two reads makes them differ, never look done.
        long e = ended(epoch).sum();
        return e == begun(epoch).sum();
    }

    private LongAdder begun(int epoch) {
        return (epoch & 1) == 0 ? begun0 : begun1;
    }

    private LongAdder ended(int epoch) {
        return (epoch & 1) == 0 ? ended0 : ended1;
    }

    /**
     * A {@link LongAdder} followed by 128 bytes of padding (a subclass's fields are laid out after
     * its superclass's), so that whatever is allocated or copied next does not share its cache
     * lines: its base is written by one thread on every send or completion.
     */
    @SuppressWarnings("unused")
    static final class PaddedAdder extends LongAdder {
        long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
    }
}

/**
 * The state of {@link InFlightSends} that every send and every completion reads, and that only a
 * commit writes. Begins and ends are counted apart, each only ever incremented: senders write one
 * counter, the producer's I/O thread the other. Each counter is padded and so is this object, so
 * that no two of them, nor these fields, share a cache line: otherwise, depending on where the heap
 * placed them, each send and each completion would fetch the line from the other thread's core (a
 * two-thread test of begin against end measured 3 ns a call padded, 3-12 ns unpadded).
 */
abstract class InFlightSendsState {
    final LongAdder begun0 = new InFlightSends.PaddedAdder();
    final LongAdder begun1 = new InFlightSends.PaddedAdder();
    final LongAdder ended0 = new InFlightSends.PaddedAdder();
    final LongAdder ended1 = new InFlightSends.PaddedAdder();
    volatile int epoch;
    /** The epoch a committer waits for in {@link InFlightSends#awaitDrained}, or -1; with {@link #waiter}, read by every end. */
    volatile int awaited = -1;
    volatile @Nullable Thread waiter;
}

/** 128 bytes after {@link InFlightSendsState}'s fields. */
@SuppressWarnings("unused")
abstract class InFlightSendsPad extends InFlightSendsState {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}
