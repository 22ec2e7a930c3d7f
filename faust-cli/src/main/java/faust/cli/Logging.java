package faust.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code --loglevel} and {@code --logfile} when Logback is the SLF4J backend (an optional
 * dependency of faust-cli); with another backend the options are reported as ignored.
 */
final class Logging {
    private static final Set<String> LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    private Logging() {}

    static void configure(String level, @Nullable Path logfile) {
        String lvl = level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(lvl)) {
            throw new IllegalArgumentException("--loglevel must be one of ERROR, WARN, INFO, DEBUG, TRACE; got '" + level + "'");
        }
        boolean logback;
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext");
            logback = LogbackSetup.active();
        } catch (ClassNotFoundException e) {
            logback = false;
        }
        if (!logback) {
            LoggerFactory.getLogger(Logging.class).warn("--loglevel/--logfile need Logback as the SLF4J backend; ignored");
            return;
        }
        LogbackSetup.apply(lvl, logfile);
    }

    /** Kept apart so that Logback's classes load only when Logback is present. */
    private static final class LogbackSetup {
        static boolean active() {
            return LoggerFactory.getILoggerFactory() instanceof LoggerContext;
        }

        static void apply(String level, @Nullable Path logfile) {
            LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
            ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
            root.setLevel(Level.toLevel(level));
            // a logback.xml may pin faust's own logger (the examples set INFO); --loglevel wins over it
            ctx.getLogger("faust").setLevel(Level.toLevel(level));
            if (logfile != null) {
                PatternLayoutEncoder encoder = new PatternLayoutEncoder();
                encoder.setContext(ctx);
                encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
                encoder.start();
                FileAppender<ILoggingEvent> appender = new FileAppender<>();
                appender.setContext(ctx);
                appender.setName("faust-logfile");
                appender.setFile(logfile.toAbsolutePath().toString());
                appender.setEncoder(encoder);
                appender.start();
                root.addAppender(appender);
            }
        }
    }
}
