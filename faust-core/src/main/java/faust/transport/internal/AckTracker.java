package faust.transport.internal;

import faust.topic.TP;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The {@link OffsetTracker}s of one consumer, one per assigned topic partition.
 *
 * <p>The runtime calls {@link #assign} and {@link #revoke} on rebalance, {@link #ack} from agent
 * threads, and, on the commit thread, {@link #commitOffsets()} followed (after Kafka accepted the
 * commit) by {@link #markCommitted}. A commit is due every {@code broker_commit_interval}, or
 * sooner once {@link #acksSinceCommit()} reaches {@code broker_commit_every}.
 *
 * <p>Thread-safe: the partition map is concurrent and each tracker has its own lock, so acks for
 * different partitions do not contend (each tracker also counts its own acks for {@link #acksSinceCommit()}).
 *
 * <p>Internal API: see the {@linkplain faust.transport.internal package} notes.
 *
 * @see OffsetTracker
 */
public final class AckTracker {
    private final ConcurrentHashMap<TP, OffsetTracker> trackers = new ConcurrentHashMap<>();
    /**
     * {@link #recordedNow()} when the last commit started: the count trigger compares against it.
     * Acks are counted by each tracker under the lock it takes anyway, so an ack costs no shared
     * counter.
     */
    private volatile long recordedAtCommit;
    /**
     * The tracker the last lookup found. An agent acks a run of events of one partition at a time
     * (a fetched batch), so most acks find their tracker here instead of in the map. A tracker that
     * was replaced or removed is {@linkplain OffsetTracker#retired() retired} and never served from here.
     */
    private volatile @Nullable Hit lastHit;

    private record Hit(TP tp, OffsetTracker tracker) {}

    /** Creates a tracker with no partitions assigned. */
    public AckTracker() {}

    /**
     * Starts tracking a newly assigned partition, replacing any earlier tracker for it.
     *
     * @param tp the partition
     * @param lastCommitted the record offset of the last processed record (Kafka's committed offset
     *     minus one), or {@code null} if unknown; see {@link OffsetTracker#OffsetTracker(Long)}
     * @throws IllegalArgumentException if {@code lastCommitted < -1}
     */
    public void assign(TP tp, @Nullable Long lastCommitted) {
        Objects.requireNonNull(tp, "tp");
        OffsetTracker old = trackers.put(tp, new OffsetTracker(lastCommitted));
        if (old != null) {
            leave(old);
        }
    }

    /**
     * Stops tracking a revoked partition. Later acks, gaps and commit confirmations for it are
     * ignored until it is assigned again.
     *
     * @param tp the partition
     */
    public void revoke(TP tp) {
        Objects.requireNonNull(tp, "tp");
        OffsetTracker old = trackers.remove(tp);
        if (old != null) {
            leave(old);
        }
    }

    /**
     * Records that one record was processed; see {@link OffsetTracker#ack(long)}.
     *
     * @param tp the record's partition
     * @param offset the record offset
     * @return {@code true} if the ack was new and recorded; {@code false} if it was a duplicate,
     *     already committed, or for a partition that is not assigned
     * @throws IllegalArgumentException if {@code offset} is not a valid record offset
     */
    public boolean ack(TP tp, long offset) {
        OffsetTracker tracker = trackerFor(tp);
        return tracker != null && tracker.ack(offset);
    }

    /** A tracker stops serving acks; its count leaves the sum, so the baseline drops with it. */
    private void leave(OffsetTracker old) {
        old.retire();
        long base = recordedAtCommit;
        recordedAtCommit = base - old.acksRecorded();
    }

    private @Nullable OffsetTracker trackerFor(TP tp) {
        Hit h = lastHit;
        if (h != null && (h.tp == tp || h.tp.equals(tp)) && !h.tracker.retired()) {
            return h.tracker;
        }
        OffsetTracker t = trackers.get(tp);
        if (t != null) {
            lastHit = new Hit(tp, t);
        }
        return t;
    }

    /**
     * Records a batch of processed records of one partition under one lock acquisition; see
     * {@link OffsetTracker#ackAll(long[], int)}.
     *
     * @param tp the records' partition
     * @param offsets record offsets; only the first {@code count} are read
     * @param count how many entries of {@code offsets} to read
     * @return how many acks were new and recorded (0 if {@code tp} is not assigned)
     * @throws IllegalArgumentException if an offset is not a valid record offset
     * @throws IndexOutOfBoundsException if {@code count} is out of range
     */
    public int ackAll(TP tp, long[] offsets, int count) {
        OffsetTracker tracker = trackers.get(tp);
        if (tracker == null) {
            return 0;
        }
        return tracker.ackAll(offsets, count);
    }

    /**
     * Records offsets of a partition that will never be delivered; see
     * {@link OffsetTracker#addGap(long, long)}. Ignored if {@code tp} is not assigned.
     *
     * @param tp the partition
     * @param start the first missing record offset
     * @param endInclusive the last missing record offset (inclusive)
     * @throws IllegalArgumentException if the offsets are invalid
     */
    public void addGap(TP tp, long start, long endInclusive) {
        OffsetTracker tracker = trackers.get(tp);
        if (tracker != null) {
            tracker.addGap(start, endInclusive);
        }
    }

    /**
     * Returns the offsets to commit now, without changing any state: for every assigned partition
     * whose {@link OffsetTracker#newOffset()} passes {@link OffsetTracker#shouldCommit}, its Kafka
     * commit offset (next offset to read).
     *
     * @return an unmodifiable map sorted by partition; empty if nothing needs committing
     */
    public Map<TP, Long> commitOffsets() {
        TreeMap<TP, Long> out = new TreeMap<>();
        trackers.forEach((tp, tracker) -> {
            OptionalLong offset = tracker.newOffset();
            if (offset.isPresent() && OffsetTracker.shouldCommit(offset.getAsLong(), tracker.committedOffset())) {
                out.put(tp, offset.getAsLong());
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * Applies a successful commit: calls {@link OffsetTracker#markCommitted(long)} for each
     * partition still assigned (revoked ones are skipped) and resets {@link #acksSinceCommit()}.
     *
     * @param committed the Kafka commit offsets that were committed, usually the result of
     *     {@link #commitOffsets()}
     * @throws IllegalArgumentException if an offset is negative
     */
    public void markCommitted(Map<TP, Long> committed) {
        Objects.requireNonNull(committed, "committed");
        committed.forEach((tp, offset) -> {
            OffsetTracker tracker = trackers.get(tp);
            if (tracker != null) {
                tracker.markCommitted(offset);
            }
        });
        recordedAtCommit = recordedNow();
    }

    /**
     * Starts counting acks from zero when a commit begins: with the commit running beside the
     * consumer thread, waiting for {@link #markCommitted} would start commit after commit on
     * the acks the running one already covers.
     */
    public void commitStarted() {
        recordedAtCommit = recordedNow();
    }

    /**
     * Returns the number of new acks recorded since the last {@link #markCommitted} or
     * {@link #commitStarted}, so the
     * runtime can commit early every {@code broker_commit_every} acks. Acks that race with a
     * commit may be counted towards either side of it.
     *
     * @return new acks since the last commit
     */
    public int acksSinceCommit() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, recordedNow() - recordedAtCommit));
    }

    /** @return the acks recorded by the trackers assigned now (a tracker that leaves takes its count along) */
    private long recordedNow() {
        long n = 0;
        for (OffsetTracker t : trackers.values()) {
            n += t.acksRecorded();
        }
        return n;
    }

    /**
     * Returns the tracker of an assigned partition, for introspection (sensors, tests).
     *
     * @param tp the partition
     * @return its tracker, or {@code null} if {@code tp} is not assigned
     */
    public @Nullable OffsetTracker tracker(TP tp) {
        return trackers.get(tp);
    }

    /**
     * The first offset of a partition not known to be processed: every record below it was acked,
     * skipped as a gap, or committed.
     *
     * @param tp the partition
     * @return that offset, or {@code null} if {@code tp} is not tracked or nothing is known of it yet
     */
    public @Nullable Long processedUpTo(TP tp) {
        OffsetTracker t = trackers.get(tp);
        if (t == null) {
            return null;
        }
        OptionalLong next = t.newOffset();
        Long committed = t.committedOffset();
        if (next.isPresent()) {
            return committed == null ? next.getAsLong() : Math.max(next.getAsLong(), committed);
        }
        return committed;
    }

    /**
     * Returns the partitions currently assigned.
     *
     * @return an unmodifiable snapshot
     */
    public Set<TP> assigned() {
        return Set.copyOf(trackers.keySet());
    }
}
