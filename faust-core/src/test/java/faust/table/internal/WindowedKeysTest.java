package faust.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.window.HoppingWindow;
import faust.window.SlidingWindow;
import faust.window.TumblingWindow;
import faust.window.WindowRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Windowed changelog keys byte for byte as real Python Faust wrote them (faust-wire samples 04-*). */
class WindowedKeysTest {
    private static final TumblingWindow TEN = TumblingWindow.of(Duration.ofSeconds(10));

    private static byte[] wire(String name) {
        try (InputStream in = WindowedKeysTest.class.getResourceAsStream("/faust-wire/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void the_keys_python_faust_wrote_are_written_byte_for_byte_and_read_back() {
        String[][] samples = {{"04-windowed-changelog-acc-1-w1.key", "\"acc-1\"", "1796296690000"},
                {"04-windowed-changelog-acc-1-w2.key", "\"acc-1\"", "1796296700000"},
                {"04-windowed-changelog-acc-2-w1.key", "\"acc-2\"", "1796296690000"}};
        for (String[] s : samples) {
            long start = Long.parseLong(s[2]);
            WindowRange range = WindowRange.ofEpochMillis(start, start + 10_000);
            assertThat(WindowedKeys.encode(b(s[1]), range, TEN)).as(s[0]).isEqualTo(wire(s[0]));
            WindowedKeys.Decoded d = WindowedKeys.decode(wire(s[0]), TEN);
            assertThat(new String(d.key(), StandardCharsets.UTF_8)).isEqualTo(s[1]);
            assertThat(d.range()).isEqualTo(range);
        }
    }

    @Test
    void hopping_ranges_end_a_tenth_before_and_sliding_ranges_at_their_end() {
        HoppingWindow h = new HoppingWindow(Duration.ofSeconds(60), Duration.ofSeconds(30), null);
        WindowRange r = WindowRange.ofEpochMillis(1_603_122_420_000L, 1_603_122_480_000L);
        assertThat(new String(WindowedKeys.encode(b("7"), r, h), StandardCharsets.UTF_8))
                .isEqualTo("[7,[1603122420.0,1603122479.9]]");
        SlidingWindow s = new SlidingWindow(Duration.ofSeconds(10), Duration.ofSeconds(5), null);
        WindowRange sr = WindowRange.ofEpochMillis(50_500, 65_500);
        byte[] key = WindowedKeys.encode(b("\"k\""), sr, s);
        assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo("[\"k\",[50.5,65.5]]");
        assertThat(WindowedKeys.decode(key, s).range()).isEqualTo(sr);
    }

    @Test
    void floats_are_written_as_python_s_repr() {
        assertThat(WindowedKeys.pythonFloat(1796296690.0)).isEqualTo("1796296690.0");
        assertThat(WindowedKeys.pythonFloat(1796296690.0 + 10 - 0.1)).isEqualTo("1796296699.9");
        assertThat(WindowedKeys.pythonFloat(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(WindowedKeys.pythonFloat(-5.0)).isEqualTo("-5.0");
        assertThat(WindowedKeys.pythonFloat(0.0)).isEqualTo("0.0");
        assertThatThrownBy(() -> WindowedKeys.pythonFloat(1e17)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_key_that_is_not_key_and_range_is_refused_naming_what_it_got() {
        assertThatThrownBy(() -> WindowedKeys.decode(b("\"acc-1\""), TEN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[key, [start, end]]").hasMessageContaining("acc-1");
        assertThatThrownBy(() -> WindowedKeys.decode(b("[\"a\",[1,\"x\"]]"), TEN)).isInstanceOf(IllegalArgumentException.class);
    }
}
