package faust.sensor.internal;

import org.jspecify.annotations.Nullable;

/**
 * The states a {@link SensorDelegate} start hook collected, one per sensor, so each end hook hands
 * every sensor back its own state. Only allocated when some sensor returned a non-null state.
 */
final class SensorStates {
    private final SensorRegistration[] sensors;
    private final @Nullable Object[] states;

    private SensorStates(SensorRegistration[] sensors, @Nullable Object[] states) {
        this.sensors = sensors;
        this.states = states;
    }

    /** Records {@code state} for sensor {@code i}; allocates the array on the first non-null state. */
    static @Nullable Object @Nullable [] put(@Nullable Object @Nullable [] states, int n, int i, @Nullable Object state) {
        if (state == null) {
            return states;
        }
        @Nullable Object[] s = states != null ? states : new Object[n];
        s[i] = state;
        return s;
    }

    static @Nullable Object of(SensorRegistration[] sensors, @Nullable Object @Nullable [] states) {
        return states == null ? null : new SensorStates(sensors, states);
    }

    /**
     * The state {@code r} returned from the start hook, or null if it returned none, was added after
     * the start hook ran, or {@code bundle} is not ours.
     *
     * @param hint r's index in the current sensor array; right unless sensors changed in between
     */
    static @Nullable Object get(@Nullable Object bundle, SensorRegistration r, int hint) {
        if (!(bundle instanceof SensorStates b)) {
            return null;
        }
        if (hint < b.sensors.length && b.sensors[hint] == r) {
            return b.states[hint];
        }
        for (int i = 0; i < b.sensors.length; i++) {
            if (b.sensors[i] == r) {
                return b.states[i];
            }
        }
        return null;
    }
}
