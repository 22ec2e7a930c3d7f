package faust.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    @Test
    void time_moves_only_when_advanced() {
        ManualClock clock = new ManualClock(Instant.parse("2030-05-01T10:00:00Z"));
        assertThat(clock.nanoTime()).isZero();
        clock.advance(Duration.ofMinutes(90));
        assertThat(clock.nanoTime()).isEqualTo(Duration.ofMinutes(90).toNanos());
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-05-01T11:30:00Z"));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_sleeping_timer_wakes_when_its_time_comes_and_await_timers_sees_it_asleep_again() throws InterruptedException {
        ManualClock clock = new ManualClock();
        List<Long> woke = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        clock.timerStarted();
        Thread timer = Thread.ofVirtual().start(() -> {
            try {
                long next = 1_000;
                while (clock.sleepUntil(next, stop::get)) {
                    woke.add(clock.nanoTime());
                    next += 1_000;
                }
            } finally {
                clock.timerEnded();
            }
        });
        clock.awaitTimers(Duration.ofSeconds(5));
        assertThat(clock.untilNextTimer()).contains(Duration.ofNanos(1_000));
        assertThat(woke).isEmpty();

        clock.advance(Duration.ofNanos(1_500));
        clock.awaitTimers(Duration.ofSeconds(5));
        assertThat(woke).containsExactly(1_500L);
        assertThat(clock.untilNextTimer()).contains(Duration.ofNanos(500));

        stop.set(true);
        timer.join(5_000);
        assertThat(timer.isAlive()).isFalse();
        assertThat(clock.untilNextTimer()).isEmpty();
    }

    @Test
    void await_timers_fails_while_a_started_timer_has_not_gone_to_sleep() {
        ManualClock clock = new ManualClock();
        clock.timerStarted();
        assertThatThrownBy(() -> clock.awaitTimers(Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("1 started, 0 waiting");
    }
}
