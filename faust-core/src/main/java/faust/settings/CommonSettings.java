package faust.settings;

import static faust.settings.Parsers.bool;
import static faust.settings.Parsers.duration;
import static faust.settings.Parsers.string;
import static faust.settings.Parsers.url;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The settings every app has: version, broker, store, guarantee, directories (Faust's common
 * settings). Defaults are Faust's (faust-streaming) unless the description says otherwise.
 */
public final class CommonSettings {
    private static final Definer D = new Definer(Section.COMMON);

    /** {@code version}: the app version; above 1 it is part of the app id. */
    public static final Setting<Integer> VERSION = D.define("version", Parsers.intAtLeast(1), "1", "APP_VERSION",
            "App version; bump it to start from scratch (new group id, topics and table directory).");
    /** {@code id_format}: the app id when {@code version} is above 1. */
    public static final Setting<String> ID_FORMAT = D.define("id_format", Parsers.template("{id}"), "{id}-v{version}",
            "APP_ID_FORMAT", "Format of the app id when version > 1; `{id}` is the name, `{version}` the version.");
    /** {@code broker}: the broker URLs. */
    public static final Setting<List<URI>> BROKER = D.define("broker", Parsers.brokerList(), "kafka://localhost:9092",
            "BROKER_URL", "Broker URLs separated by `;`; a URL without scheme takes the first one's "
                    + "(`kafka://h1:9092;h2:9092`).");
    /** {@code store}: the table store URL; {@code memory://} is held as {@code memory:///}. */
    public static final Setting<URI> STORE = D.define("store", url(), "memory://", "APP_STORE",
            "Table storage backend URL (`memory://`, `rocksdb://`).");
    /** {@code cache}: the cache backend URL. */
    public static final Setting<URI> CACHE = D.define("cache", url(), "memory://", "CACHE_URL", "Cache backend URL.");
    /** {@code processing_guarantee}. */
    public static final Setting<ProcessingGuarantee> PROCESSING_GUARANTEE = D.define("processing_guarantee",
            Parsers.guarantee(), "at_least_once", "PROCESSING_GUARANTEE",
            "`at_least_once` or `exactly_once` (transactions; read-committed consumer, idempotent producer).");
    /** {@code timezone}: the time zone of crontab timers. */
    public static final Setting<ZoneId> TIMEZONE = D.define("timezone", Parsers.zone(), "UTC", "TIMEZONE",
            "Time zone used by crontab timers.");
    /** {@code autodiscover}: packages to scan; empty when autodiscovery is off. */
    public static final Setting<List<String>> AUTODISCOVER = D.define("autodiscover", Parsers.autodiscover(), "false",
            "AUTODISCOVER", "Packages to scan for agents, tasks, timers and pages; `true` means the `origin` package.");
    /** {@code origin}: the app's base package. */
    public static final Setting<Optional<String>> ORIGIN = D.optional("origin", string(), "ORIGIN",
            "The app's base package, used by `autodiscover=true`.");
    /** {@code datadir}: the data directory, with {@code {name}} replaced. */
    public static final Setting<Path> DATADIR = D.derived("datadir", Parsers.path(), "`{name}-data`", "APP_DATADIR",
            "App data directory; `{name}` (or Faust's `{conf.name}`) is replaced by the app name.");
    /** {@code tabledir}: the table directory; a relative setting is resolved as {@code <datadir>/v<version>/<tabledir>}. */
    public static final Setting<Path> TABLEDIR = D.derived("tabledir", Parsers.path(), "`tables`", "APP_TABLEDIR",
            "Table directory; a relative path is resolved against `<datadir>/v<version>`.");
    /** {@code debug}: debug mode. */
    public static final Setting<Boolean> DEBUG = D.define("debug", bool(), "false", "APP_DEBUG",
            "Debug mode: extra checks and more web views.");
    /** {@code env_prefix}: the prefix of every other environment variable. */
    public static final Setting<Optional<String>> ENV_PREFIX = D.optional("env_prefix", string(), "APP_ENV_PREFIX",
            "Prefix of every other environment variable; `MYAPP` or `MYAPP_` gives `MYAPP_WEB_PORT`.");
    /** {@code blocking_timeout}: the blocking-thread warning threshold. */
    public static final Setting<Optional<Duration>> BLOCKING_TIMEOUT = D.optional("blocking_timeout", duration(true),
            "BLOCKING_TIMEOUT", "Log a warning with stack traces when a thread blocks longer than this; none disables.");
    /** {@code broker_credentials}: a SASL or SSL credentials object, set from code. */
    public static final Setting<Optional<Object>> BROKER_CREDENTIALS = D.optional("broker_credentials",
            Parsers.object(Object.class, "a credentials object"), null,
            "Broker authentication (SASL or SSL credentials object), read by the transport.");
    /** {@code ssl_context}: an SSL context for the broker connection, set from code. */
    public static final Setting<Optional<SSLContext>> SSL_CONTEXT = D.optional("ssl_context",
            Parsers.object(SSLContext.class, "a javax.net.ssl.SSLContext"), null, "SSL context for the broker connection.");

    private CommonSettings() {}

    static List<Setting<?>> keys() {
        return D.keys();
    }
}
