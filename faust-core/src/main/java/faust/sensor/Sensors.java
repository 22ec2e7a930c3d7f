package faust.sensor;

import java.util.List;

/**
 * The sensors an app reports to ({@code app.sensors()}, Faust's {@code app.sensors}): the app's
 * {@link Monitor} and any added here. Each hook goes to every sensor, in the order added; a sensor
 * that throws is logged (rate-limited) and never stops the runtime. Thread-safe.
 */
public interface Sensors {
    /**
     * Registers a sensor; adding one already registered (the same instance) does nothing.
     *
     * @param sensor the sensor
     * @return true if it was added, false if it was already registered
     */
    boolean add(Sensor sensor);

    /**
     * Unregisters a sensor.
     *
     * @param sensor the sensor
     * @return true if it was registered
     */
    boolean remove(Sensor sensor);

    /**
     * @param sensor a sensor
     * @return true if this exact instance is registered
     */
    boolean contains(Sensor sensor);

    /** @return the registered sensors, in the order they were added (a snapshot) */
    List<Sensor> asList();
}
