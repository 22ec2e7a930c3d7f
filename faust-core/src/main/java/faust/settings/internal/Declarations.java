package faust.settings.internal;

import static faust.settings.internal.Parsers.acks;
import static faust.settings.internal.Parsers.bool;
import static faust.settings.internal.Parsers.choice;
import static faust.settings.internal.Parsers.duration;
import static faust.settings.internal.Parsers.intAtLeast;
import static faust.settings.internal.Parsers.intRange;
import static faust.settings.internal.Parsers.optional;
import static faust.settings.internal.Parsers.string;
import static faust.settings.internal.Parsers.url;
import static faust.settings.internal.Section.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The declaration table: every setting, declared exactly once (Kafka {@code ConfigDef.define} style).
 * Defaults are Faust's (faust-streaming, {@code faust/types/settings/settings.py}) unless a doc line says otherwise.
 */
public final class Declarations {
    /** The version of faust-java, used in the default {@code broker_client_id}. */
    public static final String FAUST_JAVA_VERSION = "0.1.0";

    private static final List<SettingDef> defs = new ArrayList<>();

    private Declarations() {}

    private static void define(String key, Section s, Parser p, @Nullable String dflt, @Nullable String env, String doc) {
        defs.add(new SettingDef(key, s, p, dflt, dflt == null ? "none" : "`" + dflt + "`", env, doc));
    }

    private static void derived(String key, Section s, Parser p, String dfltDoc, @Nullable String env, String doc) {
        defs.add(new SettingDef(key, s, p, null, dfltDoc, env, doc));
    }

