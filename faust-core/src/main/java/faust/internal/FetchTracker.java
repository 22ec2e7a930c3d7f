package faust.internal;

import faust.topic.TP;
import faust.transport.TrackedMessage;
import faust.transport.internal.AckTracker;
import java.util.HashMap;
import java.util.Map;

/**
 * What the consumer thread knows of each assigned partition's fetching, in one state object per
 * partition: the offset of the last record fetched, from which it finds offsets that will never
 * come (gaps). A partition's ack tracking starts at the first record fetched from it after
 * assignment, so no committed offset needs asking for. Called on the consumer thread only; the
 * {@link AckTracker} it feeds is shared with the streams.
 */
final class FetchTracker {
    /** One assigned partition that has been fetched from (or sought) since assignment. */
    private static final class PartitionState {
        /** Offset of the last record fetched, or the offset before the one reading starts at. */
        long lastFetched;

        PartitionState(long lastFetched) {
            this.lastFetched = lastFetched;
        }
    }

    private final AckTracker acks;
    private final Map<TP, PartitionState> partitions = new HashMap<>();

    FetchTracker(AckTracker acks) {
        this.acks = acks;
    }

    /**
     * A fetched batch of one partition: its first batch since assignment starts the partition's ack
     * tracking; offsets skipped since the last fetch (transaction markers, aborted or
     * compacted-away records) are recorded as gaps, as they will never be acked.
     *
     * @param tp the partition
     * @param msgs the batch, in offset order, not empty
     */
    void fetched(TP tp, TrackedMessage[] msgs) {
        PartitionState state = partitions.get(tp);
        if (state == null) {
            long base = msgs[0].offset() - 1;
            acks.assign(tp, base);
            state = new PartitionState(base);
            partitions.put(tp, state);
        }
        long prev = state.lastFetched;
        for (TrackedMessage m : msgs) {
            long off = m.offset();
            if (off > prev + 1) {
                acks.addGap(tp, prev + 1, off - 1);
            }
            prev = off;
        }
        state.lastFetched = prev;
    }

    /**
     * Reading of a partition starts again at {@code next} (a rewind): its ack tracking restarts
     * there, and offsets skipped from there on are gaps.
     *
     * @param tp the partition
     * @param next the next offset to read
     */
    void restart(TP tp, long next) {
        acks.assign(tp, next - 1);
        partitions.put(tp, new PartitionState(next - 1));
    }

    /**
     * Forgets a partition: revoked, or sought back with no committed offset (its tracking then
     * starts again at the first record fetched).
     *
     * @param tp the partition
     */
    void forget(TP tp) {
        acks.revoke(tp);
        partitions.remove(tp);
    }
}
