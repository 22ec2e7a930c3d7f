package faust.table.internal;

import faust.stream.Headers;
import faust.window.WindowRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The windows of one partition of a windowed table: which keys each window holds, ordered by the
 * window's end, split into windows still open and windows closed but not yet deleted; the
 * partition's stream time; and the clock up to which closes were emitted ({@code closedThrough}),
 * which every changelog record of the partition carries in a header so that recovery knows which
 * windows closed before. Thread-safe (one lock per partition).
 */
final class PartitionWindows {
    /** Earlier ends first, then earlier starts. */
    static final Comparator<WindowRange> BY_END = Comparator.comparing(WindowRange::end).thenComparing(WindowRange::start);
    static final long NONE = Long.MIN_VALUE;

    /** A window due at a close pass: its keys as stored, whether it closes now, whether it is deleted now. */
    record Due(WindowRange range, List<Overlay.Key> keys, boolean closes, boolean deletes) {}

    private final TreeMap<WindowRange, Set<Overlay.Key>> open = new TreeMap<>(BY_END);
    private final TreeMap<WindowRange, Set<Overlay.Key>> closed = new TreeMap<>(BY_END);
    private long streamTime = NONE;
    private long closedThrough = NONE;
    /** The clock up to which closes are remembered in the changelog (at-least-once: once their results were acknowledged). */
    private long durable = NONE;
    private long lastWriteWall;
    /** The headers carrying {@link #closedThrough}, made again when it moves. */
    private Headers clockHeaders = Headers.empty();
    private long clockHeadersFor = NONE;
    /** Exactly-once: the clocks as of the transaction being committed, and as of the last that did. */
    private long sealedStream = NONE;
    private long sealedClosed = NONE;
    private long committedStream = NONE;
    private long committedClosed = NONE;

    /** @param wallNow the wall clock now, from which a quiet partition's idle time counts */
    PartitionWindows(long wallNow) {
        this.lastWriteWall = wallNow;
    }

    /**
     * A write's timestamp advances the stream time.
     *
     * @param t the write's timestamp
     * @param wallNow the wall clock
     * @return the stream time after it
     */
    synchronized long observe(long t, long wallNow) {
        streamTime = Math.max(streamTime, t);
        lastWriteWall = wallNow;
        return streamTime;
    }

    /** @return the changelog headers carrying the clock closes are remembered through, none before the first */
    synchronized Headers clockHeaders() {
        if (clockHeadersFor != durable) {
            clockHeaders = Headers.ofStrings(Map.of(AbstractWindowedTable.CLOCK_HEADER, Long.toString(durable)));
            clockHeadersFor = durable;
        }
        return clockHeaders;
    }

    /** @param clock the closes up to it may be remembered: the changelog records written from now on carry it */
    synchronized void confirm(long clock) {
        durable = Math.max(durable, clock);
    }

    /**
     * @param range a window
     * @param clock the partition's clock now (stream time, or the wall clock)
     * @param grace the grace in milliseconds
     * @return whether a write to it is late: it has closed, or closes at the next pass
     */
    synchronized boolean isLate(WindowRange range, long clock, long grace) {
        long closesAt = range.end().toEpochMilli() + grace;
        return closesAt <= clock || closesAt <= closedThrough || closed.containsKey(range);
    }

    /**
     * @param range a window
     * @param key a key written to it, as stored
     * @return whether the window did not hold the key before
     */
    synchronized boolean add(WindowRange range, Overlay.Key key) {
        Set<Overlay.Key> keys = closed.get(range);
        return (keys != null ? keys : open.computeIfAbsent(range, r -> new HashSet<>())).add(key);
    }

    /**
     * Recovery read a tombstone.
     *
     * @param range a window
     * @param key a key deleted from it, as stored
     */
    synchronized void remove(WindowRange range, Overlay.Key key) {
        for (TreeMap<WindowRange, Set<Overlay.Key>> m : List.of(open, closed)) {
            Set<Overlay.Key> keys = m.get(range);
            if (keys != null && keys.remove(key) && keys.isEmpty()) {
                m.remove(range);
            }
        }
    }

