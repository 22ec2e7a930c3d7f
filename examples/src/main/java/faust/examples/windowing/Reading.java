package faust.examples.windowing;

import faust.table.WindowSet;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the windowing examples print for each event: a counter's value in four of its windows.
 *
 * @param now the window holding the wall clock's now ({@link WindowSet#now()})
 * @param current the latest window holding the event's message timestamp ({@link WindowSet#current()})
 * @param value the latest window holding the table's timestamp of the event ({@link WindowSet#value()})
 * @param delta30 the window that was current 30 s before the event ({@link WindowSet#delta(Duration)})
 */
public record Reading(long now, long current, long value, long delta30) {
    static final Duration DELTA = Duration.ofSeconds(30);

    /**
     * Reads a counter; call it while the agent processes an event.
     *
     * @param counter the counter's windows
     * @return its four readings
     */
    static Reading of(WindowSet<String, Long> counter) {
        return new Reading(read(counter.now()), read(counter.current()), read(counter.value()), read(counter.delta(DELTA)));
    }

    private static long read(@Nullable Long count) {
        return Objects.requireNonNull(count, "a counter with a default has a value in every window");
    }

    /**
     * @param window how the example's windows are named, e.g. {@code tumbling(10)}
     * @return the lines Faust's example prints for an event
     */
    public String lines(String window) {
        return "-- New Event (every 2 secs) written to " + window + " --\n"
                + "now(): " + now + "\n"
                + "current(): " + current + "\n"
                + "value(): " + value + "\n"
                + "delta(30): " + delta30;
    }
}
