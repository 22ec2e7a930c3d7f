package faust.service;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The loops behind timers and cron jobs. Clock and sleep are parameters so tests can fake time. */
final class Periodic {
    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    /** Sleeps; returns {@code false} as soon as the owning service must stop. */
    @FunctionalInterface
    interface Sleeper {
        boolean sleepNanos(long nanos);
    }

    private Periodic() {}

    /** Runs {@code body} at start + k * interval (k = 1, 2, ...) until the sleeper says stop. */
    static void runTimer(String label, String name, long startNanos, long intervalNanos, LongSupplier ticker,
            Sleeper sleeper, BooleanSupplier isLeader, Runnable body) {
        var schedule = new TimerSchedule(startNanos, intervalNanos);
        while (sleeper.sleepNanos(schedule.nanosUntilNext(ticker.getAsLong()))) {
            if (schedule.nanosUntilNext(ticker.getAsLong()) > 0) {
                continue; // woke early; sleep the rest
            }
            fire(label, name, isLeader, body);
            long skipped = schedule.advance(ticker.getAsLong());
            if (skipped > 0) {
                log.warn("[{}] Timer {} overran its interval of {}; skipped {} tick(s)", label, name,
                        Duration.ofNanos(intervalNanos), skipped);
            }
        }
    }

    /** Runs {@code body} at every fire time of {@code cron} after {@code start}, until the sleeper says stop. */
    static void runCrontab(String label, String name, Crontab cron, Instant start, InstantSource clock, Sleeper sleeper,
            BooleanSupplier isLeader, Runnable body) {
        Instant after = start;
        while (true) {
            Instant next = cron.nextAfter(after);
            Instant now;
            do { // loop: wall clock and the sleep's monotonic clock may disagree slightly
                now = clock.instant();
                if (!sleeper.sleepNanos(Math.max(0, Duration.between(now, next).toNanos()))) {
                    return;
                }
            } while (clock.instant().isBefore(next));
            fire(label, name, isLeader, body);
            Instant end = clock.instant();
            after = end.isAfter(next) ? end : next;
            if (cron.nextAfter(next).isBefore(end)) {
                log.warn("[{}] Cron job {} ran past its next fire time; skipping to the one after {}",
                        label, name, end);
            }
        }
    }

    /** One run: checks the on-leader guard, then runs the body; a failing body is logged, never rethrown. */
    static void fire(String label, String name, BooleanSupplier isLeader, Runnable body) {
        boolean leader;
        try {
            leader = isLeader.getAsBoolean();
        } catch (RuntimeException e) {
            log.error("[{}] {}: the on-leader check failed; skipping this run", label, name, e);
            return;
        }
        if (!leader) {
            log.debug("[{}] {}: not the leader; skipping this run", label, name);
            return;
        }
        try {
            body.run();
        } catch (RuntimeException e) {
            log.error("[{}] {} failed; it will run again at its next time", label, name, e);
        }
    }
}
