package faust.codec;

/**
 * Turns objects into bytes and back, like Faust's codecs ({@code raw}, {@code json}, {@code binary}).
 * Codecs chain: {@code json|binary} dumps with json, then binary.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Codec {
    /**
     * @param value the object to serialize (never null; the runtime sends null as a tombstone without a codec)
     * @return its bytes
     * @throws faust.errors.EncodeException when the value cannot be serialized
     */
    byte[] dumps(Object value);

    /**
     * @param data the bytes
     * @param type the wanted Java type: {@code byte[]}, {@code String}, a record, a boxed primitive, or
     *     {@code Object} for "whatever the bytes hold"
     * @param <T> the type
     * @return the decoded value
     * @throws RuntimeException (any) when the bytes cannot be decoded; the runtime wraps it in a decode exception
     */
    <T> T loads(byte[] data, Class<T> type);
}
