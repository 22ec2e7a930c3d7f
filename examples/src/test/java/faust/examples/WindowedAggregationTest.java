package faust.examples;

import static org.assertj.core.api.Assertions.assertThat;

import faust.AppTestDriver;
import faust.examples.WindowedAggregation.AggModel;
import faust.examples.WindowedAggregation.RawModel;
import faust.examples.WindowedAggregation.WindowedAggregationApp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WindowedAggregationTest {
    /** On a 10-second boundary. */
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private final AppTestDriver driver = AppTestDriver.create();
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private final WindowedAggregationApp agg = WindowedAggregation.create(driver.configure(cfg -> { }), printed::add);

    @AfterEach
    void stop() {
        driver.close();
    }

    private void event(double secondsAfterT0, double value) {
        driver.pipeInput(agg.source(), new RawModel(T0.plusMillis(Math.round(secondsAfterT0 * 1000)), value));
    }

    @Test
    void a_window_s_count_and_mean_go_to_the_sink_once_its_dates_pass_its_end_plus_expires() {
        driver.start(agg.app());
        event(1, 1.0);
        event(3, 2.0);
        event(9.5, 4.5);
        event(10.5, 3.0);
        assertThat(driver.readValues(agg.sink())).as("the latest date, 10.5 s, is before the close at 10 + 1 s").isEmpty();

        event(11, 8.0);
        assertThat(driver.readValues(agg.sink())).containsExactly(new AggModel(T0, 3, (1.0 + 2.0 + 4.5) / 3));
        assertThat(printed).containsExactly("processing window: 3 events, mean: 2.50, timestamp 2026-06-01T12:00:00Z");

        event(5, 100.0);
        assertThat(agg.app().monitor().tables().get("tumbling_table").lateWrites()).as("dated in the closed window")
                .isEqualTo(1);
        event(21, 0.5);
        assertThat(driver.readValues(agg.sink())).as("the late value counted nowhere")
                .containsExactly(new AggModel(T0.plusSeconds(10), 2, (3.0 + 8.0) / 2));
    }
}
