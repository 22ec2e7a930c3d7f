package faust.stream.internal;

import org.jspecify.annotations.Nullable;

/** The event the calling thread's stream is processing (Faust's {@code current_event()}). */
public final class CurrentEvent {
    private static final ThreadLocal<@Nullable EventImpl<?, ?>> CURRENT = new ThreadLocal<>();

    private CurrentEvent() {}

    /** @return the event the calling thread's stream is processing, or null outside a stream */
    public static @Nullable EventImpl<?, ?> get() {
        return CURRENT.get();
    }

    /** @param event the calling thread's current event, or null to clear it */
    public static void set(@Nullable EventImpl<?, ?> event) {
        CURRENT.set(event);
    }
}
