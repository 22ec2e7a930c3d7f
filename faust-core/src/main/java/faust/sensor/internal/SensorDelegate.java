package faust.sensor.internal;

import faust.sensor.Monitor;
import faust.sensor.Sensor;
import faust.sensor.Sensors;
import faust.stream.Message;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The set of sensors an app reports to, like Faust's {@code SensorDelegate} ({@code app.sensors()}).
 * It is itself a {@link Sensor}: the runtime calls it once per hook and it forwards the call to every
 * registered sensor, in the order they were added.
 *
 * <p>State: a start hook (such as {@link #onCommitInitiated()}) returns a bundle of every sensor's
 * state, and the matching end hook hands each sensor back exactly the state it returned. Nothing is
 * allocated when every sensor returns null. A sensor added between a start and an end hook gets
 * {@code null} in the end hook; a sensor removed in between is not called.
 *
 * <p>Errors: an exception thrown by a sensor is caught, never reaches the runtime, and is logged at
 * WARN with its stack trace: the first failure of each sensor and hook at once, later ones at most
 * once a minute with a count, so a broken sensor cannot flood the log. {@link VirtualMachineError}s
 * are rethrown.
 *
 * <p>Thread-safe. The sensor list is a copy-on-write array: hooks read one volatile field and
 * iterate; {@link #add} and {@link #remove} copy it.
 *
 * @see Sensor
 * @see Monitor
 */
public final class SensorDelegate implements Sensor, Sensors, Iterable<Sensor> {
    private static final SensorRegistration[] NONE = {};

    private final Object lock = new Object();
    private final LongSupplier nanoClock;
    private volatile SensorRegistration[] sensors = NONE;
    private volatile @Nullable Monitor timedDirectly;
    /** {@link #timedDirectly} while it is registered, else null; kept by every change, read per send. */
    private volatile @Nullable Monitor directSendMonitor;
    /** Whether a sensor other than {@link #directSendMonitor} is registered; kept by every change, read per send. */
    private volatile boolean genericSendHooks;

    /** Creates an empty delegate. */
    public SensorDelegate() {
        this(System::nanoTime);
    }

    /** For tests: the clock that rate-limits failure logging. */
    SensorDelegate(LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * Registers a sensor. Adding a sensor that is already registered (the same instance) does nothing.
     *
     * @param sensor the sensor
     * @return true if it was added, false if it was already registered
     * @throws IllegalArgumentException if {@code sensor} is this delegate
     */
    @Override
    public boolean add(Sensor sensor) {
        Objects.requireNonNull(sensor, "sensor");
        if (sensor == this) {
            throw new IllegalArgumentException("a SensorDelegate cannot be added to itself");
        }
        synchronized (lock) {
            SensorRegistration[] cur = sensors;
            if (SensorRegistration.indexOf(cur, sensor) >= 0) {
                return false;
            }
            SensorRegistration[] next = Arrays.copyOf(cur, cur.length + 1);
            next[cur.length] = new SensorRegistration(sensor, nanoClock);
            sensors = next;
            updateDirectSendMonitor();
            return true;
        }
    }

    /**
     * Unregisters a sensor.
     *
     * @param sensor the sensor
     * @return true if it was registered
     */
    @Override
    public boolean remove(Sensor sensor) {
        Objects.requireNonNull(sensor, "sensor");
        synchronized (lock) {
            SensorRegistration[] cur = sensors;
            int i = SensorRegistration.indexOf(cur, sensor);
            if (i < 0) {
                return false;
            }
            SensorRegistration[] next = new SensorRegistration[cur.length - 1];
            System.arraycopy(cur, 0, next, 0, i);
            System.arraycopy(cur, i + 1, next, i, cur.length - i - 1);
            sensors = next;
            updateDirectSendMonitor();
            return true;
        }
    }

    /**
     * The app's runtime times sends for {@code monitor} itself ({@link Monitor#sendStarted},
     * {@link Monitor#sendCompleted}, {@link Monitor#sendFailed}), with no state boxed per send, so
     * the send hooks of this delegate skip it. Every other sensor gets the send hooks as usual.
     *
     * @param monitor the app's monitor
     */
    public void timeSendsDirectly(Monitor monitor) {
        synchronized (lock) {
            timedDirectly = Objects.requireNonNull(monitor, "monitor");
            updateDirectSendMonitor();
        }
    }

    /** @return the monitor the runtime times sends for directly, while it is registered; else null */
    public @Nullable Monitor directSendMonitor() {
        return directSendMonitor;
    }

    /**
     * @return whether {@link #onSendInitiated}, {@link #onSendCompleted} and {@link #onSendError}
     *     have any sensor to call: false when the only sensor is the {@linkplain #directSendMonitor
     *     directly timed monitor}, and the runtime may then skip them
     */
    public boolean hasGenericSendHooks() {
        return genericSendHooks;
    }

    /** Called with the lock held, after the sensors or the timed monitor changed. */
    private void updateDirectSendMonitor() {
        Monitor m = timedDirectly;
        SensorRegistration[] rs = sensors;
        Monitor direct = m != null && SensorRegistration.indexOf(rs, m) >= 0 ? m : null;
        directSendMonitor = direct;
        genericSendHooks = rs.length > (direct == null ? 0 : 1);
    }

    /**
     * @param sensor a sensor
     * @return true if this exact instance is registered
     */
    @Override
    public boolean contains(Sensor sensor) {
        return SensorRegistration.indexOf(sensors, sensor) >= 0;
    }

    /** @return how many sensors are registered */
    public int size() {
        return sensors.length;
    }

    /** @return the registered sensors, in the order they were added (a snapshot) */
    @Override
    public List<Sensor> asList() {
        return Arrays.stream(sensors).map(r -> r.sensor).toList();
    }

    /** @return an iterator over a snapshot of the registered sensors; it does not support {@code remove} */
    @Override
    public Iterator<Sensor> iterator() {
        return asList().iterator();
    }

    @Override
    public void onMessageIn(TP tp, long offset, Message message) {
        for (SensorRegistration r : sensors) {
            try {
                r.sensor.onMessageIn(tp, offset, message);
            } catch (Throwable t) {
                r.failed(SensorHook.MESSAGE_IN, t);
            }
        }
    }

    /**
     * Reports a fetched batch of one partition to each sensor's {@link Sensor#onMessagesIn}: the
     * default {@link Monitor} counts the whole batch in one update; other sensors get one
     * {@code onMessageIn} per message unless they override the batch hook. Called by the consumer
     * thread.
     *
     * @param tp the partition every message of the batch was read from
     * @param messages the batch, in offset order; an empty batch reports nothing
     */
    @Override
    public void onMessagesIn(TP tp, Message[] messages) {
        if (messages.length == 0) {
            return;
        }
        for (SensorRegistration r : sensors) {
            try {
                r.sensor.onMessagesIn(tp, messages);
            } catch (Throwable t) {
                r.failed(SensorHook.MESSAGE_IN, t);
            }
        }
    }

    @Override
    public @Nullable Object onStreamEventIn(TP tp, long offset, String stream, Message message) {
        SensorRegistration[] rs = sensors;
        @Nullable Object[] st = null;
        for (int i = 0; i < rs.length; i++) {
            try {
                st = SensorStates.put(st, rs.length, i, rs[i].sensor.onStreamEventIn(tp, offset, stream, message));
            } catch (Throwable t) {
                rs[i].failed(SensorHook.STREAM_EVENT_IN, t);
            }
        }
        return SensorStates.of(rs, st);
    }

    @Override
    public void onStreamEventOut(TP tp, long offset, String stream, Message message, @Nullable Object state) {
        SensorRegistration[] rs = sensors;
        for (int i = 0; i < rs.length; i++) {
            try {
                rs[i].sensor.onStreamEventOut(tp, offset, stream, message, SensorStates.get(state, rs[i], i));
            } catch (Throwable t) {
                rs[i].failed(SensorHook.STREAM_EVENT_OUT, t);
            }
        }
    }

    /**
     * Reports messages acked together (a stream's run of finished events) to each sensor's
     * {@link Sensor#onMessagesOut}: the default {@link Monitor} counts them in one update; other
     * sensors get one {@code onMessageOut} per message unless they override the batch hook.
     *
     * @param messages holds the messages
     * @param from index of the first
     * @param to index after the last
     */
    @Override
    public void onMessagesOut(Message[] messages, int from, int to) {
        if (to <= from) {
            return;
        }
        for (SensorRegistration r : sensors) {
            try {
                r.sensor.onMessagesOut(messages, from, to);
            } catch (Throwable t) {
                r.failed(SensorHook.MESSAGE_OUT, t);
            }
        }
    }

    @Override
    public void onMessageOut(TP tp, long offset, Message message) {
        for (SensorRegistration r : sensors) {
            try {
                r.sensor.onMessageOut(tp, offset, message);
            } catch (Throwable t) {
                r.failed(SensorHook.MESSAGE_OUT, t);
            }
        }
    }

    @Override
    public void onDecodeError(TP tp, long offset, Throwable error) {
        for (SensorRegistration r : sensors) {
            try {
                r.sensor.onDecodeError(tp, offset, error);
            } catch (Throwable t) {
                r.failed(SensorHook.DECODE_ERROR, t);
            }
        }
    }

    @Override
    public void onTopicBufferFull(String channel) {
        for (SensorRegistration r : sensors) {
            try {
                r.sensor.onTopicBufferFull(channel);
            } catch (Throwable t) {
                r.failed(SensorHook.TOPIC_BUFFER_FULL, t);
            }
        }
    }

    @Override
    public void onTableGet(String table, Object key) {
        for (SensorRegistration r : sensors) {
            try {
                r.sensor.onTableGet(table, key);
            } catch (Throwable t) {
                r.failed(SensorHook.TABLE_GET, t);
            }
        }
    }

    @Override
    public void onTableSet(String table, Object key, @Nullable Object value) {
        for (SensorRegistration r : sensors) {
            try {
                r.sensor.onTableSet(table, key, value);
            } catch (Throwable t) {
                r.failed(SensorHook.TABLE_SET, t);
            }
        }
    }

    @Override
    public void onTableDel(String table, Object key) {
        for (SensorRegistration r : sensors) {
            try {
                r.sensor.onTableDel(table, key);
            } catch (Throwable t) {
                r.failed(SensorHook.TABLE_DEL, t);
            }
        }
    }

    @Override
    public @Nullable Object onCommitInitiated() {
        SensorRegistration[] rs = sensors;
        @Nullable Object[] st = null;
        for (int i = 0; i < rs.length; i++) {
            try {
                st = SensorStates.put(st, rs.length, i, rs[i].sensor.onCommitInitiated());
            } catch (Throwable t) {
                rs[i].failed(SensorHook.COMMIT_INITIATED, t);
            }
        }
        return SensorStates.of(rs, st);
    }

    @Override
    public void onCommitCompleted(@Nullable Object state) {
        SensorRegistration[] rs = sensors;
        for (int i = 0; i < rs.length; i++) {
            try {
                rs[i].sensor.onCommitCompleted(SensorStates.get(state, rs[i], i));
            } catch (Throwable t) {
                rs[i].failed(SensorHook.COMMIT_COMPLETED, t);
            }
        }
    }

    @Override
    public @Nullable Object onSendInitiated(String topic, int keySize, int valueSize) {
        SensorRegistration[] rs = sensors;
        @Nullable Object[] st = null;
        for (int i = 0; i < rs.length; i++) {
            if (rs[i].sensor == timedDirectly) {
                continue;      // timed by the runtime itself
            }
            try {
                st = SensorStates.put(st, rs.length, i, rs[i].sensor.onSendInitiated(topic, keySize, valueSize));
            } catch (Throwable t) {
                rs[i].failed(SensorHook.SEND_INITIATED, t);
            }
        }
        return SensorStates.of(rs, st);
    }

    @Override
    public void onSendCompleted(@Nullable Object state, RecordMetadata metadata) {
        SensorRegistration[] rs = sensors;
        for (int i = 0; i < rs.length; i++) {
            if (rs[i].sensor == timedDirectly) {
                continue;      // timed by the runtime itself
            }
            try {
                rs[i].sensor.onSendCompleted(SensorStates.get(state, rs[i], i), metadata);
            } catch (Throwable t) {
                rs[i].failed(SensorHook.SEND_COMPLETED, t);
            }
        }
    }

    @Override
    public void onSendError(Throwable error, @Nullable Object state) {
        SensorRegistration[] rs = sensors;
        for (int i = 0; i < rs.length; i++) {
            if (rs[i].sensor == timedDirectly) {
                continue;      // timed by the runtime itself
            }
            try {
                rs[i].sensor.onSendError(error, SensorStates.get(state, rs[i], i));
            } catch (Throwable t) {
                rs[i].failed(SensorHook.SEND_ERROR, t);
            }
        }
    }

    @Override
    public @Nullable Object onAssignmentStart() {
        SensorRegistration[] rs = sensors;
        @Nullable Object[] st = null;
        for (int i = 0; i < rs.length; i++) {
            try {
                st = SensorStates.put(st, rs.length, i, rs[i].sensor.onAssignmentStart());
            } catch (Throwable t) {
                rs[i].failed(SensorHook.ASSIGNMENT_START, t);
            }
        }
        return SensorStates.of(rs, st);
    }

    @Override
    public void onAssignmentError(@Nullable Object state, Throwable error) {
        SensorRegistration[] rs = sensors;
        for (int i = 0; i < rs.length; i++) {
            try {
                rs[i].sensor.onAssignmentError(SensorStates.get(state, rs[i], i), error);
            } catch (Throwable t) {
                rs[i].failed(SensorHook.ASSIGNMENT_ERROR, t);
            }
        }
    }

    @Override
    public void onAssignmentCompleted(@Nullable Object state) {
        SensorRegistration[] rs = sensors;
        for (int i = 0; i < rs.length; i++) {
            try {
                rs[i].sensor.onAssignmentCompleted(SensorStates.get(state, rs[i], i));
            } catch (Throwable t) {
                rs[i].failed(SensorHook.ASSIGNMENT_COMPLETED, t);
            }
        }
    }

    @Override
    public @Nullable Object onRebalanceStart() {
        SensorRegistration[] rs = sensors;
        @Nullable Object[] st = null;
        for (int i = 0; i < rs.length; i++) {
            try {
                st = SensorStates.put(st, rs.length, i, rs[i].sensor.onRebalanceStart());
            } catch (Throwable t) {
                rs[i].failed(SensorHook.REBALANCE_START, t);
            }
        }
        return SensorStates.of(rs, st);
    }

    @Override
    public void onRebalanceReturn(@Nullable Object state) {
        SensorRegistration[] rs = sensors;
        for (int i = 0; i < rs.length; i++) {
            try {
                rs[i].sensor.onRebalanceReturn(SensorStates.get(state, rs[i], i));
            } catch (Throwable t) {
                rs[i].failed(SensorHook.REBALANCE_RETURN, t);
            }
        }
    }

    @Override
    public void onRebalanceEnd(@Nullable Object state) {
        SensorRegistration[] rs = sensors;
        for (int i = 0; i < rs.length; i++) {
            try {
                rs[i].sensor.onRebalanceEnd(SensorStates.get(state, rs[i], i));
            } catch (Throwable t) {
                rs[i].failed(SensorHook.REBALANCE_END, t);
            }
        }
    }

    @Override
    public @Nullable Object onWebRequestStart(String method, String path) {
        SensorRegistration[] rs = sensors;
        @Nullable Object[] st = null;
        for (int i = 0; i < rs.length; i++) {
            try {
                st = SensorStates.put(st, rs.length, i, rs[i].sensor.onWebRequestStart(method, path));
            } catch (Throwable t) {
                rs[i].failed(SensorHook.WEB_REQUEST_START, t);
            }
        }
        return SensorStates.of(rs, st);
    }

    @Override
    public void onWebRequestEnd(@Nullable Object state, int status) {
        SensorRegistration[] rs = sensors;
        for (int i = 0; i < rs.length; i++) {
            try {
                rs[i].sensor.onWebRequestEnd(SensorStates.get(state, rs[i], i), status);
            } catch (Throwable t) {
                rs[i].failed(SensorHook.WEB_REQUEST_END, t);
            }
        }
    }

    @Override
    public String toString() {
        return "SensorDelegate" + asList();
    }
}
