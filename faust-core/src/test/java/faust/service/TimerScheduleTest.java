package faust.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimerScheduleTest {

    @Test
    void first_tick_is_one_interval_after_start() {
        var schedule = new TimerSchedule(1_000, 100);
        assertThat(schedule.nextTick()).isEqualTo(1_100);
        assertThat(schedule.nanosUntilNext(1_030)).isEqualTo(70);
        assertThat(schedule.nanosUntilNext(1_200)).isZero();
    }

    @Test
    void ticks_stay_anchored_to_start_when_runs_take_time() {
        var schedule = new TimerSchedule(0, 100);
        assertThat(schedule.advance(190)).isZero(); // run at 100 took 90
        assertThat(schedule.nextTick()).isEqualTo(200);
        assertThat(schedule.advance(200)).isZero(); // ended exactly on the next tick: run it at once
        assertThat(schedule.nextTick()).isEqualTo(300);
    }

    @Test
    void overrun_skips_the_missed_ticks() {
        var schedule = new TimerSchedule(0, 100);
        assertThat(schedule.advance(350)).isEqualTo(2); // run at 100 ended at 350: ticks 200 and 300 missed
        assertThat(schedule.nextTick()).isEqualTo(400);
    }
}
