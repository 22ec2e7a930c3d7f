package faust.service;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import faust.errors.ImproperlyConfiguredException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A UNIX cron schedule (five fields: minute, hour, day of month, month, day of week) evaluated in a
 * time zone, as used by Faust's {@code @app.crontab(cron_format, timezone=...)}.
 *
 * <p>Fire times are computed in {@link #timezone()}, so {@code "0 9 * * *"} in {@code Europe/Oslo}
 * fires at 09:00 local time on both sides of a daylight-saving change. Parsing and evaluation are
 * done by cron-utils.
 *
 * <p>Immutable and thread-safe.
 *
 * @see Service#addCrontab(String, java.util.function.Consumer, Runnable)
 */
public final class Crontab {
    private final String spec;
    private final ZoneId timezone;
    private final ExecutionTime executionTime;

    private Crontab(String spec, ZoneId timezone, ExecutionTime executionTime) {
        this.spec = spec;
        this.timezone = timezone;
        this.executionTime = executionTime;
    }

    /**
     * Parses a UNIX cron spec evaluated in UTC.
     *
     * @param spec five cron fields, e.g. {@code "30 18 * * *"}
     * @return the schedule
     * @throws ImproperlyConfiguredException if {@code spec} is not a valid UNIX cron spec
     */
    public static Crontab parse(String spec) {
        return parse(spec, ZoneOffset.UTC);
    }

    /**
     * Parses a UNIX cron spec evaluated in the given time zone.
     *
     * @param spec five cron fields, e.g. {@code "30 18 * * *"}
     * @param timezone the zone in which the fields are read
     * @return the schedule
     * @throws ImproperlyConfiguredException if {@code spec} is not a valid UNIX cron spec, naming the spec
     *     and the parser's complaint
     */
    public static Crontab parse(String spec, ZoneId timezone) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(timezone, "timezone");
        ExecutionTime executionTime;
        try {
            var parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
            executionTime = ExecutionTime.forCron(parser.parse(spec.trim()).validate());
        } catch (RuntimeException e) { // cron-utils reports bad specs as IllegalArgumentException, a few as others
            throw new ImproperlyConfiguredException(
                    "Invalid crontab spec '" + spec + "': " + e.getMessage()
                            + ". Use five UNIX cron fields: minute hour day-of-month month day-of-week,"
                            + " for example '30 18 * * *'",
                    e);
        }
        var crontab = new Crontab(spec.trim(), timezone, executionTime);
        if (crontab.next(Instant.now()) == null) {
            throw new ImproperlyConfiguredException(
                    "Crontab spec '" + spec + "' never fires. Check the day-of-month and month fields");
        }
        return crontab;
    }

    /**
     * Returns the first fire time strictly after {@code instant}.
     *
     * @param instant the reference instant
     * @return the next fire time, {@code > instant}
     * @throws IllegalStateException if the schedule has no further fire time
     */
    public Instant nextAfter(Instant instant) {
        Instant next = next(Objects.requireNonNull(instant, "instant"));
        if (next == null) {
            throw new IllegalStateException("Crontab '" + spec + "' has no fire time after " + instant);
        }
        return next;
    }

    /**
     * Returns how long it is from {@code now} to the next fire time.
     *
     * @param now the current instant
     * @return a positive duration, {@code nextAfter(now) - now}
     * @throws IllegalStateException if the schedule has no further fire time
     */
    public Duration untilNext(Instant now) {
        return Duration.between(now, nextAfter(now));
    }

    /**
     * Returns the spec as given (trimmed).
     *
     * @return the five cron fields
     */
    public String spec() {
        return spec;
    }

    /**
     * Returns the zone in which the spec is evaluated.
     *
     * @return the time zone
     */
    public ZoneId timezone() {
        return timezone;
    }

    private @Nullable Instant next(Instant instant) {
        ZonedDateTime from = instant.atZone(timezone);
        return executionTime.nextExecution(from).map(ZonedDateTime::toInstant).orElse(null);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Crontab c && c.spec.equals(spec) && c.timezone.equals(timezone);
    }

    @Override
    public int hashCode() {
        return spec.hashCode() * 31 + timezone.hashCode();
    }

    @Override
    public String toString() {
        return "Crontab[" + spec + " " + timezone + "]";
    }
}
