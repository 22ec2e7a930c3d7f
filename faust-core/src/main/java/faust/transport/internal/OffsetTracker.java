package faust.transport.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Tracks acknowledged offsets of one assigned topic partition and decides which offset may be
 * committed.
 *
 * <p><b>Offsets.</b> Two kinds of offset appear here and are never mixed up:
 * <ul>
 *   <li>a <em>record offset</em> is the offset of one message ({@link #ack}, {@link #addGap},
 *       {@link #lastCommitted()});
 *   <li>a <em>commit offset</em> is what Kafka stores for the consumer group: the next offset to
 *       read, i.e. the last processed record offset + 1 ({@link #newOffset()},
 *       {@link #markCommitted}).
 * </ul>
 *
 * <p><b>Protocol.</b> Agent threads call {@link #ack} (or {@link #ackAll}) once a record is
 * processed; the fetch thread calls {@link #addGap} for offsets that will never be delivered
 * (compaction, transaction markers). The commit thread calls {@link #newOffset()}, which is a pure
 * query, commits that offset to Kafka, and only after the commit succeeds calls
 * {@link #markCommitted}; a failed commit therefore loses nothing.
 *
 * <p><b>Rule.</b> The commit offset advances over the run of consecutive acked or gap offsets that
 * starts right after {@link #lastCommitted()}, and stops at the first offset that is neither.
 * It never moves past a record that was delivered but not yet acked. This fixes an off-by-one in
 * Faust, whose committed value is the Kafka commit offset but was compared as if it were the last
 * processed record, so one unprocessed record at the head could be skipped.
 *
 * <p><b>Unknown committed offset.</b> When constructed with {@code null} (the group has never
 * committed this partition), the lowest offset seen so far (acked or gap) stands in for the head
 * until {@link #markCommitted} is called. A record below it that was delivered but not yet acked is
 * then invisible, so the runtime should pass {@code position - 1} (the fetch start minus one)
 * instead of {@code null} whenever it knows it.
 *
 * <p><b>Thread safety and cost.</b> All methods are thread-safe, guarded by one
 * {@link ReentrantLock} (not {@code synchronized}, so virtual threads are not pinned). An in-order
 * ack is O(1) and allocation-free; an out-of-order ack is O(log r) plus an array shift over r, the
 * number of holes. Memory is proportional to the number of holes in the uncommitted window, not to
 * the number of offsets, and is released as commits slide the window forward.
 *
 * <p>Internal API: see the {@linkplain faust.transport.internal package} notes.
 *
 * @see AckTracker
 */
public final class OffsetTracker {
    private final ReentrantLock lock = new ReentrantLock();
    private final OffsetRuns acked = new OffsetRuns();
    private final OffsetRuns gaps = new OffsetRuns();
    private boolean committedKnown;
    private long lastCommitted; // record offset; meaningful only when committedKnown
    private volatile boolean retired;
    /** New acks recorded so far; written under the lock, read without it ({@link #acksRecorded()}). */
    private long acksRecorded;
    private static final VarHandle ACKS_RECORDED;

    static {
        try {
            ACKS_RECORDED = MethodHandles.lookup().findVarHandle(OffsetTracker.class, "acksRecorded", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Creates a tracker for a newly assigned partition.
     *
     * @param lastCommitted the record offset of the last record known to be processed (Kafka's
     *     committed offset minus one; {@code -1} if the group committed offset 0), or {@code null}
     *     if unknown, see the class notes
     * @throws IllegalArgumentException if {@code lastCommitted < -1}
     */
    public OffsetTracker(@Nullable Long lastCommitted) {
        if (lastCommitted != null) {
            if (lastCommitted < -1) {
                throw new IllegalArgumentException(
                        "lastCommitted must be >= -1 (a record offset, or -1 for none), got " + lastCommitted);
            }
            this.committedKnown = true;
            this.lastCommitted = lastCommitted;
        }
    }

    /**
     * Records that one record was processed.
     *
     * <p>Offsets {@code <= lastCommitted()} and offsets already acked are ignored.
     *
     * @param offset the record offset
     * @return {@code true} if the ack was new and recorded
     * @throws IllegalArgumentException if {@code offset} is negative or {@code Long.MAX_VALUE}
     */
    public boolean ack(long offset) {
        checkOffset(offset);
        lock.lock();
        try {
            return ackLocked(offset);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records a batch of processed records under a single lock acquisition.
     *
     * <p>Each offset is treated as by {@link #ack(long)}; the batch may be in any order.
     *
     * @param offsets record offsets; only the first {@code count} are read
     * @param count how many entries of {@code offsets} to read
     * @return how many acks were new and recorded
     * @throws IllegalArgumentException if an offset is invalid (offsets before it are recorded)
     * @throws IndexOutOfBoundsException if {@code count} is negative or larger than the array
     */
    public int ackAll(long[] offsets, int count) {
        Objects.requireNonNull(offsets, "offsets");
        Objects.checkFromIndexSize(0, count, offsets.length);
        int recorded = 0;
        lock.lock();
        try {
            for (int i = 0; i < count; i++) {
                long offset = offsets[i];
                checkOffset(offset);
                if (ackLocked(offset)) {
                    recorded++;
                }
            }
        } finally {
            lock.unlock();
        }
        return recorded;
    }

    /**
     * Records offsets that will never be delivered (removed by compaction, or transaction
     * markers), so that the commit offset can move past them.
     *
     * <p>The range is <b>inclusive</b> at both ends, like Faust's {@code _add_gap(from, to)}. The
     * start is clamped to {@code lastCommitted() + 1}; if nothing is left the call does nothing.
     * For example, with {@code lastCommitted() == 299}, {@code addGap(300, 343)} covers the
     * half-open range {@code [300, 344)}; with {@code lastCommitted() == 400} it covers nothing.
     *
     * <p>Unlike Faust, which only merges gaps lying below the highest acked offset, a gap right
     * after the head advances {@link #newOffset()} even with no ack above it. That is safe: the
     * resulting commit offset is the offset of the record that revealed the gap, which will be read
     * again on restart.
     *
     * @param start the first missing record offset
     * @param endInclusive the last missing record offset
     * @throws IllegalArgumentException if {@code start} is negative or {@code endInclusive} is
     *     {@code Long.MAX_VALUE}; an {@code endInclusive} below {@code start} is an empty gap
     */
    public void addGap(long start, long endInclusive) {
        checkOffset(start);
        if (endInclusive == Long.MAX_VALUE) {
            throw new IllegalArgumentException("endInclusive must be < Long.MAX_VALUE, got " + endInclusive);
        }
        lock.lock();
        try {
            long from = committedKnown ? Math.max(start, lastCommitted + 1) : start;
            if (from <= endInclusive) {
                gaps.addRange(from, endInclusive + 1);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the Kafka commit offset that may be committed now, without changing any state.
     *
     * <p>The result is the first offset after the run of consecutive acked or gap offsets that
     * starts at {@code lastCommitted() + 1} (or, while {@code lastCommitted()} is unknown, at the
     * lowest offset seen). It is empty when that head offset is neither acked nor a gap (a hole at
     * the head), or when nothing is pending. Calling it repeatedly returns the same answer until
     * more acks or gaps arrive or {@link #markCommitted} is called.
     *
     * @return the commit offset (last processed record offset + 1), or empty if none may be
     *     committed
     */
    public OptionalLong newOffset() {
        lock.lock();
        try {
            long head;
            if (committedKnown) {
                head = lastCommitted + 1;
            } else if (acked.isEmpty()) {
                if (gaps.isEmpty()) {
                    return OptionalLong.empty();
                }
                head = gaps.first();
            } else {
                head = gaps.isEmpty() ? acked.first() : Math.min(acked.first(), gaps.first());
            }
            long end = head;
            while (true) { // alternate between the two sets until neither extends the run
                long next = gaps.runEndFrom(acked.runEndFrom(end));
                if (next == end) {
                    break;
                }
                end = next;
            }
            return end > head ? OptionalLong.of(end) : OptionalLong.empty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells the tracker that Kafka accepted a commit; call it only after the commit succeeded.
     *
     * <p>Sets {@code lastCommitted()} to {@code kafkaOffset - 1} and forgets every acked and gap
     * offset below {@code kafkaOffset}; later acks for those offsets are ignored. A commit offset
     * that does not move forward (a stale or repeated commit) is ignored, so the head never moves
     * backwards.
     *
     * @param kafkaOffset the commit offset that was committed (next offset to read)
     * @throws IllegalArgumentException if {@code kafkaOffset} is negative
     */
    public void markCommitted(long kafkaOffset) {
        if (kafkaOffset < 0) {
            throw new IllegalArgumentException("kafkaOffset must be >= 0, got " + kafkaOffset);
        }
        lock.lock();
        try {
            long processed = kafkaOffset - 1;
            if (committedKnown && processed <= lastCommitted) {
                return;
            }
            committedKnown = true;
            lastCommitted = processed;
            acked.removeBelow(kafkaOffset);
            gaps.removeBelow(kafkaOffset);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a commit offset is worth committing: Faust's {@code _should_commit}.
     *
     * @param offset a candidate commit offset (next offset to read)
     * @param committed the commit offset already committed, or {@code null} if none
     * @return {@code true} if {@code committed} is {@code null} or {@code offset > committed}
     */
    public static boolean shouldCommit(long offset, @Nullable Long committed) {
        return committed == null || offset > committed;
    }

    /**
     * Returns the number of acked records not yet covered by a commit. Gap offsets are not
     * counted.
     *
     * @return acked but uncommitted record count
     */
    public long pendingCount() {
        lock.lock();
        try {
            return acked.cardinality();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the record offset of the last record known to be processed: the value given at
     * construction, then {@code kafkaOffset - 1} of the latest {@link #markCommitted}.
     *
     * @return the last committed record offset, or {@code null} if unknown
     */
    public @Nullable Long lastCommitted() {
        lock.lock();
        try {
            return committedKnown ? lastCommitted : null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the commit offset already committed ({@code lastCommitted() + 1}), the value to pass
     * as {@code committed} to {@link #shouldCommit}.
     *
     * @return the committed Kafka offset, or {@code null} if unknown
     */
    public @Nullable Long committedOffset() {
        lock.lock();
        try {
            return committedKnown ? lastCommitted + 1 : null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "OffsetTracker{lastCommitted=" + (committedKnown ? lastCommitted : "unknown")
                    + ", pending=" + acked.cardinality() + ", ackRuns=" + acked.runCount()
                    + ", gapRuns=" + gaps.runCount() + "}";
        } finally {
            lock.unlock();
        }
    }

    /** Acked, uncommitted record offsets, ascending. For tests. */
    long[] pendingOffsets() {
        lock.lock();
        try {
            return acked.toArray();
        } finally {
            lock.unlock();
        }
    }

    /** Runs the two backing arrays can hold: the tracker's memory footprint. For tests. */
    int capacityRuns() {
        lock.lock();
        try {
            return acked.capacity() + gaps.capacity();
        } finally {
            lock.unlock();
        }
    }

    /** Gap offsets not yet committed, ascending. For tests. */
    long[] gapOffsets() {
        lock.lock();
        try {
            return gaps.toArray();
        } finally {
            lock.unlock();
        }
    }

    /** Marks this tracker as replaced or removed by its {@link AckTracker}, which then stops handing it out. */
    void retire() {
        retired = true;
    }

    /** @return whether {@link #retire()} was called */
    boolean retired() {
        return retired;
    }

    private boolean ackLocked(long offset) {
        if (committedKnown && offset <= lastCommitted) {
            return false;
        }
        if (!acked.add(offset)) {
            return false;
        }
        ACKS_RECORDED.setOpaque(this, acksRecorded + 1);    // one writer at a time (the lock); readers need no fence
        return true;
    }

    /**
     * How many new acks this tracker has recorded since it was created; never decreases. Read
     * without the lock, so it may lag a concurrent {@link #ack} slightly.
     *
     * @return acks recorded
     */
    long acksRecorded() {
        return (long) ACKS_RECORDED.getOpaque(this);
    }

    private static void checkOffset(long offset) {
        if (offset < 0 || offset == Long.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "offset must be a Kafka record offset in [0, Long.MAX_VALUE), got " + offset);
        }
    }
}
