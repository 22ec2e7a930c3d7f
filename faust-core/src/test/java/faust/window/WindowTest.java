package faust.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.errors.ImproperlyConfiguredException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every fact and value of Faust's window maths (the inventory's section 3, from Faust's
 * tests/unit/windows and its formulas), in faust-java's half-open ranges: Faust's
 * {@code (start, start + size - 0.1)} is {@code [start, start + size)} here.
 */
class WindowTest {
    private static Instant at(double seconds) {
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }

    private static Duration sec(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** @return the range Faust writes as {@code (start, faustEnd)}: {@code [start, faustEnd + 0.1)} */
    private static WindowRange faust(double start, double faustEnd) {
        return new WindowRange(at(start), at(faustEnd + 0.1));
    }

    private static HoppingWindow hopping(double size, double step) {
        return new HoppingWindow(sec(size), sec(step), null);
    }

    private static TumblingWindow tumbling(double size) {
        return TumblingWindow.of(sec(size));
    }

    // ---- Faust's unit-test facts ----------------------------------------------------------------

    @Test
    void tumbling_10_has_one_range_at_0_5_and_10_and_the_end_of_the_first_is_in_the_first() {
        TumblingWindow w = tumbling(10);
        for (double t : new double[] {0, 5, 10}) {
            assertThat(w.ranges(at(t))).as("t=%s", t).hasSize(1);
        }
        assertThat(w.ranges(at(9.9))).isEqualTo(w.ranges(at(0)));
        assertThat(w.ranges(at(9.999))).isEqualTo(w.ranges(at(0)));
    }

    @Test
    void tumbling_57_current_is_earliest() {
        assertThat(tumbling(57).current(at(456))).isEqualTo(tumbling(57).earliest(at(456)));
    }

    @Test
    void hopping_10_5_puts_6_into_two_ranges_that_each_hold_it() {
        List<WindowRange> r = hopping(10, 5).ranges(at(6));
        assertThat(r).hasSize(2).allMatch(x -> x.contains(at(6)));
    }

    @Test
    void hopping_current_is_the_last_range_and_earliest_the_first() {
        List<WindowRange> r57 = hopping(57, 23).ranges(at(456));
        assertThat(hopping(57, 23).current(at(456))).isEqualTo(r57.get(r57.size() - 1));
        assertThat(hopping(100, 15).earliest(at(3223))).isEqualTo(hopping(100, 15).ranges(at(3223)).get(0));
    }

    @Test
    void hopping_10_5_expires_20_is_stale_up_to_40_given_60() {
        HoppingWindow w = new HoppingWindow(sec(10), sec(5), sec(20));
        for (int t = 41; t <= 59; t++) {
            assertThat(w.stale(at(t), at(60))).as("t=%d", t).isFalse();
        }
        for (int t = 0; t <= 39; t++) {
            assertThat(w.stale(at(t), at(60))).as("t=%d", t).isTrue();
        }
        assertThat(w.stale(at(40), at(60))).as("the boundary: current(40).start == 40").isTrue();
    }

    @Test
    void hopping_60_60_of_a_fractional_epoch_time_is_one_range_of_the_whole_minute() {
        List<WindowRange> r = hopping(60, 60).ranges(at(1603122451.544989));
        assertThat(r).containsExactly(faust(1603122420.0, 1603122479.9));
    }

    @Test
    void sliding_windows_keep_their_attributes_and_have_one_range_around_the_instant() {
        SlidingWindow s = new SlidingWindow(sec(10.1), sec(20.2), sec(30.3));
        assertThat(s.before()).isEqualTo(Duration.ofMillis(10_100));
        assertThat(s.after()).isEqualTo(Duration.ofMillis(20_200));
        assertThat(s.expires()).isEqualTo(Duration.ofMillis(30_300));
        SlidingWindow w = new SlidingWindow(sec(10), sec(5), sec(30));
        assertThat(w.ranges(at(6))).hasSize(1).allMatch(x -> x.contains(at(6)));
        List<WindowRange> r = w.ranges(at(456));
        assertThat(w.current(at(456))).isEqualTo(r.get(r.size() - 1)).isEqualTo(w.earliest(at(456)));
    }

    @Test
    void sliding_10_5_20_delta_and_stale() {
        SlidingWindow w = new SlidingWindow(sec(10), sec(5), sec(20));
        assertThat(w.delta(at(60), sec(30))).isEqualTo(new WindowRange(at(20), at(35)));
        for (int t = 41; t <= 59; t++) {
            assertThat(w.stale(at(t), at(60))).as("t=%d", t).isFalse();
        }
        for (int t = 0; t <= 39; t++) {
            assertThat(w.stale(at(t), at(60))).as("t=%d", t).isTrue();
        }
    }

    // ---- the values computed with Faust's formulas ----------------------------------------------

    @Test
    void hopping_values() {
        assertThat(hopping(10, 5).ranges(at(6))).containsExactly(faust(0, 9.9), faust(5, 14.9));
        assertThat(hopping(10, 5).current(at(6))).isEqualTo(faust(5, 14.9));
        assertThat(hopping(10, 5).earliest(at(6))).isEqualTo(faust(0, 9.9));
        assertThat(hopping(10, 5).ranges(at(2))).containsExactly(faust(-5, 4.9), faust(0, 9.9));
        assertThat(hopping(57, 23).ranges(at(456))).containsExactly(faust(403, 459.9), faust(426, 482.9),
                faust(449, 505.9));
        List<WindowRange> r = hopping(100, 15).ranges(at(3223));
        assertThat(r).hasSize(7);
        assertThat(r.get(0)).isEqualTo(faust(3125, 3224.9));
        assertThat(r.get(6)).isEqualTo(faust(3215, 3314.9));
    }

    @Test
    void tumbling_values() {
        assertThat(tumbling(10).ranges(at(9.9))).containsExactly(faust(0, 9.9));
        assertThat(tumbling(10).ranges(at(10))).containsExactly(faust(10, 19.9));
        assertThat(tumbling(57).current(at(456))).isEqualTo(faust(456, 512.9));
        assertThat(tumbling(3600).ranges(at(7300))).containsExactly(faust(7200, 10799.9));
        assertThat(tumbling(3600).delta(at(7300), sec(3600))).isEqualTo(faust(3600, 7199.9));
    }

    @Test
    void stale_boundaries() {
        HoppingWindow h = new HoppingWindow(sec(10), sec(5), sec(20));
        assertThat(h.stale(at(40), at(60))).isTrue();
        assertThat(h.stale(at(41), at(60))).isFalse();
        TumblingWindow t = new TumblingWindow(sec(10), sec(10));
        assertThat(t.stale(at(19.9), at(25))).isFalse();
        assertThat(t.stale(at(10), at(25))).isTrue();
        assertThat(tumbling(10).stale(at(0), at(1_000_000))).as("no expires: never stale").isFalse();
    }

    // ---- beyond Faust ---------------------------------------------------------------------------

    @Test
    void ranges_are_half_open_in_milliseconds() {
        WindowRange r = tumbling(10).current(at(3));
        assertThat(r.contains(at(0))).isTrue();
        assertThat(r.contains(at(9.999))).isTrue();
        assertThat(r.contains(at(10))).isFalse();
        assertThat(r.size()).isEqualTo(sec(10));
        assertThat(new HoppingWindow(Duration.ofMillis(1500), Duration.ofMillis(500), null).ranges(at(1.2)))
                .as("sizes that are not whole seconds (Faust truncates them)")
                .containsExactly(new WindowRange(at(0), at(1.5)), new WindowRange(at(0.5), at(2.0)),
                        new WindowRange(at(1.0), at(2.5)));
        assertThat(tumbling(10).current(at(-3))).as("before the epoch too").isEqualTo(new WindowRange(at(-10), at(0)));
    }

    @Test
    void bad_windows_fail_naming_what_is_wrong() {
        assertThatThrownBy(() -> hopping(10, 20)).isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("step").hasMessageContaining("size");
        assertThatThrownBy(() -> tumbling(0)).isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("size");
        assertThatThrownBy(() -> new TumblingWindow(sec(10), Duration.ZERO)).isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("expires");
        assertThatThrownBy(() -> new SlidingWindow(sec(-1), sec(5), null)).isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("before");
        assertThatThrownBy(() -> new WindowRange(at(5), at(5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void for_random_windows_and_instants_the_ranges_are_every_window_that_holds_the_instant() {
        Random rnd = new Random(11);
        for (int i = 0; i < 5000; i++) {
            long step = 1 + rnd.nextInt(10_000);
            long size = step + rnd.nextInt(30_000);
            long t = rnd.nextLong(-1_000_000_000L, 2_000_000_000_000L);
            HoppingWindow w = new HoppingWindow(Duration.ofMillis(size), Duration.ofMillis(step), null);
            List<WindowRange> r = w.ranges(Instant.ofEpochMilli(t));
            assertThat(r).isNotEmpty().allMatch(x -> x.contains(Instant.ofEpochMilli(t)) && x.size().toMillis() == size)
                    .allMatch(x -> Math.floorMod(x.end().toEpochMilli(), step) == 0);
            WindowRange before = WindowRange.ofEpochMillis(r.get(0).start().toEpochMilli() - step,
                    r.get(0).end().toEpochMilli() - step);
            WindowRange after = WindowRange.ofEpochMillis(r.get(r.size() - 1).start().toEpochMilli() + step,
                    r.get(r.size() - 1).end().toEpochMilli() + step);
            assertThat(before.contains(Instant.ofEpochMilli(t))).isFalse();
            assertThat(after.contains(Instant.ofEpochMilli(t))).isFalse();
            assertThat(w.current(Instant.ofEpochMilli(t))).isEqualTo(r.get(r.size() - 1));
            assertThat(w.earliest(Instant.ofEpochMilli(t))).isEqualTo(r.get(0));
        }
    }
}
