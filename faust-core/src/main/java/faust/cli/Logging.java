package faust.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code --loglevel} and {@code --logfile} when Logback is the SLF4J backend (it is an
 * optional dependency of faust-core); with another backend the options are reported as ignored.
 */
final class Logging {
    private Logging() {}

    static void configure(String level, @Nullable Path logfile) {
        String lvl = level.toUpperCase(Locale.ROOT);
        if (!java.util.Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE").contains(lvl)) {
            throw new IllegalArgumentException("--loglevel must be one of ERROR, WARN, INFO, DEBUG, TRACE; got '" + level + "'");
        }
        boolean logback;
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext");
            logback = LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext;
        } catch (ClassNotFoundException e) {
            logback = false;
        }
        if (!logback) {
            LoggerFactory.getLogger(Logging.class).warn("--loglevel/--logfile need Logback as the SLF4J backend; ignored");
            return;
        }
        LogbackSetup.apply(lvl, logfile);
    }

    /** Kept apart so Logback classes load only when Logback is present. */
    private static final class LogbackSetup {
        static void apply(String level, @Nullable Path logfile) {
            var ctx = (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
            var root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.setLevel(ch.qos.logback.classic.Level.toLevel(level));
            // a logback.xml may pin faust's own logger (the examples set INFO); --loglevel wins over it
            ctx.getLogger("faust").setLevel(ch.qos.logback.classic.Level.toLevel(level));
            if (logfile != null) {
                var encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
                encoder.setContext(ctx);
                encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
                encoder.start();
                var appender = new ch.qos.logback.core.FileAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
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
