package faust.cli;

import faust.App;
import faust.settings.CommonSettings;
import faust.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The umbrella command behind {@code app.main(args)} (Faust's {@code faust} CLI):
 * {@code worker} runs the app until interrupted; {@code agents} and {@code tables} list the agents
 * and tables; {@code reset} deletes the local table state.
 */
@Command(name = "faust", mixinStandardHelpOptions = true, versionProvider = FaustCommand.Version.class,
        description = "Runs and inspects a faust-java app.",
        subcommands = {FaustCommand.Worker.class, FaustCommand.Agents.class, FaustCommand.Tables.class,
                FaustCommand.Reset.class})
public final class FaustCommand implements Callable<Integer> {
    private final App app;

    @Option(names = {"-l", "--loglevel"}, description = "Log level: ERROR, WARN, INFO, DEBUG, TRACE (default ${DEFAULT-VALUE}).",
            defaultValue = "INFO", scope = CommandLine.ScopeType.INHERIT)
    String loglevel = "INFO";

    @Option(names = {"-f", "--logfile"}, description = "Also write the log to this file.", scope = CommandLine.ScopeType.INHERIT)
    @Nullable Path logfile;

    @Option(names = {"-W", "--workdir"}, description = "Working directory: relative datadir paths are resolved against it.",
            scope = CommandLine.ScopeType.INHERIT)
    @Nullable Path workdir;

    private FaustCommand(App app) {
        this.app = app;
    }

    /** The version {@code --version} prints: faust-java's, from faust-core's build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"faust-java " + Settings.faustVersion()};
        }
    }

    /**
     * @param app the app
     * @param args command-line arguments
     * @return the exit code
     */
    public static int run(App app, String... args) {
        return new CommandLine(new FaustCommand(app)).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    void applyGlobalOptions() {
        if (workdir != null) {
            if (!Files.isDirectory(workdir)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--workdir " + workdir + " is not a directory");
            }
            System.setProperty("user.dir", workdir.toAbsolutePath().toString());
        }
        Logging.configure(loglevel, logfile);
    }

    /** {@code worker}: starts the app and runs until SIGINT/SIGTERM. */
    @Command(name = "worker", mixinStandardHelpOptions = true, description = "Start a worker: run agents, timers and tasks.")
    static final class Worker implements Callable<Integer> {
        @CommandLine.ParentCommand
        @Nullable FaustCommand parent;

        @Option(names = "--duration", description = "Stop after this long (ISO-8601 or e.g. 30s); default: run until interrupted.")
        @Nullable String duration;

        @Option(names = "--broker", description = "Broker URL, e.g. kafka://host:9092;host2:9092. Read when the app is created: "
                + "bin/faust passes it as the system property faust.setting.broker (or run java -Dfaust.setting.broker=URL ...).")
        @Nullable String broker;

        @Override
        public Integer call() throws InterruptedException {
            FaustCommand p = Objects.requireNonNull(parent);
            p.applyGlobalOptions();
            App app = p.app;
            if (broker != null) {
                Object wanted = CommonSettings.BROKER.parse(broker, "--broker");
                if (!wanted.equals(app.conf().get(CommonSettings.BROKER))) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "--broker " + broker
                            + " came after the app was created with broker " + app.conf().get(CommonSettings.BROKER)
                            + ". Start the worker with bin/faust -A <App> worker --broker URL, or run java -Dfaust.setting.broker=URL ...,"
                            + " so the app is created with it.");
                }
            }
            Thread hook = new Thread(app::stop, "faust-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            app.start();
            if (duration != null) {
                Thread.sleep(parseDuration(duration).toMillis());
                app.stop();
            } else {
                while (!app.awaitStopped(Duration.ofSeconds(1))) {
                    // serve until a signal stops the app
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
            return app.crashReason() == null ? 0 : 1;
        }

        static Duration parseDuration(String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofMillis((long) (Double.parseDouble(t) * 1000));
        }
    }

    /** {@code agents}: lists the app's agents. */
    @Command(name = "agents", mixinStandardHelpOptions = true, description = "List the app's agents.")
    static final class Agents implements Callable<Integer> {
        @CommandLine.ParentCommand
        @Nullable FaustCommand parent;

        @Override
        public Integer call() {
            FaustCommand p = Objects.requireNonNull(parent);
            System.out.printf("%-30s %-40s %s%n", "name", "channel", "concurrency");
            for (var a : p.app.agents()) {
                var info = a.info();
                System.out.printf("%-30s %-40s %s%n", info.get("name"), info.get("channel"), info.get("concurrency"));
            }
            return 0;
        }
    }

    /** {@code tables}: lists the app's tables. */
    @Command(name = "tables", mixinStandardHelpOptions = true, description = "List the app's tables.")
    static final class Tables implements Callable<Integer> {
        @CommandLine.ParentCommand
        @Nullable FaustCommand parent;

        @Override
        public Integer call() {
            FaustCommand p = Objects.requireNonNull(parent);
            System.out.printf("%-30s %-10s %-45s %s%n", "name", "partitions", "changelog", "help");
            for (var t : p.app.tables()) {
                System.out.printf("%-30s %-10d %-45s %s%n", t.name() + (t.isGlobal() ? " (global)" : ""), t.partitions(),
                        t.changelogTopic(), t.help());
            }
            return 0;
        }
    }

    /** {@code reset}: deletes the local state of every table (Faust's {@code faust reset}). */
    @Command(name = "reset", mixinStandardHelpOptions = true, description = "Delete the local state of every table "
            + "(RocksDB files under the tabledir); the next start recovers the tables from their changelogs. Stop the "
            + "worker first.")
    static final class Reset implements Callable<Integer> {
        @CommandLine.ParentCommand
        @Nullable FaustCommand parent;

        @Override
        public Integer call() {
            FaustCommand p = Objects.requireNonNull(parent);
            p.applyGlobalOptions();
            for (var t : p.app.tables()) {
                t.resetState();
                System.out.printf("reset table %s (%d partitions)%n", t.name(), t.partitions());
            }
            return 0;
        }
    }
}
