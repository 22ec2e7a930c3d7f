package faust.table.internal;

import faust.stream.Event;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A windowed table's time relativity (Faust's {@code relative_to_*}): the timestamp a write or a
 * read of an event uses, and whether windows close on the stream time of each partition or on the
 * wall clock.
 */
sealed interface WindowTime {
    /** Epoch seconds below this are read as seconds, at or above as milliseconds (10^11 s is the year 5138). */
    double SECONDS_LIMIT = 1e11;

    /**
     * @param event the event
     * @return its timestamp in epoch milliseconds
     * @throws IllegalArgumentException when the event has no usable timestamp (a field missing or unparsable)
     */
    long of(Event<?, ?> event);

    /** @return whether windows close on the wall clock rather than on each partition's stream time */
    default boolean wallClock() {
        return false;
    }

    /** The event's message timestamp (the default, Faust's {@code relative_to_stream}). */
    record Stream() implements WindowTime {
        @Override
        public long of(Event<?, ?> event) {
            return event.message().timestamp();
        }
    }

    /** The wall clock (Faust's {@code relative_to_now}). */
    record Now() implements WindowTime {
        @Override
        public long of(Event<?, ?> event) {
            return System.currentTimeMillis();
        }

        @Override
        public boolean wallClock() {
            return true;
        }
    }

    /** @param at a fixed instant */
    record Fixed(Instant at) implements WindowTime {
        @Override
        public long of(Event<?, ?> event) {
            return at.toEpochMilli();
        }
    }

    /** @param fn a function of the event */
    record Of(Function<? super Event<?, ?>, Instant> fn) implements WindowTime {
        @Override
        public long of(Event<?, ?> event) {
            Instant t = fn.apply(event);
            if (t == null) {
                throw new IllegalArgumentException("the table's relativeTo function returned null");
            }
            return t.toEpochMilli();
        }
    }

    /** @param field reads a field of the event's value (Faust's {@code relative_to_field}) */
    record Field(Function<Object, ?> field) implements WindowTime {
        @Override
        public long of(Event<?, ?> event) {
            Object value = event.value();
            if (value == null) {
                throw new IllegalArgumentException("the event has no value to read the table's time field from");
            }
            return parse(field.apply(value));
        }
    }

    /**
     * @param v a timestamp field's value
     * @return it in epoch milliseconds
     * @throws IllegalArgumentException when it is missing or not a timestamp
     */
    static long parse(@Nullable Object v) {
        return switch (v) {
            case null -> throw new IllegalArgumentException("the time field is missing (null)");
            case Instant i -> i.toEpochMilli();
            case Date d -> d.getTime();
            case Number n -> epoch(n.doubleValue(), v);
            case TemporalAccessor t when t.isSupported(ChronoField.INSTANT_SECONDS) -> Instant.from(t).toEpochMilli();
            case CharSequence s -> parseText(s.toString().strip());
            default -> throw new IllegalArgumentException("the time field is a " + v.getClass().getName()
                    + " (" + v + "), not an instant, a date-time with an offset, epoch seconds or milliseconds, or an "
                    + "ISO-8601 string");
        };
    }

    private static long epoch(double d, Object v) {
        if (Double.isNaN(d) || Double.isInfinite(d) || d < 0) {
            throw new IllegalArgumentException("the time field " + v + " is not an epoch time");
        }
        return d < SECONDS_LIMIT ? Math.round(d * 1000) : Math.round(d);
    }

    private static long parseText(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the time field is an empty string");
        }
        try {
            return epoch(Double.parseDouble(s), s);
        } catch (NumberFormatException notNumber) {
            // an ISO-8601 date-time follows
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();     // no offset: UTC
                } catch (DateTimeParseException e3) {
                    throw new IllegalArgumentException("the time field '" + (s.length() > 64 ? s.substring(0, 64) + "..." : s)
                            + "' is not an ISO-8601 date-time with an offset (2026-12-07T10:15:30Z; "
                            + "without one, UTC), epoch seconds or epoch milliseconds", e3);
                }
            }
        }
    }
}