    static {
        // Common
        define("version", COMMON, intAtLeast(1), "1", "APP_VERSION",
                "App version; bump it to start from scratch (new group id, topics and table directory).");
        define("id_format", COMMON, Parsers.template("{id}"), "{id}-v{version}", "APP_ID_FORMAT",
                "Format of the app id when version > 1; `{id}` is the name, `{version}` the version.");
        define("broker", COMMON, Parsers.brokerList(), "kafka://localhost:9092", "BROKER_URL",
                "Broker URLs separated by `;`; a URL without scheme takes the first one's (`kafka://h1:9092;h2:9092`).");
        define("store", COMMON, url(), "memory://", "APP_STORE", "Table storage backend URL (`memory://`, `rocksdb://`).");
        define("cache", COMMON, url(), "memory://", "CACHE_URL", "Cache backend URL.");
        define("processing_guarantee", COMMON, Parsers.guarantee(), "at_least_once", "PROCESSING_GUARANTEE",
                "`at_least_once` or `exactly_once` (transactions; read-committed consumer, idempotent producer).");
        define("timezone", COMMON, Parsers.zone(), "UTC", "TIMEZONE", "Time zone used by crontab timers.");
        define("autodiscover", COMMON, Parsers.autodiscover(), "false", "AUTODISCOVER",
                "Packages to scan for agents, tasks, timers and pages; `true` means the `origin` package.");
        define("origin", COMMON, optional(string()), null, "ORIGIN", "The app's base package, used by `autodiscover=true`.");
        derived("datadir", COMMON, Parsers.path(), "`{name}-data`", "APP_DATADIR",
                "App data directory; `{name}` (or Faust's `{conf.name}`) is replaced by the app name.");
        derived("tabledir", COMMON, Parsers.path(), "`tables`", "APP_TABLEDIR",
                "Table directory; a relative path is resolved against `<datadir>/v<version>`.");
        define("debug", COMMON, bool(), "false", "APP_DEBUG", "Debug mode: extra checks and more web views.");
        define("env_prefix", COMMON, optional(string()), null, "APP_ENV_PREFIX",
                "Prefix of every other environment variable; `MYAPP` or `MYAPP_` gives `MYAPP_WEB_PORT`.");
        define("blocking_timeout", COMMON, optional(duration(true)), null, "BLOCKING_TIMEOUT",
                "Log a warning with stack traces when a thread blocks longer than this; none disables.");
        define("broker_credentials", COMMON, Parsers.object(Object.class, "a credentials object"), null, null,
                "Broker authentication (SASL or SSL credentials object), read by the transport.");
        define("ssl_context", COMMON, Parsers.object(SSLContext.class, "a javax.net.ssl.SSLContext"), null, null,
                "SSL context for the broker connection.");
        // Agent
        define("agent_supervisor", AGENT,
                choice("one_for_one", "one_for_all", "crashing", "forfeit_one_for_one", "forfeit_one_for_all"),
                "one_for_one", "AGENT_SUPERVISOR", "Default agent supervisor strategy (Faust: `mode.OneForOneSupervisor`).");
        // Broker
        define("broker_client_id", BROKER, string(), "faust-" + FAUST_JAVA_VERSION, "BROKER_CLIENT_ID",
                "Client id sent to Kafka, used to tell apps apart in broker logs.");
        define("broker_request_timeout", BROKER, duration(true), "90.0", "BROKER_REQUEST_TIMEOUT",
                "Kafka client request timeout.");
        define("broker_commit_every", BROKER, intAtLeast(1), "10000", "BROKER_COMMIT_EVERY",
                "Commit offsets after this many processed messages.");
        define("broker_commit_interval", BROKER, duration(true), "2.8", "BROKER_COMMIT_INTERVAL",
                "How often processed offsets are committed.");
        define("broker_commit_livelock_soft_timeout", BROKER, duration(true), "300", "BROKER_COMMIT_LIVELOCK_SOFT_TIMEOUT",
                "Warn when a partition's committed offset has not moved for this long.");
        define("broker_session_timeout", BROKER, duration(true), "60.0", "BROKER_SESSION_TIMEOUT",
                "Consumer group session timeout.");
        define("broker_heartbeat_interval", BROKER, duration(true), "3.0", "BROKER_HEARTBEAT_INTERVAL",
                "Consumer heartbeat interval; must be below `broker_session_timeout`.");
        define("broker_rebalance_timeout", BROKER, duration(true), "60.0", "BROKER_REBALANCE_TIMEOUT",
                "Time members have to rejoin the group during a rebalance.");
        define("broker_max_poll_interval", BROKER, duration(true), "1000.0", "BROKER_MAX_POLL_INTERVAL",
                "Maximum time between polls before the consumer leaves the group.");
        define("broker_max_poll_records", BROKER, optional(intAtLeast(1)), null, "BROKER_MAX_POLL_RECORDS",
                "Maximum records returned by one poll; none uses the client default.");
        define("broker_check_crcs", BROKER, bool(), "true", "BROKER_CHECK_CRCS", "Check CRC32 of consumed records.");
        define("broker_api_version", BROKER, string(), "auto", "BROKER_API_VERSION", "Broker API version, `auto` to probe.");
        // Consumer
        define("consumer_max_fetch_size", CONSUMER, intAtLeast(1), "1048576", "CONSUMER_MAX_FETCH_SIZE",
                "Maximum bytes fetched per partition (1 MiB; Faust 1.6 used 4 MiB).");
        define("consumer_auto_offset_reset", CONSUMER, choice("earliest", "latest", "none"), "earliest",
                "CONSUMER_AUTO_OFFSET_RESET", "Where to start when a partition has no committed offset.");
        define("consumer_group_instance_id", CONSUMER, optional(string()), null, "CONSUMER_GROUP_INSTANCE_ID",
                "Static group membership id; unique per worker.");
        define("consumer_metadata_max_age_ms", CONSUMER, intAtLeast(1), "300000", "CONSUMER_METADATA_MAX_AGE_MS",
                "Milliseconds between refreshes of the consumer's topic metadata; a topic pattern picks up new matching "
                        + "topics only then.");
        // Producer
        define("producer_linger_ms", PRODUCER, intAtLeast(0), "0", "PRODUCER_LINGER_MS",
                "Milliseconds to wait for more records before sending a batch.");
        define("producer_max_batch_size", PRODUCER, intAtLeast(1), "16384", "PRODUCER_MAX_BATCH_SIZE",
                "Maximum size of a batch in bytes.");
        define("producer_acks", PRODUCER, acks(), "-1", "PRODUCER_ACKS", "Acks: -1 (all in-sync replicas), 0 or 1.");
        define("producer_max_request_size", PRODUCER, intAtLeast(1), "1000000", "PRODUCER_MAX_REQUEST_SIZE",
                "Maximum size of a request in bytes.");
        define("producer_compression_type", PRODUCER, optional(choice("gzip", "snappy", "lz4", "zstd")), null,
                "PRODUCER_COMPRESSION_TYPE", "Compression: `gzip`, `snappy`, `lz4`, `zstd` or none.");
        define("producer_partitioner", PRODUCER, Parsers.classNameOrObject(), null, "PRODUCER_PARTITIONER",
                "Custom partitioner class name (or instance from code); none uses Kafka's murmur2.");
        define("producer_request_timeout", PRODUCER, duration(true), "1200.0", "PRODUCER_REQUEST_TIMEOUT",
                "Producer request timeout; batches expire after it.");
        define("producer_api_version", PRODUCER, string(), "auto", "PRODUCER_API_VERSION", "Producer API version.");
        // Serialization
        define("key_serializer", SERIALIZATION, string(), "raw", "APP_KEY_SERIALIZER", "Default key codec name.");
        define("value_serializer", SERIALIZATION, string(), "json", "APP_VALUE_SERIALIZER", "Default value codec name.");
        // Stream
        define("stream_buffer_maxsize", STREAM, intAtLeast(1), "4096", "STREAM_BUFFER_MAXSIZE",
                "Events buffered per stream before back-pressure.");
        define("stream_wait_empty", STREAM, bool(), "true", "STREAM_WAIT_EMPTY",
                "On rebalance or stop, wait for the event in progress to finish.");
        define("stream_ack_cancelled_tasks", STREAM, bool(), "true", "STREAM_ACK_CANCELLED_TASKS",
                "Deprecated in Faust; has no effect.");
        define("stream_ack_exceptions", STREAM, bool(), "true", "STREAM_ACK_EXCEPTIONS",
                "Deprecated in Faust; has no effect.");
        define("stream_publish_on_commit", STREAM, bool(), "false", "STREAM_PUBLISH_ON_COMMIT",
                "Buffer sends until the source offset is committed.");
        define("stream_recovery_delay", STREAM, duration(false), "0.0", "STREAM_RECOVERY_DELAY",
                "Sleep after a rebalance before recovery starts.");
        define("stream_processing_timeout", STREAM, duration(true), "300", "STREAM_PROCESSING_TIMEOUT",
                "Log an error when one event takes longer than this.");
        // RPC
        derived("reply_to", RPC, string(), "`<reply_to_prefix><random UUID>`", "REPLY_TO",
                "Reply topic of this instance; generated once per Settings if unset.");
        define("reply_to_prefix", RPC, string(), "f-reply-", "APP_REPLY_TO_PREFIX", "Prefix of generated reply topics.");
        define("reply_create_topic", RPC, bool(), "false", "APP_REPLY_CREATE_TOPIC", "Create the reply topic at startup.");
        define("reply_expires", RPC, duration(true), "1d", "APP_REPLY_EXPIRES", "How long replies stay in the reply topic.");
        // Table
        define("table_cleanup_interval", TABLE, duration(true), "30.0", "TABLE_CLEANUP_INTERVAL",
                "How often expired windows are removed.");
        define("table_standby_replicas", TABLE, intAtLeast(0), "1", "TABLE_STANDBY_REPLICAS",
                "Standby replicas kept of each table partition.");
        define("table_key_index_size", TABLE, intAtLeast(1), "1000", "TABLE_KEY_INDEX_SIZE",
                "Size of the key-to-partition cache used by table lookups.");
        // Topic
        define("topic_partitions", TOPIC, intAtLeast(1), "8", "TOPIC_PARTITIONS", "Default partitions of new topics.");
        define("topic_replication_factor", TOPIC, intAtLeast(1), "1", "TOPIC_REPLICATION_FACTOR",
                "Default replication factor of new topics.");
        define("topic_allow_declare", TOPIC, bool(), "true", "TOPIC_ALLOW_DECLARE",
                "Allow creating internal topics (changelogs, repartition topics).");
        define("topic_disable_leader", TOPIC, bool(), "false", "TOPIC_DISABLE_LEADER",
                "Do not create the leader-election topic.");
        // Web
        define("web", WEB, url(), "javalin://", "WEB", "Web server driver URL (Faust: `aiohttp://`).");
        define("web_enabled", WEB, bool(), "true", "APP_WEB_ENABLED", "Run the web server.");
        define("web_bind", WEB, string(), "0.0.0.0", "WEB_BIND", "Interface the web server binds to.");
        define("web_port", WEB, intRange(0, 65535), "6066", "WEB_PORT", "Web server port; 0 picks a free port.");
        derived("web_host", WEB, string(), "this machine's host name", "WEB_HOST",
                "Host name other workers use to reach this one.");
        define("web_transport", WEB, url(), "tcp://", "WEB_TRANSPORT", "Web transport: `tcp://` or `unix:///path.sock`.");
        define("web_in_thread", WEB, bool(), "false", "WEB_IN_THREAD", "Run the web server on its own threads.");
        define("web_cors_options", WEB, Parsers.object(Map.class, "a Map of origin to options"), null, null,
                "CORS options per origin for all views.");
        derived("canonical_url", WEB, url(), "`http://{web_host}:{web_port}`", "NODE_CANONICAL_URL",
                "URL other workers use to reach this worker's web server.");
        // Worker
        define("worker_redirect_stdouts", WORKER, bool(), "true", "WORKER_REDIRECT_STDOUTS",
                "Redirect System.out and System.err to the log.");
        define("worker_redirect_stdouts_level", WORKER, Parsers.logLevel(), "WARN", "WORKER_REDIRECT_STDOUTS_LEVEL",
                "Log level of redirected output.");
    }

