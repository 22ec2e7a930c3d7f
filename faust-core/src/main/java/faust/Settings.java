package faust;

import faust.settings.internal.Declarations;
import faust.settings.internal.Resolver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The validated, immutable settings the runtime reads; made by {@link AppConfig#build()}.
 *
 * <p>Getters are the camelCase form of Faust's setting names and return Java types. Optional
 * settings return {@link Optional}. Immutable and thread-safe (values set from code as objects,
 * such as an {@link SSLContext}, are shared as given).
 *
 * @see AppConfig
 */
public final class Settings {
    private final String name;
    private final String id;
    private final Map<String, @Nullable Object> values;

    Settings(String name, Map<String, @Nullable Object> values) {
        this.name = Objects.requireNonNull(name, "name");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        int version = (Integer) Objects.requireNonNull(values.get("version"), "version");
        String fmt = (String) Objects.requireNonNull(values.get("id_format"), "id_format");
        this.id = version > 1
                ? fmt.replace("{id}", name).replace("{self.version}", "" + version).replace("{version}", "" + version)
                : name;
    }

    /** @return the app name as given to {@link AppConfig#forApp(String)} */
    public String name() {
        return name;
    }

    /**
     * The app id: the name when {@code version} is 1, otherwise {@code id_format} applied
     * (default {@code "{id}-v{version}"}, e.g. {@code orders-v2}). Used as the consumer group id
     * and as the prefix of internal topics.
     *
     * @return the formatted id
     */
    public String id() {
        return id;
    }

    /**
     * @return the producer linger as a duration ({@code producer_linger_ms})
     */
    public Duration producerLinger() {
        return Duration.ofMillis(producerLingerMs());
    }

    /** @return the app version, 1 or more (setting {@code version}) */
    public int version() {
        return (Integer) value("version");
    }

    /** @return the broker URLs (setting {@code broker}) */
    @SuppressWarnings("unchecked")
    public List<URI> broker() {
        return (List<URI>) value("broker");
    }

    /** @return the table store URL; {@code memory://} is held as {@code memory:///} (setting {@code store}) */
    public URI store() {
        return (URI) value("store");
    }

    /** @return the cache backend URL (setting {@code cache}) */
    public URI cache() {
        return (URI) value("cache");
    }

    /** @return the processing guarantee (setting {@code processing_guarantee}) */
    public ProcessingGuarantee processingGuarantee() {
        return (ProcessingGuarantee) value("processing_guarantee");
    }

    /** @return the time zone of crontab timers (setting {@code timezone}) */
    public ZoneId timezone() {
        return (ZoneId) value("timezone");
    }

    /** @return packages to scan; empty when autodiscovery is off (setting {@code autodiscover}) */
    @SuppressWarnings("unchecked")
    public List<String> autodiscover() {
        return (List<String>) value("autodiscover");
    }

    /** @return the app's base package (setting {@code origin}) */
    public Optional<String> origin() {
        return Optional.ofNullable((String) values.get("origin"));
    }

    /** @return the data directory, with {@code {name}} replaced (setting {@code datadir}) */
    public Path datadir() {
        return (Path) value("datadir");
    }

    /** @return the table directory; a relative setting is resolved as {@code <datadir>/v<version>/<tabledir>} (setting {@code tabledir}) */
    public Path tabledir() {
        return (Path) value("tabledir");
    }

    /** @return whether debug mode is on (setting {@code debug}) */
    public boolean debug() {
        return (Boolean) value("debug");
    }

    /** @return the environment variable prefix in effect (setting {@code env_prefix}) */
    public Optional<String> envPrefix() {
        return Optional.ofNullable((String) values.get("env_prefix"));
    }

    /** @return the id format used when version &gt; 1 (setting {@code id_format}) */
    public String idFormat() {
        return (String) value("id_format");
    }

    /** @return the blocking-thread warning threshold (setting {@code blocking_timeout}) */
    public Optional<Duration> blockingTimeout() {
        return Optional.ofNullable((Duration) values.get("blocking_timeout"));
    }

    /** @return the broker credentials object set in code (setting {@code broker_credentials}) */
    public Optional<Object> brokerCredentials() {
        return Optional.ofNullable(values.get("broker_credentials"));
    }

    /** @return the SSL context set in code (setting {@code ssl_context}) */
    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable((SSLContext) values.get("ssl_context"));
    }

    /** @return the default supervisor strategy name, e.g. {@code one_for_one} (setting {@code agent_supervisor}) */
    public String agentSupervisor() {
        return (String) value("agent_supervisor");
    }

    /** @return the Kafka client id (setting {@code broker_client_id}) */
    public String brokerClientId() {
        return (String) value("broker_client_id");
    }

    /** @return the Kafka request timeout (setting {@code broker_request_timeout}) */
    public Duration brokerRequestTimeout() {
        return (Duration) value("broker_request_timeout");
    }

    /** @return commit after this many processed messages (setting {@code broker_commit_every}) */
    public int brokerCommitEvery() {
        return (Integer) value("broker_commit_every");
    }

    /** @return how often offsets are committed (setting {@code broker_commit_interval}) */
    public Duration brokerCommitInterval() {
        return (Duration) value("broker_commit_interval");
    }

    /** @return warn when a committed offset is stuck this long (setting {@code broker_commit_livelock_soft_timeout}) */
    public Duration brokerCommitLivelockSoftTimeout() {
        return (Duration) value("broker_commit_livelock_soft_timeout");
    }

    /** @return the consumer group session timeout (setting {@code broker_session_timeout}) */
    public Duration brokerSessionTimeout() {
        return (Duration) value("broker_session_timeout");
    }

    /** @return the consumer heartbeat interval (setting {@code broker_heartbeat_interval}) */
    public Duration brokerHeartbeatInterval() {
        return (Duration) value("broker_heartbeat_interval");
    }

    /** @return the rebalance timeout (setting {@code broker_rebalance_timeout}) */
    public Duration brokerRebalanceTimeout() {
        return (Duration) value("broker_rebalance_timeout");
    }

    /** @return the maximum time between polls (setting {@code broker_max_poll_interval}) */
    public Duration brokerMaxPollInterval() {
        return (Duration) value("broker_max_poll_interval");
    }

    /** @return the maximum records per poll, empty for the client default (setting {@code broker_max_poll_records}) */
    public OptionalInt brokerMaxPollRecords() {
        Integer v = (Integer) values.get("broker_max_poll_records");
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** @return whether record CRCs are checked (setting {@code broker_check_crcs}) */
    public boolean brokerCheckCrcs() {
        return (Boolean) value("broker_check_crcs");
    }

    /** @return the broker API version, {@code auto} to probe (setting {@code broker_api_version}) */
    public String brokerApiVersion() {
        return (String) value("broker_api_version");
    }

    /** @return the maximum bytes fetched per partition (setting {@code consumer_max_fetch_size}) */
    public int consumerMaxFetchSize() {
        return (Integer) value("consumer_max_fetch_size");
    }

    /** @return {@code earliest}, {@code latest} or {@code none} (setting {@code consumer_auto_offset_reset}) */
    public String consumerAutoOffsetReset() {
        return (String) value("consumer_auto_offset_reset");
    }

    /** @return the static membership id (setting {@code consumer_group_instance_id}) */
    public Optional<String> consumerGroupInstanceId() {
        return Optional.ofNullable((String) values.get("consumer_group_instance_id"));
    }

    /**
     * @return milliseconds between refreshes of the consumer's topic metadata, which is when a topic
     *     pattern sees new matching topics (setting {@code consumer_metadata_max_age_ms})
     */
    public int consumerMetadataMaxAgeMs() {
        return (Integer) value("consumer_metadata_max_age_ms");
    }

    /** @return the producer linger in milliseconds (setting {@code producer_linger_ms}) */
    public int producerLingerMs() {
        return (Integer) value("producer_linger_ms");
    }

    /** @return the maximum batch size in bytes (setting {@code producer_max_batch_size}) */
    public int producerMaxBatchSize() {
        return (Integer) value("producer_max_batch_size");
    }

    /** @return the acks: -1 (all), 0 or 1 (setting {@code producer_acks}) */
    public int producerAcks() {
        return (Integer) value("producer_acks");
    }

    /** @return the maximum request size in bytes (setting {@code producer_max_request_size}) */
    public int producerMaxRequestSize() {
        return (Integer) value("producer_max_request_size");
    }

    /** @return the compression type (setting {@code producer_compression_type}) */
    public Optional<String> producerCompressionType() {
        return Optional.ofNullable((String) values.get("producer_compression_type"));
    }

    /** @return a partitioner class name (String) or instance (setting {@code producer_partitioner}) */
    public Optional<Object> producerPartitioner() {
        return Optional.ofNullable(values.get("producer_partitioner"));
    }

    /** @return the producer request timeout (setting {@code producer_request_timeout}) */
    public Duration producerRequestTimeout() {
        return (Duration) value("producer_request_timeout");
    }

    /** @return the producer API version (setting {@code producer_api_version}) */
    public String producerApiVersion() {
        return (String) value("producer_api_version");
    }

    /** @return the default key codec name (setting {@code key_serializer}) */
    public String keySerializer() {
        return (String) value("key_serializer");
    }

    /** @return the default value codec name (setting {@code value_serializer}) */
    public String valueSerializer() {
        return (String) value("value_serializer");
    }

    /** @return the events buffered per stream before back-pressure (setting {@code stream_buffer_maxsize}) */
    public int streamBufferMaxsize() {
        return (Integer) value("stream_buffer_maxsize");
    }

    /** @return whether to wait for the event in progress on rebalance or stop (setting {@code stream_wait_empty}) */
    public boolean streamWaitEmpty() {
        return (Boolean) value("stream_wait_empty");
    }

    /** @return deprecated in Faust; no effect (setting {@code stream_ack_cancelled_tasks}) */
    public boolean streamAckCancelledTasks() {
        return (Boolean) value("stream_ack_cancelled_tasks");
    }

    /** @return deprecated in Faust; no effect (setting {@code stream_ack_exceptions}) */
    public boolean streamAckExceptions() {
        return (Boolean) value("stream_ack_exceptions");
    }

    /** @return whether sends are buffered until commit (setting {@code stream_publish_on_commit}) */
    public boolean streamPublishOnCommit() {
        return (Boolean) value("stream_publish_on_commit");
    }

    /** @return the sleep after a rebalance before recovery (setting {@code stream_recovery_delay}) */
    public Duration streamRecoveryDelay() {
        return (Duration) value("stream_recovery_delay");
    }

    /** @return the time one event may take before an error is logged (setting {@code stream_processing_timeout}) */
    public Duration streamProcessingTimeout() {
        return (Duration) value("stream_processing_timeout");
    }

    /** @return the reply topic; generated once per Settings if not set (setting {@code reply_to}) */
    public String replyTo() {
        return (String) value("reply_to");
    }

    /** @return the prefix of generated reply topics (setting {@code reply_to_prefix}) */
    public String replyToPrefix() {
        return (String) value("reply_to_prefix");
    }

    /** @return whether the reply topic is created at startup (setting {@code reply_create_topic}) */
    public boolean replyCreateTopic() {
        return (Boolean) value("reply_create_topic");
    }

    /** @return how long replies stay in the reply topic (setting {@code reply_expires}) */
    public Duration replyExpires() {
        return (Duration) value("reply_expires");
    }

    /** @return how often expired windows are removed (setting {@code table_cleanup_interval}) */
    public Duration tableCleanupInterval() {
        return (Duration) value("table_cleanup_interval");
    }

    /** @return the standby replicas per table partition (setting {@code table_standby_replicas}) */
    public int tableStandbyReplicas() {
        return (Integer) value("table_standby_replicas");
    }

    /** @return the size of the key-to-partition cache (setting {@code table_key_index_size}) */
    public int tableKeyIndexSize() {
        return (Integer) value("table_key_index_size");
    }

    /** @return the default partitions of new topics (setting {@code topic_partitions}) */
    public int topicPartitions() {
        return (Integer) value("topic_partitions");
    }

    /** @return the default replication factor of new topics (setting {@code topic_replication_factor}) */
    public int topicReplicationFactor() {
        return (Integer) value("topic_replication_factor");
    }

    /** @return whether internal topics may be created (setting {@code topic_allow_declare}) */
    public boolean topicAllowDeclare() {
        return (Boolean) value("topic_allow_declare");
    }

    /** @return whether the leader-election topic is disabled (setting {@code topic_disable_leader}) */
    public boolean topicDisableLeader() {
        return (Boolean) value("topic_disable_leader");
    }

    /** @return the web server driver URL (setting {@code web}) */
    public URI web() {
        return (URI) value("web");
    }

    /** @return whether the web server runs (setting {@code web_enabled}) */
    public boolean webEnabled() {
        return (Boolean) value("web_enabled");
    }

    /** @return the interface the web server binds to (setting {@code web_bind}) */
    public String webBind() {
        return (String) value("web_bind");
    }

    /** @return the web server port (0: any free port) (setting {@code web_port}) */
    public int webPort() {
        return (Integer) value("web_port");
    }

    /** @return the host name other workers use (setting {@code web_host}) */
    public String webHost() {
        return (String) value("web_host");
    }

    /** @return the web transport URL (setting {@code web_transport}) */
    public URI webTransport() {
        return (URI) value("web_transport");
    }

    /** @return whether the web server runs on its own threads (setting {@code web_in_thread}) */
    public boolean webInThread() {
        return (Boolean) value("web_in_thread");
    }

    /** @return CORS options per origin; empty if unset (setting {@code web_cors_options}) */
    public Map<?, ?> webCorsOptions() {
        Map<?, ?> v = (Map<?, ?>) values.get("web_cors_options");
        return v == null ? Map.of() : v;
    }

    /** @return the URL other workers use to reach this worker (setting {@code canonical_url}) */
    public URI canonicalUrl() {
        return (URI) value("canonical_url");
    }

    /** @return whether System.out and System.err go to the log (setting {@code worker_redirect_stdouts}) */
    public boolean workerRedirectStdouts() {
        return (Boolean) value("worker_redirect_stdouts");
    }

    /** @return the log level of redirected output (setting {@code worker_redirect_stdouts_level}) */
    public String workerRedirectStdoutsLevel() {
        return (String) value("worker_redirect_stdouts_level");
    }

    /**
     * A setting by its Faust name, for generic consumers such as web views.
     *
     * @param faustName the snake_case name, or {@code id} / {@code name}
     * @return the value, {@code null} if the optional setting is unset
     * @throws faust.errors.ImproperlyConfiguredException if the name is unknown (the message suggests the closest)
     */
    public @Nullable Object get(String faustName) {
        Objects.requireNonNull(faustName, "faustName");
        return switch (faustName) {
            case "id" -> id;
            case "name" -> name;
            default -> {
                if (!Declarations.ALL.containsKey(faustName)) {
                    throw Resolver.unknown(faustName, "Settings.get");
                }
                yield values.get(faustName);
            }
        };
    }

    /**
     * All settings by Faust name: {@code id} and {@code name} first, then every declared setting in
     * declaration order; unset optional settings map to {@code null}.
     *
     * @return an unmodifiable view
     */
    public Map<String, @Nullable Object> asMap() {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.putAll(values);
        return Collections.unmodifiableMap(m);
    }

    private Object value(String key) {
        return Objects.requireNonNull(values.get(key), key);
    }

    @Override
    public String toString() {
        return "Settings[" + id + "]";
    }
}
