package faust.service;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The lifecycle states of a {@link Service}, with the transitions allowed between them.
 *
 * <pre>
 * INIT ──▶ STARTING ──▶ RUNNING ──▶ STOPPING ──▶ STOPPED
 *   │          │           │           │            │
 *   └──────────┴───────────┴───────────┴─▶ CRASHED  │
 *   STOPPED and CRASHED may go back to STARTING (restart).
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @see Service#state()
 */
public enum ServiceState {
    /** Created, never started. */
    INIT,
    /** {@link Service#start()} is starting dependencies, hooks and tasks. */
    STARTING,
    /** Started; tasks, timers and cron jobs are running. */
    RUNNING,
    /** {@link Service#stop()} is stopping tasks, hooks and dependencies. */
    STOPPING,
    /** Stopped cleanly. May be started again. */
    STOPPED,
    /** Stopped because of an error; see {@link Service#crashReason()}. May be started again. */
    CRASHED;

    private static final Map<ServiceState, Set<ServiceState>> ALLOWED = new EnumMap<>(ServiceState.class);

    static {
        ALLOWED.put(INIT, EnumSet.of(STARTING, STOPPED, CRASHED));
        ALLOWED.put(STARTING, EnumSet.of(RUNNING, STOPPING, CRASHED));
        ALLOWED.put(RUNNING, EnumSet.of(STOPPING, CRASHED));
        ALLOWED.put(STOPPING, EnumSet.of(STOPPED, CRASHED));
        ALLOWED.put(STOPPED, EnumSet.of(STARTING));
        ALLOWED.put(CRASHED, EnumSet.of(STARTING));
    }

    /**
     * Tells whether the state machine allows moving from this state to {@code next}.
     *
     * @param next the target state
     * @return {@code true} if {@code this -> next} is an allowed transition
     */
    public boolean canTransitionTo(ServiceState next) {
        return Objects.requireNonNull(ALLOWED.get(this)).contains(Objects.requireNonNull(next, "next"));
    }

    /**
     * Tells whether a service in this state is (being) started and not yet asked to stop.
     *
     * @return {@code true} for {@link #STARTING} and {@link #RUNNING}
     */
    public boolean isActive() {
        return this == STARTING || this == RUNNING;
    }
}
