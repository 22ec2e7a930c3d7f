package faust.agent;

import faust.errors.ImproperlyConfiguredException;
import java.util.Locale;

/** What happens when an agent actor throws (mode's supervisors, as Faust uses them). */
public enum SupervisorStrategy {
    /** Restart the crashed actor only (default); too many restarts within the window crash the app. */
    ONE_FOR_ONE,
    /** Restart every actor of the agent. */
    ONE_FOR_ALL,
    /** Crash the app. */
    CRASHING,
    /** Let the crashed actor go; the others continue. */
    FORFEIT_ONE_FOR_ONE,
    /** Stop every actor of the agent; the rest of the app continues. */
    FORFEIT_ONE_FOR_ALL;

    /**
     * @param name a setting value such as {@code one_for_one} (also accepts Faust's class names,
     *     e.g. {@code mode.OneForOneSupervisor})
     * @return the strategy
     * @throws ImproperlyConfiguredException when the name is unknown
     */
    public static SupervisorStrategy fromName(String name) {
        String n = name.trim();
        int dot = n.lastIndexOf('.');
        if (dot >= 0) {
            n = n.substring(dot + 1);
        }
        n = n.replace("Supervisor", "").replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new ImproperlyConfiguredException("agent_supervisor must be one of one_for_one, one_for_all, crashing, "
                    + "forfeit_one_for_one, forfeit_one_for_all; got '" + name + "'");
        }
    }
}
