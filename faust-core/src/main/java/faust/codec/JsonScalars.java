package faust.codec;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The JSON codec's fast path for the values tables and topics carry most: strings of printable
 * ASCII and whole numbers, written and read byte for byte as Jackson does, without a parser or
 * generator per value. Anything else (escapes, non-ASCII text, whitespace, fractions, nulls) returns
 * null here and goes through Jackson.
 */
final class JsonScalars {
    private JsonScalars() {}

    /**
     * @param value a value
     * @return its JSON, or null when Jackson must write it
     */
    static byte @Nullable [] dump(Object value) {
        if (value instanceof String s) {
            return quoted(s);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Long.toString(((Number) value).longValue()).getBytes(StandardCharsets.US_ASCII);
        }
        return null;
    }

    private static byte @Nullable [] quoted(String s) {
        int n = s.length();
        byte[] out = new byte[n + 2];
        out[0] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return null;        // escapes and UTF-8: Jackson's
            }
            out[i + 1] = (byte) c;
        }
        out[n + 1] = '"';
        return out;
    }

    /**
     * @param data JSON
     * @param type the type to read
     * @return the value, or null when Jackson must read it (which also reports what is wrong)
     */
    static @Nullable Object load(byte[] data, Class<?> type) {
        if (type == String.class) {
            return unquoted(data);
        }
        if (type == Long.class || type == long.class) {
            return whole(data, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == Integer.class || type == int.class) {
            Long v = whole(data, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return v == null ? null : (Object) v.intValue();
        }
        return null;
    }

    private static @Nullable String unquoted(byte[] data) {
        int n = data.length;
        if (n < 2 || data[0] != '"' || data[n - 1] != '"') {
            return null;
        }
        for (int i = 1; i < n - 1; i++) {
            byte b = data[i];
            if (b < 0x20 || b > 0x7E || b == '"' || b == '\\') {
                return null;
            }
        }
        return new String(data, 1, n - 2, StandardCharsets.US_ASCII);
    }

    /** @return a whole number in JSON's syntax (no leading zeros, no sign but '-') within the bounds, else null */
    private static @Nullable Long whole(byte[] data, long min, long max) {
        int n = data.length;
        int i = n > 0 && data[0] == '-' ? 1 : 0;
        int digits = n - i;
        if (digits < 1 || digits > 18 || (data[i] == '0' && digits > 1)) {
            return null;            // empty, too long to parse without overflow here, or a leading zero
        }
        long v = 0;
        for (; i < n; i++) {
            int d = data[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            v = v * 10 + d;
        }
        v = data[0] == '-' ? -v : v;
        return v < min || v > max ? null : v;
    }
}
