package faust.sensor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The hot-path counters of one thread: only the owning thread writes them, so an increment is a
 * plain read and a release store (no CAS, no lock prefix); {@link ThreadCells} sums every cell on
 * read. The counters sit between 128 bytes of padding on each side (superclass fields are laid out
 * first), so the consumer thread's cell and an agent thread's cell never share a cache line, nor
 * a pair of lines fetched together.
 */
final class ThreadCell extends ThreadCellPadAfter {
    final Thread owner;
    final String task;
    /** The streams this thread has counted events for; copy-on-write, appended by the owner only. */
    private volatile StreamCount[] streams = StreamCount.NONE;
    // Owner-only state of Monitor.onStreamEventIn: the last stream seen and the sampling sequence.
    @Nullable String lastStream;
    @Nullable StreamCount lastStreamCount;
    long seq;

    ThreadCell(Thread owner, String task) {
        this.owner = owner;
        this.task = task;
    }

    void addMessagesIn(long n) {
        MESSAGES_IN.setRelease(this, messagesIn + n);
    }

    void addMessagesOut(long n) {
        MESSAGES_OUT.setRelease(this, messagesOut + n);
    }

    void incEventsIn() {
        EVENTS_IN.setRelease(this, eventsIn + 1);
    }

    void incEventsOut() {
        EVENTS_OUT.setRelease(this, eventsOut + 1);
    }

    long messagesIn() {
        return (long) MESSAGES_IN.getAcquire(this);
    }

    long messagesOut() {
        return (long) MESSAGES_OUT.getAcquire(this);
    }

    long eventsIn() {
        return (long) EVENTS_IN.getAcquire(this);
    }

    long eventsOut() {
        return (long) EVENTS_OUT.getAcquire(this);
    }

    /** The owner's counter for {@code stream}, created on first use. Owner thread only. */
    StreamCount stream(String stream) {
        StreamCount[] cur = streams;
        for (StreamCount c : cur) {
            if (c.stream.equals(stream)) {
                return c;
            }
        }
        StreamCount c = new StreamCount(stream);
        StreamCount[] next = Arrays.copyOf(cur, cur.length + 1);
        next[cur.length] = c;
        streams = next;
        return c;
    }

    /** Every stream counter of this cell (a snapshot of the array; the counts stay live). */
    StreamCount[] streams() {
        return streams;
    }

    private static final VarHandle MESSAGES_IN;
    private static final VarHandle MESSAGES_OUT;
    private static final VarHandle EVENTS_IN;
    private static final VarHandle EVENTS_OUT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            MESSAGES_IN = l.findVarHandle(ThreadCellFields.class, "messagesIn", long.class);
            MESSAGES_OUT = l.findVarHandle(ThreadCellFields.class, "messagesOut", long.class);
            EVENTS_IN = l.findVarHandle(ThreadCellFields.class, "eventsIn", long.class);
            EVENTS_OUT = l.findVarHandle(ThreadCellFields.class, "eventsOut", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One thread's event count for one stream label; padded like the cell, written by its owner only. */
    static final class StreamCount extends StreamCountPadAfter {
        static final StreamCount[] NONE = {};
        private static final VarHandle COUNT;

        static {
            try {
                COUNT = MethodHandles.lookup().findVarHandle(StreamCountField.class, "count", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final String stream;

        StreamCount(String stream) {
            this.stream = stream;
        }

        void increment() {
            COUNT.setRelease(this, count + 1);
        }

        long get() {
            return (long) COUNT.getAcquire(this);
        }
    }
}

/** 128 bytes ahead of the counters. */
@SuppressWarnings("unused")
abstract class ThreadCellPadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/** The counters; accessed through the VarHandles in {@link ThreadCell}. */
abstract class ThreadCellFields extends ThreadCellPadBefore {
    long messagesIn;
    long messagesOut;
    long eventsIn;
    long eventsOut;
}

/** 128 bytes after the counters. */
@SuppressWarnings("unused")
abstract class ThreadCellPadAfter extends ThreadCellFields {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}

/** 128 bytes ahead of a stream count. */
@SuppressWarnings("unused")
abstract class StreamCountPadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/** A stream count; accessed through the VarHandle in {@link ThreadCell.StreamCount}. */
abstract class StreamCountField extends StreamCountPadBefore {
    long count;
}

/** 128 bytes after a stream count. */
@SuppressWarnings("unused")
abstract class StreamCountPadAfter extends StreamCountField {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}
