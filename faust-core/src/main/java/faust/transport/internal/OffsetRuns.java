package faust.transport.internal;

import java.util.Arrays;

/**
 * A set of non-negative offsets stored as sorted runs {@code [start, end)}.
 *
 * <p>Runs are kept disjoint and never adjacent (touching runs are merged), in one interleaved
 * {@code long[]}: {@code runs[2i]} is the start and {@code runs[2i + 1]} the exclusive end of run
 * {@code i}. Acks arrive mostly in order, so the common case extends the last run in O(1) without
 * allocating; out-of-order offsets cost a binary search plus an array shift over the runs after
 * them. Memory is proportional to the number of holes, not the number of offsets.
 *
 * <p>Not thread-safe: {@link OffsetTracker} guards it with its lock.
 */
final class OffsetRuns {
    private static final int MIN_RUNS = 8;

    private long[] runs = new long[2 * MIN_RUNS];
    private int count; // number of runs
    private long cardinality; // number of offsets in all runs

    boolean isEmpty() {
        return count == 0;
    }

    /** Number of offsets in the set. */
    long cardinality() {
        return cardinality;
    }

    /** Number of runs. */
    int runCount() {
        return count;
    }

    /** Number of runs the backing array can hold before it grows. */
    int capacity() {
        return runs.length / 2;
    }

    /** The smallest offset; the set must not be empty. */
    long first() {
        assert count > 0;
        return runs[0];
    }

    /**
     * Adds one offset.
     *
     * @return {@code true} if it was not present
     */
    boolean add(long offset) {
        if (count > 0) {
            int lastEnd = 2 * count - 1;
            if (offset == runs[lastEnd]) { // in order: extend the last run
                runs[lastEnd] = offset + 1;
                cardinality++;
                return true;
            }
            if (offset > runs[lastEnd]) { // past every run: append
                insertRun(count, offset, offset + 1);
                cardinality++;
                return true;
            }
        }
        int i = floorRun(offset);
        if (i >= 0 && offset < end(i)) {
            return false;
        }
        boolean joinsPrev = i >= 0 && end(i) == offset;
        boolean joinsNext = i + 1 < count && start(i + 1) == offset + 1;
        if (joinsPrev && joinsNext) {
            runs[2 * i + 1] = end(i + 1);
            removeRuns(i + 1, i + 2);
        } else if (joinsPrev) {
            runs[2 * i + 1] = offset + 1;
        } else if (joinsNext) {
            runs[2 * (i + 1)] = offset;
        } else {
            insertRun(i + 1, offset, offset + 1);
        }
        cardinality++;
        return true;
    }

    /**
     * Adds every offset in {@code [start, end)}.
     *
     * @return how many of them were not present
     */
    long addRange(long start, long end) {
        if (start >= end) {
            return 0;
        }
        // Runs lo..hi overlap or touch [start, end); they merge into one run.
        int lo = firstRunEndingAtOrAfter(start);
        int hi = floorRun(end); // last run with start <= end
        if (lo > hi) {
            insertRun(lo, start, end);
            cardinality += end - start;
            return end - start;
        }
        long mergedStart = Math.min(start, start(lo));
        long mergedEnd = Math.max(end, end(hi));
        long before = 0;
        for (int i = lo; i <= hi; i++) {
            before += end(i) - start(i);
        }
        runs[2 * lo] = mergedStart;
        runs[2 * lo + 1] = mergedEnd;
        removeRuns(lo + 1, hi + 1);
        long added = (mergedEnd - mergedStart) - before;
        cardinality += added;
        return added;
    }

    /** If {@code offset} is in a run, the exclusive end of that run; otherwise {@code offset}. */
    long runEndFrom(long offset) {
        int i = floorRun(offset);
        return i >= 0 && offset < end(i) ? end(i) : offset;
    }

    /**
     * Removes every offset below {@code bound}.
     *
     * @return how many were removed
     */
    long removeBelow(long bound) {
        int drop = 0;
        long removed = 0;
        while (drop < count && end(drop) <= bound) {
            removed += end(drop) - start(drop);
            drop++;
        }
        if (drop < count && start(drop) < bound) {
            removed += bound - start(drop);
            runs[2 * drop] = bound;
        }
        removeRuns(0, drop);
        cardinality -= removed;
        maybeShrink();
        return removed;
    }

    /** Every offset in the set, ascending. For tests and debugging only. */
    long[] toArray() {
        long[] out = new long[Math.toIntExact(cardinality)];
        int k = 0;
        for (int i = 0; i < count; i++) {
            for (long o = start(i); o < end(i); o++) {
                out[k++] = o;
            }
        }
        return out;
    }

    private long start(int run) {
        return runs[2 * run];
    }

    private long end(int run) {
        return runs[2 * run + 1];
    }

    /** Index of the last run whose start is {@code <= offset}, or -1. */
    private int floorRun(long offset) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (start(mid) <= offset) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    /** Index of the first run whose end is {@code >= offset}, or {@code count}. */
    private int firstRunEndingAtOrAfter(long offset) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (end(mid) < offset) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void insertRun(int at, long start, long end) {
        if (2 * (count + 1) > runs.length) {
            runs = Arrays.copyOf(runs, runs.length * 2);
        }
        System.arraycopy(runs, 2 * at, runs, 2 * (at + 1), 2 * (count - at));
        runs[2 * at] = start;
        runs[2 * at + 1] = end;
        count++;
    }

    /** Removes runs {@code [from, to)}. */
    private void removeRuns(int from, int to) {
        if (from >= to) {
            return;
        }
        System.arraycopy(runs, 2 * to, runs, 2 * from, 2 * (count - to));
        count -= to - from;
    }

    // A burst of out-of-order acks may have grown the array; give the memory back once it drains.
    private void maybeShrink() {
        int capacity = capacity();
        if (capacity > MIN_RUNS && count < capacity / 4) {
            int target = Math.max(MIN_RUNS, Integer.highestOneBit(Math.max(1, count)) * 2);
            runs = Arrays.copyOf(runs, 2 * target);
        }
    }
}
