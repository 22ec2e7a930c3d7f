package faust.internal;

import faust.transport.TrackedMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs bad input from topics (records that cannot be decoded, RPC requests or replies that cannot
 * be answered or matched) without flooding: one WARN line per record, naming the topic,
 * partition, offset and what is wrong, with the stack trace at DEBUG; past {@link #LINES_PER_SECOND}
 * lines a second for one topic, the rest of that second is counted and summed up in one line
 * (at the next report for the topic, or at {@link #flush}). Counting for sensors is the caller's:
 * this only logs. Thread-safe.
 */
public final class BadInputLog {
    /** WARN lines per topic and second before the rest are only counted. */
    public static final int LINES_PER_SECOND = 10;
    private static final long SECOND = 1_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(BadInputLog.class);

    private final String appId;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new HashMap<>();

    private static final class Window {
        long start;
        int lines;
        long suppressed;
        @Nullable String last;
    }

    /**
     * @param appId the app id, at the head of each line
     * @param nanoTime the clock of the per-second windows ({@code System::nanoTime})
     */
    public BadInputLog(String appId, LongSupplier nanoTime) {
        this.appId = appId;
        this.nanoTime = nanoTime;
    }

    /**
     * @param m the record
     * @param what what is wrong with it, and what happens to it
     * @param cause the error behind it, or null
     */
    public void report(TrackedMessage m, String what, @Nullable Throwable cause) {
        String where = "topic=" + m.topic() + " partition=" + m.partition() + " offset=" + m.offset();
        String line = cause == null ? what : what + ": " + cause;
        boolean logIt;
        String summary;
        synchronized (windows) {
            Window w = windows.computeIfAbsent(m.topic(), t -> new Window());
            long now = nanoTime.getAsLong();
            summary = now - w.start >= SECOND ? roll(m.topic(), w, now) : null;
            logIt = w.lines < LINES_PER_SECOND;
            if (logIt) {
                w.lines++;
            } else {
                w.suppressed++;
                w.last = where + ": " + line;
            }
        }
        if (summary != null) {
            log.warn(summary);
        }
        if (logIt) {
            log.warn("[{}] {} at {}", appId, line, where);
            if (cause != null && log.isDebugEnabled()) {
                log.debug("[{}] the error behind the bad record at {}", appId, where, cause);
            }
        }
    }

    /** Logs the summaries of every window that has ended with records only counted. */
    public void flush() {
        List<String> summaries = new ArrayList<>();
        synchronized (windows) {
            long now = nanoTime.getAsLong();
            windows.forEach((topic, w) -> {
                String s = now - w.start >= SECOND ? roll(topic, w, now) : null;
                if (s != null) {
                    summaries.add(s);
                }
            });
        }
        summaries.forEach(log::warn);
    }

    private @Nullable String roll(String topic, Window w, long now) {
        String s = w.suppressed == 0 ? null : String.format(Locale.ROOT,
                "[%s] %,d more bad records of topic %s in one second were not logged one by one (at most %d lines a second "
                        + "per topic); the last: %s", appId, w.suppressed, topic, LINES_PER_SECOND, w.last);
        w.start = now;
        w.lines = 0;
        w.suppressed = 0;
        w.last = null;
        return s;
    }
}
