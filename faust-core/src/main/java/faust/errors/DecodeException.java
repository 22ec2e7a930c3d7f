package faust.errors;

import org.jspecify.annotations.Nullable;

/**
 * A message could not be decoded. Carries where the message came from when known
 * (topic, partition, offset); the runtime logs it, counts it, acks the message and moves on.
 */
public abstract class DecodeException extends FaustException {
    private static final long serialVersionUID = 1L;
    private final @Nullable String topic;
    private final int partition;
    private final long offset;

    /**
     * @param message what could not be decoded and why
     * @param cause the codec's error
     */
    protected DecodeException(String message, @Nullable Throwable cause) {
        this(message, cause, null, -1, -1);
    }

    /**
     * @param message what could not be decoded and why
     * @param cause the codec's error
     * @param topic the topic the message came from
     * @param partition its partition
     * @param offset its offset
     */
    protected DecodeException(String message, @Nullable Throwable cause, @Nullable String topic, int partition, long offset) {
        super(message, cause);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    /** @return the topic of the bad message, or null when not known */
    public @Nullable String topic() {
        return topic;
    }

    /** @return the partition of the bad message, or -1 */
    public int partition() {
        return partition;
    }

    /** @return the offset of the bad message, or -1 */
    public long offset() {
        return offset;
    }
}