    /** @param clock a changelog record's {@code closedThrough}, read in recovery */
    synchronized void recovered(long clock) {
        closedThrough = Math.max(closedThrough, clock);
        durable = Math.max(durable, clock);
        streamTime = Math.max(streamTime, clock);
        committedClosed = Math.max(committedClosed, clock);
        committedStream = Math.max(committedStream, clock);
    }

    /**
     * The stream time, advanced by the wall clock when the partition has been quiet for longer than
     * {@code idle}.
     *
     * @param wallNow the wall clock
     * @param idle milliseconds of quiet after which the stream time follows the wall clock, 0 for never
     * @return the stream time
     */
    synchronized long streamTime(long wallNow, long idle) {
        if (idle > 0 && streamTime != NONE && wallNow - lastWriteWall > idle) {
            streamTime += wallNow - lastWriteWall - idle;
            lastWriteWall = wallNow - idle;
        }
        return streamTime;
    }

    /**
     * A close pass: takes the windows that close or are deleted at {@code clock}, in order of their
     * ends, and moves {@code closedThrough} to it. Windows recovery found already closed before
     * (their close is at or before {@code closedThrough}) are not closed again.
     *
     * @param clock the partition's clock
     * @param grace the grace in milliseconds
     * @param expires how long after its end a window is kept, in milliseconds, or -1 for ever
     * @param cleanup whether windows closed before and expired since are deleted now
     *     ({@code table_cleanup_interval}); a window that closes now is deleted at once when it has expired
     * @return the windows due
     */
    synchronized List<Due> takeDue(long clock, long grace, long expires, boolean cleanup) {
        if (clock == NONE) {
            return List.of();
        }
        List<Due> due = new ArrayList<>();
        for (Iterator<Map.Entry<WindowRange, Set<Overlay.Key>>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<WindowRange, Set<Overlay.Key>> e = it.next();
            long end = e.getKey().end().toEpochMilli();
            if (end + grace > clock) {
                break;          // ordered by end: the windows after it close later
            }
            it.remove();
            boolean closes = end + grace > closedThrough;       // else closed before recovery read it back
            boolean deletes = expires >= 0 && end + expires <= clock;
            if (deletes) {
                due.add(new Due(e.getKey(), List.copyOf(e.getValue()), closes, true));
            } else {
                closed.put(e.getKey(), e.getValue());
                if (closes) {
                    due.add(new Due(e.getKey(), List.copyOf(e.getValue()), true, false));
                }
            }
        }
        if (expires >= 0 && cleanup) {
            for (Iterator<Map.Entry<WindowRange, Set<Overlay.Key>>> it = closed.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<WindowRange, Set<Overlay.Key>> e = it.next();
                if (e.getKey().end().toEpochMilli() + expires > clock) {
                    break;
                }
                it.remove();
                due.add(new Due(e.getKey(), List.copyOf(e.getValue()), false, true));
            }
        }
        due.sort(Comparator.comparing(Due::range, BY_END));
        closedThrough = Math.max(closedThrough, clock);
        streamTime = Math.max(streamTime, clock);
        return due;
    }

    /**
     * @param clock the partition's clock
     * @param grace the grace in milliseconds
     * @param expires how long after its end a window is kept, in milliseconds, or -1 for ever
     * @return whether {@link #takeDue} would take a window now
     */
    synchronized boolean hasDue(long clock, long grace, long expires) {
        if (clock == NONE) {
            return false;
        }
        boolean closes = !open.isEmpty() && open.firstKey().end().toEpochMilli() + grace <= clock;
        boolean deletes = expires >= 0 && !closed.isEmpty() && closed.firstKey().end().toEpochMilli() + expires <= clock;
        return closes || deletes;
    }

    /** Exactly-once: the transaction is sealed; these clocks commit with it. */
    synchronized void sealed() {
        sealedStream = streamTime;
        sealedClosed = closedThrough;
    }

    /** Exactly-once: the sealed transaction committed. */
    synchronized void committed() {
        committedStream = Math.max(committedStream, sealedStream);
        committedClosed = Math.max(committedClosed, sealedClosed);
    }

    /**
     * Exactly-once: the open transaction aborted. The clocks go back to the last commit and every
     * window is forgotten; the caller adds back those the store holds.
     */
    synchronized void rolledBack() {
        open.clear();
        closed.clear();
        streamTime = committedStream;
        closedThrough = committedClosed;
        durable = committedClosed;
    }
}
