package faust.table.internal;

import com.fasterxml.jackson.databind.JsonNode;
import faust.window.HoppingWindow;
import faust.window.SlidingWindow;
import faust.window.TumblingWindow;
import faust.window.Window;
import faust.window.WindowRange;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A windowed table's changelog key, byte for byte as Faust writes it: the JSON array
 * {@code [key, [start, end]]} with both times in seconds as Python writes floats
 * ({@code ["acc-1",[1796296690.0,1796296699.9]]}). A tumbling or hopping range ends at Faust's
 * inclusive {@code start + size - 0.1}, computed in floating point as Python computes it; a sliding
 * range at its end.
 */
final class WindowedKeys {
    private WindowedKeys() {}

    /** A decoded key: the table key's own encoding and the window range. */
    record Decoded(byte[] key, WindowRange range) {}

    /**
     * @param key the table key's encoding (JSON)
     * @param range the window
     * @param window the table's window, which decides how the end is written
     * @return the changelog key
     */
    static byte[] encode(byte[] key, WindowRange range, Window window) {
        return JsonArrays.join(List.of(key, times(range, window)));
    }

    /**
     * @param range the window
     * @param window the table's window, which decides how the end is written
     * @return the changelog key's {@code [start, end]}
     */
    static byte[] times(WindowRange range, Window window) {
        double start = range.start().toEpochMilli() / 1000.0;
        double end = switch (window) {
            case TumblingWindow t -> start + t.size().toMillis() / 1000.0 - 0.1;
            case HoppingWindow h -> start + h.size().toMillis() / 1000.0 - 0.1;
            case SlidingWindow s -> range.end().toEpochMilli() / 1000.0;
        };
        return ("[" + pythonFloat(start) + "," + pythonFloat(end) + "]").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param changelogKey a windowed changelog key
     * @param window the table's window: a tumbling or hopping range's end is its start plus the size
     * @return the table key's encoding and the range
     * @throws IllegalArgumentException when it is not {@code [key, [start, end]]}
     */
    static Decoded decode(byte[] changelogKey, Window window) {
        JsonNode n = JsonArrays.tree(changelogKey);
        if (!n.isArray() || n.size() != 2 || !n.get(1).isArray() || n.get(1).size() != 2
                || !n.get(1).get(0).isNumber() || !n.get(1).get(1).isNumber()) {
            throw new IllegalArgumentException("a windowed changelog key is [key, [start, end]], got "
                    + JsonArrays.abbreviate(n.toString()));
        }
        long start = Math.round(n.get(1).get(0).asDouble() * 1000);
        long end = switch (window) {
            case TumblingWindow t -> start + t.size().toMillis();
            case HoppingWindow h -> start + h.size().toMillis();
            case SlidingWindow s -> Math.round(n.get(1).get(1).asDouble() * 1000);
        };
        return new Decoded(JsonArrays.bytes(n.get(0)), WindowRange.ofEpochMillis(start, end));
    }

    /**
     * @param d a float
     * @return it as Python's {@code repr} writes it: the shortest digits that read back as the
     *     same double, with {@code .0} on whole numbers
     * @throws IllegalArgumentException for magnitudes Python writes with an exponent (1e16 and above)
     */
    static String pythonFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) >= 1e16) {
            throw new IllegalArgumentException("no window time is " + d + " seconds");
        }
        String plain = BigDecimal.valueOf(d).toPlainString();     // Double.toString's shortest digits
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}
