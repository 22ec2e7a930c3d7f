package faust.sensor.internal;

import faust.sensor.Sensor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sensor registered with a {@link SensorDelegate}, with its failure bookkeeping: one slot per
 * hook, so reporting a failure needs no map lookup. The first failure of a hook is logged at WARN
 * with its stack trace; later ones at most once per interval, with how many were suppressed.
 */
final class SensorRegistration {
    private static final Logger log = LoggerFactory.getLogger(SensorDelegate.class);
    static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    final Sensor sensor;
    private final LongSupplier nanoClock;
    private final AtomicLongArray failures = new AtomicLongArray(SensorHook.COUNT);
    private final AtomicLongArray loggedFailures = new AtomicLongArray(SensorHook.COUNT);
    private final AtomicLongArray lastLogNanos = new AtomicLongArray(SensorHook.COUNT);

    SensorRegistration(Sensor sensor, LongSupplier nanoClock) {
        this.sensor = sensor;
        this.nanoClock = nanoClock;
    }

    /** @return the index of {@code sensor} (by identity) in {@code rs}, or -1 */
    static int indexOf(SensorRegistration[] rs, Sensor sensor) {
        for (int i = 0; i < rs.length; i++) {
            if (rs[i].sensor == sensor) {
                return i;
            }
        }
        return -1;
    }

    /** @return how many times the hook threw */
    long failures(SensorHook hook) {
        return failures.get(hook.ordinal());
    }

    /** Logs (rate-limited) a failure of the hook; rethrows {@link VirtualMachineError}s. */
    void failed(SensorHook hook, Throwable t) {
        if (t instanceof VirtualMachineError vme) {
            throw vme;
        }
        int h = hook.ordinal();
        long n = failures.incrementAndGet(h);
        long now = nanoClock.getAsLong();
        if (n == 1) {
            lastLogNanos.set(h, now);
            loggedFailures.set(h, 1);
            log.warn("Sensor {} failed in {}; the error was ignored (later failures of this hook are logged"
                    + " at most once a minute)", sensor, hook.method, t);
            return;
        }
        long last = lastLogNanos.get(h);
        if (now - last >= LOG_INTERVAL_NANOS && lastLogNanos.compareAndSet(h, last, now)) {
            long logged = loggedFailures.getAndSet(h, n);
            log.warn("Sensor {} failed {} more times in {} (errors ignored); latest error:",
                    sensor, n - logged, hook.method, t);
        }
    }
}
