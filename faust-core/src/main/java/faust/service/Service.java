package faust.service;

import faust.errors.ImproperlyConfiguredException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component that can be started, stopped, restarted and crashed, with dependencies, background
 * tasks, drift-corrected timers and cron jobs: the JVM counterpart of Faust's {@code mode.Service}.
 *
 * <p>Lifecycle ({@link ServiceState}): {@link #start()} starts the dependencies in the order they were
 * added, calls {@link #onStart()}, launches the tasks (each on its own virtual thread named
 * {@code <label>-<task>}) and calls {@link #onStarted()}. {@link #stop()} wakes every {@link #sleep(Duration)},
 * waits up to {@link #shutdownTimeout()} for the tasks, interrupts stragglers, calls {@link #onStop()},
 * stops the dependencies in reverse order and calls {@link #onShutdown()}. An exception escaping a task
 * {@linkplain #crash(Throwable) crashes} the service; a crashed dependency crashes the services that
 * depend on it, so a crash anywhere stops the app.
 *
 * <p>Subclasses override the {@code on*} hooks and register work in their constructor:
 * <pre>{@code
 * final class Committer extends Service {
 *     Committer(Consumer consumer) {
 *         super("committer");
 *         addTimer(Duration.ofSeconds(30), t -> t.name("commit"), consumer::commit);
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safety: all public methods may be called from any thread. State is guarded by a
 * {@code ReentrantLock}, never {@code synchronized}, so virtual threads are not pinned. Hooks run on the
 * thread that calls {@code start()}/{@code stop()}.
 *
 * @see ServiceState
 * @see Crontab
 */
public abstract class Service {
    private static final Logger log = LoggerFactory.getLogger(Service.class);
    private final String label;
    private final Diag diag = new Diag();
    private final List<Service> dependencies = new CopyOnWriteArrayList<>();
    /** The services that depend on this one: a timer on the leader asks them whether their worker leads. */
    private final List<Service> dependents = new CopyOnWriteArrayList<>();
    private final AtomicInteger timerIds = new AtomicInteger();
    private volatile TimerClock clock = TimerClock.SYSTEM;
    private final List<TaskSpec> tasks = new CopyOnWriteArrayList<>();
    private final List<CrashListener> crashListeners = new CopyOnWriteArrayList<>();
    private final CrashListener dependencyCrashed = this::onDependencyCrashed;
    private final ServiceThreads threads = new ServiceThreads();
    private final Lifecycle lifecycle;

    /** A task: {@code launch} makes its body on the thread that starts the service, just before its own thread starts. */
    private record TaskSpec(String name, Supplier<ThrowingRunnable> launch) {}

    /**
     * Creates a service in state {@link ServiceState#INIT}.
     *
     * @param label the name used in logs and thread names, e.g. {@code "consumer"}; not blank
     * @throws ImproperlyConfiguredException if {@code label} is blank
     */
    protected Service(String label) {
        this.label = checkName("label", label);
        this.lifecycle = new Lifecycle(this.label);
    }

    // ---- hooks -------------------------------------------------------------------------------

    /** Called by {@link #start()} after the dependencies started and before the tasks launch. */
    protected void onStart() {}

    /** Called by {@link #start()} once the tasks are running. */
    protected void onStarted() {}

    /** Called by {@link #stop()} after the tasks ended, before the dependencies stop. Also after a failed start. */
    protected void onStop() {}

    /** Called last by {@link #stop()}, after the dependencies stopped. */
    protected void onShutdown() {}

    /** Called by {@link #restart()} between the stop and the new start. */
    protected void onRestart() {}

    /**
     * How long {@link #stop()} waits for tasks to end before interrupting them. Override to change.
     *
     * @return the timeout; 10 seconds by default
     */
    protected Duration shutdownTimeout() {
        return Duration.ofSeconds(10);
    }

    /**
     * Whether this service's worker is its group's leader, asked before each run of a timer declared
     * {@link TimerOptions#onLeader()}. By default a service that others depend on asks them (so a
     * service added to an app follows the app's leader election) and one that stands alone leads.
     *
     * @return true to run leader-only timers now
     */
    protected boolean isLeader() {
        if (dependents.isEmpty()) {
            return true;
        }
        for (Service s : dependents) {
            if (s.isLeader()) {
                return true;
            }
        }
        return false;
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    /**
     * Starts the dependencies (in order), calls {@link #onStart()}, launches tasks, timers and cron jobs,
     * and calls {@link #onStarted()}. Does nothing if already starting or running.
     *
     * @throws IllegalStateException if the service is still stopping
     * @throws RuntimeException whatever a hook or dependency threw; the service is then {@link ServiceState#CRASHED}
     */
    public final void start() {
        if (!lifecycle.beginStart()) {
            return;
        }
        try {
            for (Service dependency : dependencies) {
                dependency.start();
            }
            if (lifecycle.stopRequested()) {
                return; // crashed or stopped by another thread meanwhile
            }
            onStart();
            tasks.forEach(this::launch);
            if (lifecycle.moveIfIn(ServiceState.STARTING, ServiceState.RUNNING)) {
                onStarted();
            }
        } catch (RuntimeException | Error e) {
            crash(e, () -> { }); // rethrown below, so not logged here
            throw e;
        }
    }

    /**
     * Stops tasks, timers and cron jobs, calls {@link #onStop()}, stops the dependencies in reverse order
     * and calls {@link #onShutdown()}. Idempotent: later calls wait for the first to finish and return.
     * A task calling {@code stop()} on its own service does not wait for itself.
     */
    public final void stop() {
        switch (lifecycle.beginStop()) {
            case SHUT_DOWN -> shutdown();
            case WAIT -> {
                if (!threads.isOwn(Thread.currentThread())) {
                    lifecycle.awaitShutdown(Long.MAX_VALUE);
                }
            }
            case NOTHING -> { }
        }
    }

    /**
     * Stops the service, increments {@link #restartCount()}, calls {@link #onRestart()} and starts it again.
     *
     * @throws RuntimeException whatever {@link #start()} or {@link #onRestart()} threw
     */
    public final void restart() {
        stop();
        lifecycle.incrementRestartCount();
        onRestart();
        start();
    }

    /**
     * Crashes the service: records {@code reason}, moves to {@link ServiceState#CRASHED}, stops the service
     * like {@link #stop()} and then notifies the {@linkplain #addCrashListener crash listeners} (including
     * services that depend on this one). Ignored if the service already crashed or stopped.
     *
     * @param reason the error; logged at ERROR with its stack trace
     */
    public final void crash(Throwable reason) {
        Objects.requireNonNull(reason, "reason");
        crash(reason, () -> log.error("[{}] Service crashed", label, reason));
    }

    /**
     * Blocks until the service has fully stopped (state {@link ServiceState#STOPPED} or
     * {@link ServiceState#CRASHED} with shutdown complete) or the timeout passes.
     *
     * @param timeout how long to wait at most
     * @return {@code true} if the service has stopped, {@code false} on timeout or interrupt (the
     *     interrupt flag is kept)
     */
    public final boolean waitUntilStopped(Duration timeout) {
        return lifecycle.awaitShutdown(saturatedNanos(timeout));
    }

    /**
     * Sleeps for {@code duration}, returning early as soon as the service is asked to stop. Use it in
     * task loops: {@code while (sleep(Duration.ofSeconds(1))) { ... }}.
     *
     * @param duration how long to sleep
     * @return {@code true} if the full duration passed and the service should keep running;
     *     {@code false} if it must stop (or the thread was interrupted, whose flag is then kept)
     */
    public final boolean sleep(Duration duration) {
        return lifecycle.sleepNanos(saturatedNanos(duration));
    }

    // ---- composition -------------------------------------------------------------------------

    /**
     * Adds a dependency: it is started before this service and stopped after it, and its crash crashes
     * this service. If this service is already running, the dependency is started now.
     *
     * @param service the dependency; adding it twice has no effect
     * @param <S> its type
     * @return {@code service}, for chaining
     * @throws IllegalArgumentException if {@code service} is this service
     */
    public final <S extends Service> S addDependency(S service) {
        Objects.requireNonNull(service, "service");
        if (service == this) {
            throw new IllegalArgumentException("Service " + label + " cannot depend on itself");
        }
        if (dependencies.contains(service)) {
            return service;
        }
        dependencies.add(service);
        Service dependency = service;
        dependency.dependents.add(this);
        if (dependency.clock == TimerClock.SYSTEM && dependency.state() == ServiceState.INIT) {
            dependency.clock = clock;
        }
        service.addCrashListener(dependencyCrashed);
        if (state() == ServiceState.RUNNING) {
            service.start();
        }
        return service;
    }

    /**
     * Registers a listener called after this service crashed and stopped.
     *
     * @param listener the listener; runs on the crashing thread, exceptions are logged and ignored
     */
    public final void addCrashListener(CrashListener listener) {
        crashListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Adds a background task, run on a virtual thread named {@code <label>-<name>} each time the service
     * starts (at once if it is already running). Loop with {@code while (sleep(...))} or check
     * {@link #shouldStop()}. An exception crashes the service; interruption after stop is normal.
     *
     * @param name the task name, not blank
     * @param body the task
     * @throws ImproperlyConfiguredException if {@code name} is blank
     */
    public final void addTask(String name, ThrowingRunnable body) {
        Objects.requireNonNull(body, "body");
        addTaskSpec(new TaskSpec(checkName("task name", name), () -> body));
    }

    private void addTaskSpec(TaskSpec spec) {
        tasks.add(spec);
        if (state() == ServiceState.RUNNING) {
            launch(spec);
        }
    }

    /**
     * Adds a timer that runs {@code body} every {@code interval} while the service runs.
     *
     * <p>Drift correction: the k-th run is due at {@code start + k * interval}, however long the runs
     * take. If a run overruns whole intervals, the missed ticks are skipped (logged at WARN), not run
     * back-to-back. The first run comes one interval after the start. With
     * {@link TimerOptions#onLeader()}, a run on a worker that is not the leader ({@link #isLeader()})
     * is skipped (logged at DEBUG).
     *
     * @param interval time between runs, positive
     * @param options the timer's name and whether it runs on the leader only
     * @param body what to run; exceptions are logged and the timer continues
     * @throws ImproperlyConfiguredException if the name is blank or {@code interval} is not positive
     */
    public final void addTimer(Duration interval, Consumer<TimerOptions> options, Runnable body) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(body, "body");
        TimerOptions o = options(options);
        String name = checkName("timer name", o.name != null ? o.name : "timer-" + timerIds.incrementAndGet());
        if (interval.isNegative() || interval.isZero()) {
            throw new ImproperlyConfiguredException(
                    "Timer " + name + " of service " + label + " needs a positive interval, got " + interval);
        }
        long nanos = interval.toNanos();
        BooleanSupplier leader = guard(o);
        addTaskSpec(new TaskSpec(name, () -> {
            TimerClock c = clock;
            long start = c.nanoTime();
            c.timerStarted();
            return () -> {
                try {
                    Periodic.runTimer(label, name, start, nanos, c::nanoTime, sleeper(c), leader, body);
                } finally {
                    c.timerEnded();
                }
            };
        }));
    }

    /**
     * Adds a cron job that runs {@code body} at each fire time of {@code cron} while the service runs.
     * Fire times missed because a run took too long are skipped.
     *
     * @param cron a cron spec, e.g. {@code 0 9 * * 1-5}, read in {@link TimerOptions#timezone} (UTC if not set)
     * @param options the job's name, time zone and whether it runs on the leader only
     * @param body what to run; exceptions are logged and the job continues
     * @throws ImproperlyConfiguredException if the name is blank or the spec cannot be parsed
     */
    public final void addCrontab(String cron, Consumer<TimerOptions> options, Runnable body) {
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(body, "body");
        TimerOptions o = options(options);
        String name = checkName("crontab name", o.name != null ? o.name : "crontab-" + timerIds.incrementAndGet());
        ZoneId zone = o.timezone != null ? o.timezone : ZoneOffset.UTC;
        Crontab schedule = Crontab.parse(cron, zone);
        BooleanSupplier leader = guard(o);
        addTaskSpec(new TaskSpec(name, () -> {
            TimerClock c = clock;
            Instant start = c.instant();
            c.timerStarted();
            return () -> {
                try {
                    Periodic.runCrontab(label, name, schedule, start, c::instant, sleeper(c), leader, body);
                } finally {
                    c.timerEnded();
                }
            };
        }));
    }

    private static TimerOptions options(Consumer<TimerOptions> options) {
        TimerOptions o = new TimerOptions();
        Objects.requireNonNull(options, "options").accept(o);
        return o;
    }

    private BooleanSupplier guard(TimerOptions o) {
        return o.onLeader ? this::isLeader : () -> true;
    }

    /** The system clock sleeps on the lifecycle's condition, which a stop signals at once. */
    private Periodic.Sleeper sleeper(TimerClock c) {
        if (c == TimerClock.SYSTEM) {
            return lifecycle::sleepNanos;
        }
        return nanos -> c.sleepUntil(c.nanoTime() + nanos, lifecycle::stopRequested);
    }

    /**
     * Runs this service's timers and cron jobs, and those of dependencies added later, on
     * {@code clock} instead of the system's (a test driver's manual clock). Call before starting.
     *
     * @param clock the clock
     * @throws IllegalStateException if the service has started
     */
    public final void useClock(TimerClock clock) {
        Objects.requireNonNull(clock, "clock");
        if (state() != ServiceState.INIT) {
            throw new IllegalStateException("service " + label + " is " + state() + "; set its clock before starting it");
        }
        this.clock = clock;
        for (Service d : dependencies) {
            if (d.state() == ServiceState.INIT) {
                d.useClock(clock);
            }
        }
    }

    // ---- accessors ---------------------------------------------------------------------------

    /**
     * Returns the label given at construction, used in log prefixes and thread names.
     *
     * @return the label
     */
    public final String label() {
        return label;
    }

    /**
     * Returns the current lifecycle state. Thread-safe; the value may change right after it is read.
     *
     * @return the state
     */
    public final ServiceState state() {
        return lifecycle.state();
    }

    /**
     * Tells whether the service was asked to stop; task loops check it (Faust's {@code should_stop}).
     *
     * @return {@code true} once {@link #stop()} or {@link #crash(Throwable)} was called, until the next start
     */
    public final boolean shouldStop() {
        return lifecycle.stopRequested();
    }

    /**
     * Returns the error that crashed the service.
     *
     * @return the crash reason, or {@code null} if it has not crashed since it last started
     */
    public final @Nullable Throwable crashReason() {
        return lifecycle.crashReason();
    }

    /**
     * Returns how many times {@link #restart()} was called.
     *
     * @return the restart count
     */
    public final int restartCount() {
        return lifecycle.restartCount();
    }

    /**
     * Returns the diagnostic flags of this service.
     *
     * @return the flags; thread-safe
     */
    public final Diag diag() {
        return diag;
    }

    /**
     * Returns the dependencies added with {@link #addDependency(Service)}.
     *
     * @return an immutable snapshot, in start order
     */
    public final List<Service> dependencies() {
        return List.copyOf(dependencies);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + label + ", " + state() + "]";
    }

    // ---- internals ---------------------------------------------------------------------------

    private void crash(Throwable reason, Runnable logIt) {
        Lifecycle.Next next = lifecycle.beginCrash(reason);
        if (next == null) {
            return;
        }
        logIt.run();
        if (next == Lifecycle.Next.SHUT_DOWN) {
            shutdown();
        }
        for (CrashListener listener : crashListeners) {
            try {
                listener.onCrash(this, reason);
            } catch (RuntimeException e) {
                log.error("[{}] Crash listener {} failed", label, listener, e);
            }
        }
    }

    private void onDependencyCrashed(Service dependency, Throwable reason) {
        if (state().isActive()) {
            crash(reason, () -> log.error("[{}] Dependency {} crashed ({}); stopping this service too",
                    label, dependency.label(), reason.toString()));
        }
    }

    private void shutdown() {
        List<String> stuck = threads.join(shutdownTimeout());
        if (!stuck.isEmpty()) {
            log.warn("[{}] Tasks still running after {} and an interrupt: {}", label, shutdownTimeout(), stuck);
        }
        runHook("onStop", this::onStop);
        for (Service dependency : dependencies.reversed()) {
            runHook("stop of " + dependency.label(), dependency::stop);
        }
        runHook("onShutdown", this::onShutdown);
        lifecycle.finishShutdown();
    }

    private void runHook(String what, Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            log.error("[{}] {} failed while stopping; continuing", label, what, e);
        }
    }

    private void launch(TaskSpec spec) {
        lifecycle.unlessStopping(() -> {
            ThrowingRunnable body = spec.launch().get();
            threads.start(label + "-" + spec.name(), () -> runTask(spec.name(), body));
        });
    }

    private void runTask(String name, ThrowingRunnable body) {
        try {
            body.run();
            log.debug("[{}] Task {} finished", label, name);
        } catch (Throwable t) {
            if (!lifecycle.stopRequested()) {
                crash(t, () -> log.error("[{}] Task {} failed; crashing the service", label, name, t));
            } else if (t instanceof InterruptedException || t.getCause() instanceof InterruptedException) {
                log.debug("[{}] Task {} interrupted while stopping", label, name);
            } else {
                log.warn("[{}] Task {} failed while stopping", label, name, t);
            }
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return Objects.requireNonNull(duration, "duration").toNanos();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static String checkName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new ImproperlyConfiguredException(what + " must not be blank, got '" + value + "'");
        }
        return value;
    }
}
