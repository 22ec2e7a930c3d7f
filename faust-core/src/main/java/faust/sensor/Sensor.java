package faust.sensor;

import faust.stream.Message;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import org.jspecify.annotations.Nullable;

/**
 * Hooks the runtime calls as messages flow, like Faust's {@code faust.Sensor}. Every hook has a
 * no-op default; override what you need and register the sensor with {@code app.sensors().add(...)}.
 *
 * <p>Hooks that start something return a state object that is handed back to the matching
 * end hook (for timing). Hooks are called from runtime threads and from agent threads at once:
 * implementations must be thread-safe and fast (they run on the hot path). An exception thrown
 * by a hook is logged and otherwise ignored.
 */
public interface Sensor {
    /**
     * A message was read from the transport.
     *
     * @param tp source partition
     * @param offset source offset
     * @param message the message
     */
    default void onMessageIn(TP tp, long offset, Message message) {}

    /**
     * A fetched batch of one partition was read from the transport. The default calls
     * {@link #onMessageIn} for each message, in offset order; override it to count a batch at once.
     *
     * @param tp the partition every message of the batch was read from
     * @param messages the batch, in offset order, not empty; do not keep or change the array
     */
    default void onMessagesIn(TP tp, Message[] messages) {
        for (Message m : messages) {
            onMessageIn(tp, m.offset(), m);
        }
    }

    /**
     * A stream took an event from its buffer and is about to hand it to the agent.
     *
     * @param tp source partition
     * @param offset source offset
     * @param stream the stream's label (for example {@code agent-count-0})
     * @param message the message behind the event
     * @return a state handed to {@link #onStreamEventOut}
     */
    default @Nullable Object onStreamEventIn(TP tp, long offset, String stream, Message message) {
        return null;
    }

    /**
     * The stream is done with the event (the agent asked for the next one, or it was filtered out).
     *
     * @param tp source partition
     * @param offset source offset
     * @param stream the stream's label
     * @param message the message behind the event
     * @param state what {@link #onStreamEventIn} returned
     */
    default void onStreamEventOut(TP tp, long offset, String stream, Message message, @Nullable Object state) {}

    /**
     * Every stream is done with the message (it is acked).
     *
     * @param tp source partition
     * @param offset source offset
     * @param message the message
     */
    default void onMessageOut(TP tp, long offset, Message message) {}

    /**
     * Messages were acked together (a stream's run of finished events). The default calls
     * {@link #onMessageOut} for each, in order; override it to count a run at once.
     *
     * @param messages holds the messages; do not keep or change the array
     * @param from index of the first
     * @param to index after the last
     */
    default void onMessagesOut(Message[] messages, int from, int to) {
        for (int i = from; i < to; i++) {
            Message m = messages[i];
            onMessageOut(m.tp(), m.offset(), m);
        }
    }

    /**
     * A message could not be decoded; it was skipped and acked.
     *
     * @param tp source partition
     * @param offset source offset
     * @param error the decode error
     */
    default void onDecodeError(TP tp, long offset, Throwable error) {}

    /**
     * A stream buffer is full; its source partitions are paused until it drains.
     *
     * @param channel the channel's label (topic name or channel id)
     */
    default void onTopicBufferFull(String channel) {}

    /**
     * @param table table name
     * @param key the key read
     */
    default void onTableGet(String table, Object key) {}

    /**
     * @param table table name
     * @param key the key written
     * @param value the value written
     */
    default void onTableSet(String table, Object key, @Nullable Object value) {}

    /**
     * @param table table name
     * @param key the key deleted
     */
    default void onTableDel(String table, Object key) {}

    /** @return a state handed to {@link #onCommitCompleted} */
    default @Nullable Object onCommitInitiated() {
        return null;
    }

    /** @param state what {@link #onCommitInitiated} returned */
    default void onCommitCompleted(@Nullable Object state) {}

    /**
     * @param topic destination topic
     * @param keySize serialized key size, -1 for none
     * @param valueSize serialized value size, -1 for none
     * @return a state handed to {@link #onSendCompleted} or {@link #onSendError}
     */
    default @Nullable Object onSendInitiated(String topic, int keySize, int valueSize) {
        return null;
    }

    /**
     * @param state what {@link #onSendInitiated} returned
     * @param metadata where the message landed
     */
    default void onSendCompleted(@Nullable Object state, RecordMetadata metadata) {}

    /**
     * @param error why the send failed
     * @param state what {@link #onSendInitiated} returned
     */
    default void onSendError(Throwable error, @Nullable Object state) {}

    /** @return a state handed to the assignment end hooks */
    default @Nullable Object onAssignmentStart() {
        return null;
    }

    /**
     * @param state what {@link #onAssignmentStart} returned
     * @param error why assignment failed
     */
    default void onAssignmentError(@Nullable Object state, Throwable error) {}

    /** @param state what {@link #onAssignmentStart} returned */
    default void onAssignmentCompleted(@Nullable Object state) {}

    /** @return a state handed to {@link #onRebalanceReturn} and {@link #onRebalanceEnd} */
    default @Nullable Object onRebalanceStart() {
        return null;
    }

    /** @param state what {@link #onRebalanceStart} returned; called when the rebalance callback returns */
    default void onRebalanceReturn(@Nullable Object state) {}

    /** @param state what {@link #onRebalanceStart} returned; called when streams run again */
    default void onRebalanceEnd(@Nullable Object state) {}

    /**
     * @param method HTTP method
     * @param path request path
     * @return a state handed to {@link #onWebRequestEnd}
     */
    default @Nullable Object onWebRequestStart(String method, String path) {
        return null;
    }

    /**
     * @param state what {@link #onWebRequestStart} returned
     * @param status the response status code
     */
    default void onWebRequestEnd(@Nullable Object state, int status) {}
}
