package faust.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Timer and cron loops driven by a fake clock whose sleeps advance time: fully deterministic. */
class PeriodicTest {
    private static final long START = 5_000;
    private static final long INTERVAL = 1_000;

    private final AtomicLong now = new AtomicLong(START);
    private final List<Long> fired = new ArrayList<>();

    /** Sleeps by advancing the fake clock; says "stop" once {@code runs} bodies have fired. */
    private Periodic.Sleeper sleeperStoppingAfter(int runs) {
        return nanos -> {
            if (fired.size() >= runs) {
                return false;
            }
            now.addAndGet(nanos);
            return true;
        };
    }

    private Runnable bodyTaking(long... durations) {
        return () -> {
            long duration = durations[Math.min(fired.size(), durations.length - 1)];
            fired.add(now.get());
            now.addAndGet(duration);
        };
    }

    @Test
    void kth_tick_is_start_plus_k_intervals_whatever_the_body_takes() {
        Periodic.runTimer("svc", "t", now.get(), INTERVAL, now::get, sleeperStoppingAfter(5), () -> true,
                bodyTaking(0, 300, 900, 50, 999));

        assertThat(fired).containsExactly(6_000L, 7_000L, 8_000L, 9_000L, 10_000L);
    }

    @Test
    void overrun_skips_missed_ticks_instead_of_running_back_to_back() {
        Periodic.runTimer("svc", "t", now.get(), INTERVAL, now::get, sleeperStoppingAfter(4), () -> true,
                bodyTaking(0, 2_500, 0)); // the run at 7000 ends at 9500: ticks 8000 and 9000 are skipped

        assertThat(fired).containsExactly(6_000L, 7_000L, 10_000L, 11_000L);
    }

    @Test
    void timer_keeps_running_after_the_body_throws() {
        Runnable failingFirst = () -> {
            fired.add(now.get());
            if (fired.size() == 1) {
                throw new IllegalStateException("boom");
            }
        };
        Periodic.runTimer("svc", "t", now.get(), INTERVAL, now::get, sleeperStoppingAfter(3), () -> true, failingFirst);

        assertThat(fired).containsExactly(6_000L, 7_000L, 8_000L);
    }

    @Test
    void on_leader_false_skips_the_body() {
        var leader = new AtomicBoolean(false);
        var ticks = new AtomicLong();
        Periodic.Sleeper sleeper = nanos -> {
            if (ticks.incrementAndGet() > 4) {
                return false;
            }
            leader.set(ticks.get() >= 3); // becomes leader before the third tick
            now.addAndGet(nanos);
            return true;
        };
        Periodic.runTimer("svc", "t", now.get(), INTERVAL, now::get, sleeper, leader::get, () -> fired.add(now.get()));

        assertThat(fired).containsExactly(8_000L, 9_000L);
    }

    @Test
    void crontab_loop_fires_at_cron_times_in_its_zone_and_skips_times_missed_by_a_long_run() {
        var clock = new AtomicReference<>(Instant.parse("2024-03-29T12:00:00Z"));
        InstantSource source = clock::get;
        List<Instant> fires = new ArrayList<>();
        Periodic.Sleeper sleeper = nanos -> {
            if (fires.size() >= 3) {
                return false;
            }
            clock.set(clock.get().plusNanos(nanos));
            return true;
        };
        Runnable body = () -> {
            fires.add(clock.get());
            if (fires.size() == 1) {
                clock.set(clock.get().plus(Duration.ofHours(25))); // misses the 30 March run
            }
        };
        var cron = Crontab.parse("0 9 * * *", ZoneId.of("Europe/Oslo"));

        Periodic.runCrontab("svc", "c", cron, clock.get(), source, sleeper, () -> true, body);

        assertThat(fires).containsExactly(
                Instant.parse("2024-03-30T08:00:00Z"),  // 09:00 CET
                Instant.parse("2024-04-01T07:00:00Z"),  // 09:00 CEST; 31 March (07:00Z) passed during the 25 h run
                Instant.parse("2024-04-02T07:00:00Z"));
    }

    @Test
    void an_on_leader_crontab_runs_only_while_leader_and_a_worker_that_takes_over_runs_the_next_cron_time() {
        var clock = new AtomicReference<>(Instant.parse("2024-03-29T12:00:00Z"));
        var leader = new AtomicBoolean(true);
        var sleeps = new AtomicLong();
        List<Instant> fires = new ArrayList<>();
        Periodic.Sleeper sleeper = nanos -> {
            long n = sleeps.incrementAndGet();
            if (n > 5) {
                return false;
            }
            leader.set(n != 2 && n != 3);      // leadership lost before the 2nd and 3rd cron times, back for the 4th
            clock.set(clock.get().plusNanos(nanos));
            return true;
        };
        var cron = Crontab.parse("*/10 * * * *", ZoneId.of("UTC"));

        Periodic.runCrontab("svc", "c", cron, clock.get(), clock::get, sleeper, leader::get, () -> fires.add(clock.get()));

        assertThat(fires).containsExactly(
                Instant.parse("2024-03-29T12:10:00Z"),
                Instant.parse("2024-03-29T12:40:00Z"),     // 12:20 and 12:30 belonged to another leader
                Instant.parse("2024-03-29T12:50:00Z"));
    }
}
