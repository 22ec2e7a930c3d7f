package faust;

import java.util.UUID;

/** Small helpers Faust has at module level. */
public final class Faust {
    private Faust() {}

    /** @return a random UUID string, as Faust's {@code faust.uuid()} */
    public static String uuid() {
        return UUID.randomUUID().toString();
    }
}
