package faust;

import faust.stream.Event;
import faust.stream.internal.CurrentEvent;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Small helpers Faust has at module level ({@code faust.uuid()}, {@code faust.current_event()}). */
public final class Faust {
    private Faust() {}

    /** @return a random UUID string, as Faust's {@code faust.uuid()} */
    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    /**
     * The event the calling thread's stream is processing, as Faust's {@code faust.current_event()}:
     * inside an agent's loop, the event behind the value in hand.
     *
     * @return the event, or null outside a stream
     */
    public static @Nullable Event<?, ?> currentEvent() {
        return CurrentEvent.get();
    }
}
