package faust.examples.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import faust.AppTestDriver;
import faust.examples.windowing.Hopping.HoppingApp;
import faust.examples.windowing.Tumbling.TumblingApp;
import faust.window.WindowRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The windowing examples, fed an event every 2 seconds; the expected readings count the events
 * sent into the windows that the window maths name (Faust's {@code ranges}, half-open).
 */
class WindowingTest {
    /** On a 10-second boundary, long before the test runs: no event is in the window holding the wall clock. */
    private static final Instant BASE = Instant.parse("2026-06-01T12:00:00Z");
    private static final int EVENTS = 25;

    private final AppTestDriver driver = AppTestDriver.create();
    private final List<Reading> readings = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        driver.close();
    }

    /** @return the events at or before second {@code upTo} in {@code [start, start + size)} */
    private static long count(long upTo, long start, long size) {
        long n = 0;
        for (long t = 0; t <= upTo; t += 2) {
            if (start <= t && t < start + size) {
                n++;
            }
        }
        return n;
    }

    /**
     * @param size window size in seconds
     * @param step seconds between window starts
     * @return the readings of the events at seconds 0, 2, ... when each reads the latest window of
     *     its own second and of 30 s before; none is in the window of the wall clock
     */
    private static List<Reading> expected(long size, long step) {
        List<Reading> out = new ArrayList<>();
        for (long t = 0; t < 2L * EVENTS; t += 2) {
            long current = count(t, Math.floorDiv(t, step) * step, size);
            long delta = count(t, Math.floorDiv(t - 30, step) * step, size);
            out.add(new Reading(0, current, current, delta));
        }
        return out;
    }

    private static List<Long> currents(List<Reading> readings) {
        return readings.stream().map(Reading::current).toList();
    }

    private static List<Long> deltas(List<Reading> readings) {
        return readings.stream().map(Reading::delta30).toList();
    }

    @Test
    void tumbling_counts_one_to_five_per_window_and_delta_30_reads_a_full_window_from_second_30() {
        TumblingApp t = Tumbling.create(driver.configure(cfg -> { }), readings::add);
        driver.start(t.app());
        assertThat(Instant.now()).isAfter(BASE.plus(Duration.ofHours(1)));
        for (int i = 0; i < EVENTS; i++) {
            driver.pipeInput(t.events(), Tumbling.COUNTER, new Tumbling.Model(0.5), BASE.plusSeconds(2L * i));
        }

        assertThat(readings).containsExactlyElementsOf(expected(10, 10));
        assertThat(currents(readings)).as("as Tumbling's Javadoc shows").startsWith(1L, 2L, 3L, 4L, 5L, 1L, 2L, 3L, 4L, 5L);
        assertThat(deltas(readings).subList(0, 15)).containsOnly(0L);
        assertThat(deltas(readings).subList(15, EVENTS)).containsOnly(5L);
    }

    @Test
    void hopping_counts_one_to_three_in_the_latest_window_and_delta_30_reads_a_full_window_from_second_30() {
        HoppingApp h = Hopping.create(driver.configure(cfg -> { }), readings::add);
        driver.start(h.app());
        for (int i = 0; i < EVENTS; i++) {
            driver.pipeInput(h.events(), Hopping.COUNTER, new Hopping.Model(0.5), BASE.plusSeconds(2L * i));
        }

        assertThat(readings).containsExactlyElementsOf(expected(10, 5));
        assertThat(currents(readings)).as("as Hopping's Javadoc shows").startsWith(1L, 2L, 3L, 1L, 2L, 1L, 2L, 3L, 1L, 2L);
        assertThat(deltas(readings).subList(0, 15)).as("seconds 0 to 28")
                .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 3L, 3L);
        assertThat(deltas(readings).subList(15, EVENTS)).containsOnly(5L);
        assertThat(h.counts().get(Hopping.COUNTER).at(new WindowRange(BASE.plusSeconds(5), BASE.plusSeconds(15))))
                .as("an event counts in both windows holding it: [5, 15) holds seconds 6 to 14").isEqualTo(5L);
    }

    @Test
    void the_timer_publishes_an_event_every_2_seconds_stamped_now() {
        TumblingApp t = Tumbling.create(driver.configure(cfg -> { }), readings::add);
        driver.start(t.app());
        driver.advanceTime(Tumbling.EVERY);

        assertThat(readings).hasSize(1);
        Reading r = readings.get(0);
        assertThat(r.current()).isEqualTo(1L);
        assertThat(r.value()).isEqualTo(1L);
        assertThat(r.delta30()).isEqualTo(0L);
        assertThat(r.now()).as("its window, unless a window ended between the publish and the read").isIn(0L, 1L);
    }
}
