package faust.stream;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One message header. Kafka allows a key to appear more than once.
 *
 * @param key the header name
 * @param value the raw bytes of the header value
 */
public record Header(String key, byte[] value) {
    /** Validates the parts. */
    public Header {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param key header name
     * @param value a string, stored as UTF-8
     * @return the header
     */
    public static Header of(String key, String value) {
        return new Header(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the value decoded as UTF-8 */
    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }
}
