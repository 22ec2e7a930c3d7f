package faust.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path writes and reads exactly what Jackson does, and leaves everything else to it. */
class JsonScalarsTest {
    private final ObjectMapper jackson = new ObjectMapper();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void strings_and_whole_numbers_are_written_as_jackson_writes_them() throws Exception {
        Random r = new Random(42);
        List<Object> values = new ArrayList<>(List.of("", "apple", "a b", "~!#$%&'()*+,-./:;<=>?@[]^_`{|}", 0L, -1L,
                Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE, (short) 7, (byte) -3));
        for (int i = 0; i < 2000; i++) {
            values.add(r.nextLong());
            values.add(r.nextInt(1000) - 500);
            StringBuilder s = new StringBuilder();
            for (int j = r.nextInt(12); j > 0; j--) {
                s.append((char) (0x20 + r.nextInt(0x5F)));       // printable ASCII, quotes and backslashes included
            }
            values.add(s.toString());
        }
        for (Object v : values) {
            byte[] fast = JsonScalars.dump(v);
            if (fast != null) {
                assertThat(new String(fast, StandardCharsets.UTF_8)).as("%s", v).isEqualTo(jackson.writeValueAsString(v));
            } else {
                assertThat(v).as("only strings with quotes or backslashes go to Jackson").isInstanceOf(String.class);
                assertThat((String) v).containsAnyOf("\"", "\\");
            }
        }
        assertThat(JsonScalars.dump("tab\there")).isNull();
        assertThat(JsonScalars.dump("naïve")).isNull();
        assertThat(JsonScalars.dump(1.5)).isNull();
        assertThat(JsonScalars.dump(true)).isNull();
    }

    @Test
    void what_the_fast_path_reads_jackson_reads_the_same_and_the_rest_is_left_to_jackson() throws Exception {
        Random r = new Random(7);
        List<String> inputs = new ArrayList<>(List.of("0", "-0", "42", "-42", "9223372036854775807", "\"\"", "\"apple\"",
                "\"a b\""));
        for (int i = 0; i < 2000; i++) {
            inputs.add(Long.toString(r.nextLong() / (1L << r.nextInt(40))));
        }
        for (String in : inputs) {
            Class<?> type = in.startsWith("\"") ? String.class : Long.class;
            Object fast = JsonScalars.load(b(in), type);
            Object slow = jackson.readValue(in, type);
            if (fast != null) {
                assertThat(fast).as(in).isEqualTo(slow);
            }
        }
        assertThat(JsonScalars.load(b("2147483647"), Integer.class)).isEqualTo(Integer.MAX_VALUE);
        for (String other : List.of("007", "1.5", " 1", "1 ", "+1", "null", "\"1\"", "1e3", "", "-", "2147483648")) {
            assertThat(JsonScalars.load(b(other), other.equals("2147483648") ? Integer.class : Long.class)).as(other).isNull();
        }
        for (String other : List.of("\"a\\\"b\"", "\"tab\\t\"", "\"na\u00efve\"", "apple", "\"open", "null")) {
            assertThat(JsonScalars.load(b(other), String.class)).as(other).isNull();
        }
        assertThat(JsonScalars.load(b("1"), Double.class)).as("other types: Jackson").isNull();
    }
}
