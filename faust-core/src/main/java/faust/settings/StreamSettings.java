package faust.settings;

import static faust.settings.Parsers.bool;
import static faust.settings.Parsers.duration;

import java.time.Duration;
import java.util.List;

/** Stream settings. */
public final class StreamSettings {
    private static final Definer D = new Definer(Section.STREAM);

    /** {@code stream_buffer_maxsize}: the events buffered per stream before back-pressure. */
    public static final Setting<Integer> STREAM_BUFFER_MAXSIZE = D.define("stream_buffer_maxsize", Parsers.intAtLeast(1),
            "4096", "STREAM_BUFFER_MAXSIZE", "Events buffered per stream before back-pressure.");
    /** {@code stream_wait_empty}: on rebalance or stop, wait for the event in progress. */
    public static final Setting<Boolean> STREAM_WAIT_EMPTY = D.define("stream_wait_empty", bool(), "true",
            "STREAM_WAIT_EMPTY", "On rebalance or stop, wait for the event in progress to finish.");
    /** {@code stream_ack_cancelled_tasks}: deprecated in Faust; no effect. */
    public static final Setting<Boolean> STREAM_ACK_CANCELLED_TASKS = D.define("stream_ack_cancelled_tasks", bool(), "true",
            "STREAM_ACK_CANCELLED_TASKS", "Deprecated in Faust; has no effect.");
    /** {@code stream_ack_exceptions}: deprecated in Faust; no effect. */
    public static final Setting<Boolean> STREAM_ACK_EXCEPTIONS = D.define("stream_ack_exceptions", bool(), "true",
            "STREAM_ACK_EXCEPTIONS", "Deprecated in Faust; has no effect.");
    /** {@code stream_publish_on_commit}: buffer sends until the source offset is committed. */
    public static final Setting<Boolean> STREAM_PUBLISH_ON_COMMIT = D.define("stream_publish_on_commit", bool(), "false",
            "STREAM_PUBLISH_ON_COMMIT", "Buffer sends until the source offset is committed.");
    /** {@code stream_recovery_delay}: the sleep after a rebalance before recovery. */
    public static final Setting<Duration> STREAM_RECOVERY_DELAY = D.define("stream_recovery_delay", duration(false), "0.0",
            "STREAM_RECOVERY_DELAY", "Sleep after a rebalance before recovery starts.");
    /** {@code stream_processing_timeout}: the time one event may take before an error is logged. */
    public static final Setting<Duration> STREAM_PROCESSING_TIMEOUT = D.define("stream_processing_timeout", duration(true),
            "300", "STREAM_PROCESSING_TIMEOUT", "Log an error when one event takes longer than this.");

    private StreamSettings() {}

    static List<Setting<?>> keys() {
        return D.keys();
    }
}
