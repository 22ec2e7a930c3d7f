package faust.settings;

import java.util.List;

/** Worker settings. */
public final class WorkerSettings {
    private static final Definer D = new Definer(Section.WORKER);

    /** {@code worker_redirect_stdouts}: whether System.out and System.err go to the log. */
    public static final Setting<Boolean> WORKER_REDIRECT_STDOUTS = D.define("worker_redirect_stdouts", Parsers.bool(),
            "true", "WORKER_REDIRECT_STDOUTS", "Redirect System.out and System.err to the log.");
    /** {@code worker_redirect_stdouts_level}: the log level of redirected output. */
    public static final Setting<String> WORKER_REDIRECT_STDOUTS_LEVEL = D.define("worker_redirect_stdouts_level",
            Parsers.logLevel(), "WARN", "WORKER_REDIRECT_STDOUTS_LEVEL", "Log level of redirected output.");

    private WorkerSettings() {}

    static List<Setting<?>> keys() {
        return D.keys();
    }
}
