package faust.transport;

import faust.stream.Message;
import faust.topic.TP;
import java.util.Objects;

/**
 * Messages fetched from one partition in one poll, in offset order.
 *
 * @param tp the partition
 * @param messages the messages; the array is owned by the receiver after {@code poll} returns
 */
public record TpBatch(TP tp, Message[] messages) {
    /** Validates the parts. */
    public TpBatch {
        Objects.requireNonNull(tp, "tp");
        Objects.requireNonNull(messages, "messages");
    }
}
