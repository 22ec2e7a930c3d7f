package faust.transport;

import faust.topic.TP;
import java.util.Objects;

/**
 * Messages fetched from one partition in one poll, in offset order.
 *
 * @param tp the partition
 * @param messages the messages; the array is owned by the receiver after {@code poll} returns
 * @param endOffset the partition's log end offset as the fetch saw it (the next offset to be
 *     written; Kafka's high watermark, or the last stable offset for {@code read_committed}), or
 *     {@link #UNKNOWN_END_OFFSET}; the runtime keeps the Monitor's {@code tp_end_offsets} with it
 */
public record TpBatch(TP tp, TrackedMessage[] messages, long endOffset) {
    /** {@link #endOffset()} when the transport does not know it. */
    public static final long UNKNOWN_END_OFFSET = -1;

    /** Validates the parts. */
    public TpBatch {
        Objects.requireNonNull(tp, "tp");
        Objects.requireNonNull(messages, "messages");
    }

    /**
     * A batch whose partition's end offset is not known.
     *
     * @param tp the partition
     * @param messages the messages
     */
    public TpBatch(TP tp, TrackedMessage[] messages) {
        this(tp, messages, UNKNOWN_END_OFFSET);
    }
}
