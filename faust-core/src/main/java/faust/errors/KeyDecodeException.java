package faust.errors;

import org.jspecify.annotations.Nullable;

/** A message key could not be decoded with the key serializer and key type. */
public class KeyDecodeException extends DecodeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be decoded and why
     * @param cause the codec's error
     */
    public KeyDecodeException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what could not be decoded and why
     * @param cause the codec's error
     * @param topic source topic
     * @param partition source partition
     * @param offset source offset
     */
    public KeyDecodeException(String message, @Nullable Throwable cause, String topic, int partition, long offset) {
        super(message, cause, topic, partition, offset);
    }
}
