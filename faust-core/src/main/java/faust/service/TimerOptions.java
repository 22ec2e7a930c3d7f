package faust.service;

import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What can be set on a timer or cron job, in the lambda given to {@code app.timer(...)} or
 * {@code app.crontab(...)}: {@code app.timer(Duration.ofSeconds(10), t -> t.name("report").onLeader(), body)}.
 * Not thread-safe; used while declaring.
 */
public final class TimerOptions {
    @Nullable String name;
    boolean onLeader;
    @Nullable ZoneId timezone;

    TimerOptions() {}

    /**
     * @param name the timer's name, in logs and its thread's name (default {@code timer-N} or {@code crontab-N})
     * @return this
     */
    public TimerOptions name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Runs the timer only on the group's leader worker (Faust's {@code on_leader=True}); on other
     * workers each run is skipped.
     *
     * @return this
     */
    public TimerOptions onLeader() {
        return onLeader(true);
    }

    /**
     * @param on run only on the group's leader worker
     * @return this
     */
    public TimerOptions onLeader(boolean on) {
        this.onLeader = on;
        return this;
    }

    /**
     * @param zone the zone a cron spec is read in (default: the app's {@code timezone} setting, or UTC
     *     for a service outside an app); no effect on interval timers
     * @return this
     */
    public TimerOptions timezone(ZoneId zone) {
        this.timezone = Objects.requireNonNull(zone, "zone");
        return this;
    }
}
