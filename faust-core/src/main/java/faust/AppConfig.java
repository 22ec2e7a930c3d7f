package faust;

import faust.errors.ImproperlyConfiguredException;
import faust.service.TimerClock;
import faust.settings.AgentSettings;
import faust.settings.BrokerSettings;
import faust.settings.CommonSettings;
import faust.settings.ProcessingGuarantee;
import faust.settings.RpcSettings;
import faust.settings.SerializationSettings;
import faust.settings.Setting;
import faust.settings.Settings;
import faust.settings.StreamSettings;
import faust.settings.TopicSettings;
import faust.settings.WebSettings;
import faust.settings.internal.Resolver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What users set: the mutable builder passed to {@code App.create("id", cfg -> ...)}, resolved by
 * {@link #build()} into immutable {@link Settings}.
 *
 * <p>Sources, lowest precedence first: declared defaults, the {@linkplain #configFile(Path) properties
 * file}, the {@linkplain #environment(Map) environment}, values set here in code, and JVM system
 * properties {@code faust.setting.<name>} (the command line: {@code -Dfaust.setting.broker=kafka://host:9092},
 * which {@code bin/faust ... worker --broker URL} sets). Other {@code faust.*} system properties are
 * not settings and are ignored; an unknown name under {@code faust.setting.} is rejected. Every
 * setting can be set by its typed declaration, {@link #set(Setting, Object)}, or by its Faust name,
 * {@link #set(String, Object)}; the named setters are shortcuts. Each
 * setting may be set once: a second call for the same setting throws, so two parts of a program
 * cannot silently override each other. Values set in code are validated immediately; everything is
 * validated again, together, by {@link #build()}. See {@code docs/settings.md} for every setting.
 *
 * <p>Not thread-safe: configure it on one thread, then call {@link #build()}.
 */
public final class AppConfig {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final String name;
    private final Map<Setting<?>, Object> code = new LinkedHashMap<>();
    private @Nullable Path configFile;
    private @Nullable Supplier<Map<String, String>> environment;
    private @Nullable TimerClock clock;
    private boolean systemProperties = true;

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
        return put(Settings.named(faustName, "code"), value);
    }

    /**
     * Sets a setting by its declaration, with a value of its type:
     * {@code cfg.set(BrokerSettings.BROKER_COMMIT_INTERVAL, Duration.ofSeconds(1))}.
     *
     * @param setting the setting
     * @param value the value ({@link Optional#empty()} for "none" of an optional setting)
     * @param <T> its type
     * @return this
     * @throws ImproperlyConfiguredException if the value is not allowed or the setting was already set
     */
    public <T> AppConfig set(Setting<T> setting, T value) {
        return put(Objects.requireNonNull(setting, "setting"), value);
    }

    private AppConfig put(Setting<?> setting, @Nullable Object value) {
        Object parsed = setting.parse(value, "code");
        if (code.containsKey(setting)) {
            Object before = code.get(setting);
            throw new ImproperlyConfiguredException(setting.key() + " was already set to '"
                    + (before instanceof Optional<?> o ? o.orElse(null) : before) + "' in code; set each setting once");
        }
        code.put(setting, parsed);
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

    /**
     * Runs the app's timers and crontabs on {@code clock} instead of the system clock (for tests:
     * {@code faust.testing.AppTestDriver} advances a manual clock).
     *
     * @param clock the clock
     * @return this
     * @throws ImproperlyConfiguredException if a clock was already given
     */
    public AppConfig clock(TimerClock clock) {
        Objects.requireNonNull(clock, "clock");
        if (this.clock != null) {
            throw new ImproperlyConfiguredException("clock was already set to " + this.clock + "; set it once");
        }
        this.clock = clock;
        return this;
    }

    /** @return the clock timers run on */
    TimerClock clock() {
        return clock != null ? clock : TimerClock.SYSTEM;
    }

    /** @return whether the clock was set */
    boolean hasClock() {
        return clock != null;
    }

    /** @return whether the setting was set in code */
    boolean isSet(Setting<?> setting) {
        return code.containsKey(setting);
    }

    /** @return whether an environment was given in place of the process's */
    boolean hasEnvironment() {
        return environment != null;
    }

    /** Settings are not read from JVM system properties (a test's app must not pick up the build's). */
    void ignoreSystemProperties() {
        systemProperties = false;
    }

    /** @param url Faust broker list, e.g. {@code kafka://h1:9092;h2:9092} or {@code memory://} @return this */
    public AppConfig broker(String url) {
        return put(CommonSettings.BROKER, url);
    }

    /** @param version app version, 1 or more; above 1 it is part of the app id @return this */
    public AppConfig version(int version) {
        return put(CommonSettings.VERSION, version);
    }

    /** @param url table store URL, e.g. {@code memory://} or {@code rocksdb://} @return this */
    public AppConfig store(String url) {
        return put(CommonSettings.STORE, url);
    }

    /** @param guarantee the processing guarantee @return this */
    public AppConfig processingGuarantee(ProcessingGuarantee guarantee) {
        return put(CommonSettings.PROCESSING_GUARANTEE, Objects.requireNonNull(guarantee, "guarantee"));
    }

    /** @param partitions default partitions of new topics, 1 or more @return this */
    public AppConfig topicPartitions(int partitions) {
        return put(TopicSettings.TOPIC_PARTITIONS, partitions);
    }

    /** @param maxsize events buffered per stream before back-pressure, 1 or more @return this */
    public AppConfig streamBufferMaxsize(int maxsize) {
        return put(StreamSettings.STREAM_BUFFER_MAXSIZE, maxsize);
    }

    /** @param every commit after this many processed messages, 1 or more @return this */
    public AppConfig brokerCommitEvery(int every) {
        return put(BrokerSettings.BROKER_COMMIT_EVERY, every);
    }

    /** @param interval how often offsets are committed, more than zero @return this */
    public AppConfig brokerCommitInterval(Duration interval) {
        return put(BrokerSettings.BROKER_COMMIT_INTERVAL, Objects.requireNonNull(interval, "interval"));
    }

    /** @param codec default key codec name, e.g. {@code raw} @return this */
    public AppConfig keySerializer(String codec) {
        return put(SerializationSettings.KEY_SERIALIZER, Objects.requireNonNull(codec, "codec"));
    }

    /** @param codec default value codec name, e.g. {@code json} @return this */
    public AppConfig valueSerializer(String codec) {
        return put(SerializationSettings.VALUE_SERIALIZER, Objects.requireNonNull(codec, "codec"));
    }

    /** @param topic reply topic of this instance @return this */
    public AppConfig replyTo(String topic) {
        return put(RpcSettings.REPLY_TO, Objects.requireNonNull(topic, "topic"));
    }

    /** @param create whether to create the reply topic at startup @return this */
    public AppConfig replyCreateTopic(boolean create) {
        return put(RpcSettings.REPLY_CREATE_TOPIC, create);
    }

    /** @param expires how long replies stay in the reply topic, more than zero @return this */
    public AppConfig replyExpires(Duration expires) {
        return put(RpcSettings.REPLY_EXPIRES, Objects.requireNonNull(expires, "expires"));
    }

    /**
     * @param strategy {@code one_for_one}, {@code one_for_all}, {@code crashing},
     *     {@code forfeit_one_for_one} or {@code forfeit_one_for_all}
     * @return this
     */
    public AppConfig agentSupervisor(String strategy) {
        return put(AgentSettings.AGENT_SUPERVISOR, Objects.requireNonNull(strategy, "strategy"));
    }

    /** @param dir data directory; {@code {name}} is replaced by the app name @return this */
    public AppConfig datadir(Path dir) {
        return put(CommonSettings.DATADIR, Objects.requireNonNull(dir, "dir"));
    }

    /** @param dir table directory; relative means {@code <datadir>/v<version>/<dir>} @return this */
    public AppConfig tabledir(Path dir) {
        return put(CommonSettings.TABLEDIR, Objects.requireNonNull(dir, "dir"));
    }

    /** @param zone time zone of crontab timers @return this */
    public AppConfig timezone(ZoneId zone) {
        return put(CommonSettings.TIMEZONE, Objects.requireNonNull(zone, "zone"));
    }

    /** @param format id format used when version &gt; 1; must contain {@code {id}} @return this */
    public AppConfig idFormat(String format) {
        return put(CommonSettings.ID_FORMAT, Objects.requireNonNull(format, "format"));
    }

    /** @param port web server port, 0 (any free port) to 65535 @return this */
    public AppConfig webPort(int port) {
        return put(WebSettings.WEB_PORT, port);
    }

    /** @param enabled whether to run the web server @return this */
    public AppConfig webEnabled(boolean enabled) {
        return put(WebSettings.WEB_ENABLED, enabled);
    }

    /** @param debug debug mode @return this */
    public AppConfig debug(boolean debug) {
        return put(CommonSettings.DEBUG, debug);
    }

    /** @param prefix prefix of environment variables: {@code MYAPP} or {@code MYAPP_} reads {@code MYAPP_WEB_PORT} @return this */
    public AppConfig envPrefix(String prefix) {
        return put(CommonSettings.ENV_PREFIX, Objects.requireNonNull(prefix, "prefix"));
    }

    /**
     * Resolves all sources and validates every setting.
     *
     * @return the immutable settings
     * @throws ImproperlyConfiguredException naming the setting, the value, where it came from and what is allowed
     */
    public Settings build() {
        Map<String, String> env = environment == null ? System.getenv() : environment.get();
        Map<String, String> props = new HashMap<>();
        (systemProperties ? System.getProperties() : new Properties()).forEach((k, v) -> {
            if (k instanceof String key && key.startsWith(Resolver.PROPERTY_PREFIX) && v instanceof String value) {
                props.put(key, value);
            }
        });
        return Resolver.resolve(name, code, configFile, env, props);
    }
}
