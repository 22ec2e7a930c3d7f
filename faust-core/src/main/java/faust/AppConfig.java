package faust;

import faust.errors.ImproperlyConfiguredException;
import faust.settings.internal.Resolver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What users set: the mutable builder passed to {@code App.create("id", cfg -> ...)}, resolved by
 * {@link #build()} into immutable {@link Settings}.
 *
 * <p>Sources, lowest precedence first: declared defaults, the {@linkplain #configFile(Path) properties
 * file}, the {@linkplain #environment(Map) environment}, values set here in code, and JVM system
 * properties {@code faust.<name>} (the command line: {@code -Dfaust.broker=kafka://host:9092}, which
 * {@code bin/faust ... worker --broker URL} sets). Every setting can be
 * set with {@link #set(String, Object)} by its Faust name; the typed setters are shortcuts. Each
 * setting may be set once: a second call for the same setting throws, so two parts of a program
 * cannot silently override each other. Values set in code are validated immediately; everything is
 * validated again, together, by {@link #build()}. See {@code docs/settings.md} for every setting.
 *
 * <p>Not thread-safe: configure it on one thread, then call {@link #build()}.
 */
public final class AppConfig {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final String name;
    private final Map<String, @Nullable Object> code = new LinkedHashMap<>();
    private @Nullable Path configFile;
    private @Nullable Supplier<Map<String, String>> environment;

    private AppConfig(String name) {
        this.name = name;
    }

    /**
     * Starts a configuration for the app named {@code id} (Faust's app id; also the Kafka group id and
     * the prefix of internal topics).
     *
     * @param id the app name: letters, digits, {@code .}, {@code _} and {@code -}
     * @return a new configuration with nothing set
     * @throws ImproperlyConfiguredException if the id is empty or has other characters
     */
    public static AppConfig forApp(String id) {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new ImproperlyConfiguredException("app id must be non-empty and use only letters, digits, '.', '_'"
                    + " and '-' (it names Kafka topics and the consumer group), got '" + id + "'");
        }
        return new AppConfig(id);
    }

    /** @return the app name given to {@link #forApp(String)} */
    public String name() {
        return name;
    }

    /**
     * Sets any declared setting by its Faust name. Strings are parsed as in a properties file; typed
     * values are accepted too ({@link Duration} or a number of seconds for durations, {@link Path},
     * {@link ZoneId}, {@link java.net.URI}, {@link ProcessingGuarantee}, ...).
     *
     * @param faustName the snake_case name, e.g. {@code broker_commit_every}
     * @param value the value; {@code null} means "none" and is allowed only for optional settings
     * @return this
     * @throws ImproperlyConfiguredException if the name is unknown, the value not allowed or the setting already set
     */
    public AppConfig set(String faustName, @Nullable Object value) {
        Objects.requireNonNull(faustName, "faustName");
        Object parsed = Resolver.parseFromCode(faustName, value);
        if (code.containsKey(faustName)) {
            throw new ImproperlyConfiguredException(faustName + " was already set to '" + code.get(faustName)
                    + "' in code; set each setting once");
        }
        code.put(faustName, parsed);
        return this;
    }

    /**
     * Reads settings from a properties file whose keys are Faust names ({@code broker_commit_every=500}).
     * The file is read by {@link #build()}; unknown keys are rejected.
     *
     * @param file the properties file (UTF-8)
     * @return this
     * @throws ImproperlyConfiguredException if a file was already given
     */
    public AppConfig configFile(Path file) {
        Objects.requireNonNull(file, "file");
        if (configFile != null) {
            throw new ImproperlyConfiguredException("config file was already set to " + configFile + "; set it once");
        }
        configFile = file;
        return this;
    }

    /**
     * Uses this map instead of {@link System#getenv()} as the environment (for tests).
     *
     * @param env the variables
     * @return this
     * @throws ImproperlyConfiguredException if an environment was already given
     */
    public AppConfig environment(Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(Objects.requireNonNull(env, "env"));
        return environment(() -> copy);
    }

    /**
     * Uses this supplier instead of {@link System#getenv()} as the environment; it is called by {@link #build()}.
     *
     * @param env supplies the variables
     * @return this
     * @throws ImproperlyConfiguredException if an environment was already given
     */
    public AppConfig environment(Supplier<Map<String, String>> env) {
        Objects.requireNonNull(env, "env");
        if (environment != null) {
            throw new ImproperlyConfiguredException("environment was already set; set it once");
        }
        environment = env;
        return this;
    }

    /** @param url Faust broker list, e.g. {@code kafka://h1:9092;h2:9092} or {@code memory://} @return this */
    public AppConfig broker(String url) {
        return set("broker", url);
    }

    /** @param version app version, 1 or more; above 1 it is part of the app id @return this */
    public AppConfig version(int version) {
        return set("version", version);
    }

    /** @param url table store URL, e.g. {@code memory://} or {@code rocksdb://} @return this */
    public AppConfig store(String url) {
        return set("store", url);
    }

    /** @param guarantee the processing guarantee @return this */
    public AppConfig processingGuarantee(ProcessingGuarantee guarantee) {
        return set("processing_guarantee", Objects.requireNonNull(guarantee, "guarantee"));
    }

    /** @param partitions default partitions of new topics, 1 or more @return this */
    public AppConfig topicPartitions(int partitions) {
        return set("topic_partitions", partitions);
    }

    /** @param maxsize events buffered per stream before back-pressure, 1 or more @return this */
    public AppConfig streamBufferMaxsize(int maxsize) {
        return set("stream_buffer_maxsize", maxsize);
    }

    /** @param every commit after this many processed messages, 1 or more @return this */
    public AppConfig brokerCommitEvery(int every) {
        return set("broker_commit_every", every);
    }

    /** @param interval how often offsets are committed, more than zero @return this */
    public AppConfig brokerCommitInterval(Duration interval) {
        return set("broker_commit_interval", Objects.requireNonNull(interval, "interval"));
    }

    /** @param codec default key codec name, e.g. {@code raw} @return this */
    public AppConfig keySerializer(String codec) {
        return set("key_serializer", Objects.requireNonNull(codec, "codec"));
    }

    /** @param codec default value codec name, e.g. {@code json} @return this */
    public AppConfig valueSerializer(String codec) {
        return set("value_serializer", Objects.requireNonNull(codec, "codec"));
    }

    /** @param topic reply topic of this instance @return this */
    public AppConfig replyTo(String topic) {
        return set("reply_to", Objects.requireNonNull(topic, "topic"));
    }

    /** @param create whether to create the reply topic at startup @return this */
    public AppConfig replyCreateTopic(boolean create) {
        return set("reply_create_topic", create);
    }

    /** @param expires how long replies stay in the reply topic, more than zero @return this */
    public AppConfig replyExpires(Duration expires) {
        return set("reply_expires", Objects.requireNonNull(expires, "expires"));
    }

    /**
     * @param strategy {@code one_for_one}, {@code one_for_all}, {@code crashing},
     *     {@code forfeit_one_for_one} or {@code forfeit_one_for_all}
     * @return this
     */
    public AppConfig agentSupervisor(String strategy) {
        return set("agent_supervisor", Objects.requireNonNull(strategy, "strategy"));
    }

    /** @param dir data directory; {@code {name}} is replaced by the app name @return this */
    public AppConfig datadir(Path dir) {
        return set("datadir", Objects.requireNonNull(dir, "dir"));
    }

    /** @param dir table directory; relative means {@code <datadir>/v<version>/<dir>} @return this */
    public AppConfig tabledir(Path dir) {
        return set("tabledir", Objects.requireNonNull(dir, "dir"));
    }

    /** @param zone time zone of crontab timers @return this */
    public AppConfig timezone(ZoneId zone) {
        return set("timezone", Objects.requireNonNull(zone, "zone"));
    }

    /** @param format id format used when version &gt; 1; must contain {@code {id}} @return this */
    public AppConfig idFormat(String format) {
        return set("id_format", Objects.requireNonNull(format, "format"));
    }

    /** @param port web server port, 0 (any free port) to 65535 @return this */
    public AppConfig webPort(int port) {
        return set("web_port", port);
    }

    /** @param enabled whether to run the web server @return this */
    public AppConfig webEnabled(boolean enabled) {
        return set("web_enabled", enabled);
    }

    /** @param debug debug mode @return this */
    public AppConfig debug(boolean debug) {
        return set("debug", debug);
    }

    /** @param prefix prefix of environment variables: {@code MYAPP} or {@code MYAPP_} reads {@code MYAPP_WEB_PORT} @return this */
    public AppConfig envPrefix(String prefix) {
        return set("env_prefix", Objects.requireNonNull(prefix, "prefix"));
    }

    /**
     * Resolves all sources and validates every setting.
     *
     * @return the immutable settings
     * @throws ImproperlyConfiguredException naming the setting, the value, where it came from and what is allowed
     */
    public Settings build() {
        Map<String, String> env = environment == null ? System.getenv() : environment.get();
        Map<String, String> props = new java.util.HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k instanceof String key && key.startsWith(Resolver.PROPERTY_PREFIX) && v instanceof String value) {
                props.put(key, value);
            }
        });
        return new Settings(name, Resolver.resolve(name, code, configFile, env, props));
    }
}