    /** Every setting in declaration order, keyed by Faust name. */
    public static final SequencedMap<String, SettingDef> ALL = index();

    /** Faust settings that are not declared, with the reason (shown in the reference). */
    public static final SequencedMap<String, String> NOT_DECLARED = notDeclared();

    private static SequencedMap<String, SettingDef> index() {
        SequencedMap<String, SettingDef> m = new LinkedHashMap<>();
        for (SettingDef d : defs) {
            if (m.put(d.key(), d) != null) {
                throw new IllegalStateException("setting declared twice: " + d.key());
            }
        }
        return java.util.Collections.unmodifiableSequencedMap(m);
    }

    private static SequencedMap<String, String> notDeclared() {
        SequencedMap<String, String> m = new LinkedHashMap<>();
        String plug = "pluggable class; faust-java plugs implementations through ServiceLoader and explicit App methods";
        for (String c : List.of("Agent", "ConsumerScheduler", "Event", "Schema", "Stream", "Table", "SetTable",
                "GlobalTable", "SetGlobalTable", "TableManager", "Serializers", "Worker", "PartitionAssignor",
                "LeaderAssignor", "Router", "Topic", "HttpClient", "Monitor")) {
            m.put(c, plug);
        }
        m.put("logging_config", "Python dictConfig; configure SLF4J's backend (e.g. logback.xml) instead");
        m.put("loghandlers", "Python logging handlers; configure SLF4J's backend instead");
        m.put("loop", "asyncio event loop; faust-java uses virtual threads");
        m.put("url", "deprecated alias of broker");
        m.put("broker_consumer", "not yet: one broker list serves consumer and producer");
        m.put("broker_producer", "not yet: one broker list serves consumer and producer");
        m.put("producer_linger", "derived: use producer_linger_ms");
        return java.util.Collections.unmodifiableSequencedMap(m);
    }
}
