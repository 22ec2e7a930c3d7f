package faust.errors;

import org.jspecify.annotations.Nullable;

/** A message value could not be decoded with the value serializer and value type. */
public class ValueDecodeException extends DecodeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be decoded and why
     * @param cause the codec's error
     */
    public ValueDecodeException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what could not be decoded and why
     * @param cause the codec's error
     * @param topic source topic
     * @param partition source partition
     * @param offset source offset
     */
    public ValueDecodeException(String message, @Nullable Throwable cause, String topic, int partition, long offset) {
        super(message, cause, topic, partition, offset);
    }
}
