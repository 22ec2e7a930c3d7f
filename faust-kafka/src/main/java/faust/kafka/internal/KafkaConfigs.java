package faust.kafka.internal;

import faust.errors.ImproperlyConfiguredException;
import faust.settings.BrokerSettings;
import faust.settings.ConsumerSettings;
import faust.settings.ProducerSettings;
import faust.transport.TransportConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * The one place where Faust settings become Kafka client configs, remembering which setting each
 * config came from so that a config the client rejects is reported under the Faust name.
 */
final class KafkaConfigs {
    /** Longest wait of one admin call before it is retried; also the attempt size when the broker is down. */
    static final Duration ADMIN_ATTEMPT = Duration.ofSeconds(5);
    private static final Pattern CONFIG_NAME = Pattern.compile("configuration '?([a-z.]+)'?");

    private final TransportConfig settings;
    private final String bootstrap;
    private final Map<String, Object> security;
    /** Kafka config name -> the Faust setting it comes from. */
    private final Map<String, String> origin = new HashMap<>();

    KafkaConfigs(TransportConfig settings) {
        this.settings = settings;
        this.bootstrap = BrokerUrls.bootstrapServers(settings.brokers());
        this.security = SecurityConfigs.of(settings.credentials().orElse(null), settings.sslContext().orElse(null));
    }

    /** @return {@code host:port,...} */
    String bootstrapServers() {
        return bootstrap;
    }

    /** @return the settings */
    TransportConfig settings() {
        return settings;
    }

    private Map<String, Object> common(String clientId) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "bootstrap.servers", bootstrap, "broker");
        put(m, "client.id", clientId, "broker_client_id");
        // exponential back-off between connection attempts to a broker that is down: no busy spin, one
        // warning per attempt at most every 5 s once it has grown
        m.put("reconnect.backoff.ms", "100");
        m.put("reconnect.backoff.max.ms", "5000");
        m.put("retry.backoff.ms", "100");
        m.put("retry.backoff.max.ms", "2000");
        String from = settings.credentials().isPresent() ? "broker_credentials" : "ssl_context";
        security.forEach((k, v) -> put(m, k, v, from));
        return m;
    }

    /**
     * @param groupId consumer group
     * @param clientId client id
     * @param context the assignor's state for this consumer
     * @return consumer configs
     */
    Map<String, Object> consumer(String groupId, String clientId, AssignorContext context) {
        Map<String, Object> m = common(clientId);
        m.put("group.id", groupId);
        m.put("group.protocol", "classic");
        m.put("partition.assignment.strategy", FaustPartitionAssignor.class.getName());
        m.put(AssignorContext.CONFIG, context);
        m.put("enable.auto.commit", "false");
        m.put("allow.auto.create.topics", "false");
        m.put("key.deserializer", ByteArrayDeserializer.class.getName());
        m.put("value.deserializer", ByteArrayDeserializer.class.getName());
        put(m, "request.timeout.ms", millis(settings.get(BrokerSettings.BROKER_REQUEST_TIMEOUT)), "broker_request_timeout");
        put(m, "default.api.timeout.ms", millis(settings.get(BrokerSettings.BROKER_REQUEST_TIMEOUT)), "broker_request_timeout");
        put(m, "session.timeout.ms", millis(settings.get(BrokerSettings.BROKER_SESSION_TIMEOUT)), "broker_session_timeout");
        put(m, "heartbeat.interval.ms", millis(settings.get(BrokerSettings.BROKER_HEARTBEAT_INTERVAL)), "broker_heartbeat_interval");
        put(m, "max.poll.interval.ms", millis(settings.get(BrokerSettings.BROKER_MAX_POLL_INTERVAL)), "broker_max_poll_interval");
        settings.get(BrokerSettings.BROKER_MAX_POLL_RECORDS).ifPresent(n -> put(m, "max.poll.records", String.valueOf(n), "broker_max_poll_records"));
        put(m, "check.crcs", String.valueOf(settings.get(BrokerSettings.BROKER_CHECK_CRCS)), "broker_check_crcs");
        put(m, "max.partition.fetch.bytes", String.valueOf(settings.get(ConsumerSettings.CONSUMER_MAX_FETCH_SIZE)), "consumer_max_fetch_size");
        put(m, "auto.offset.reset", settings.get(ConsumerSettings.CONSUMER_AUTO_OFFSET_RESET), "consumer_auto_offset_reset");
        put(m, "metadata.max.age.ms", String.valueOf(settings.get(ConsumerSettings.CONSUMER_METADATA_MAX_AGE_MS)), "consumer_metadata_max_age_ms");
        settings.get(ConsumerSettings.CONSUMER_GROUP_INSTANCE_ID).ifPresent(id -> put(m, "group.instance.id", id, "consumer_group_instance_id"));
        put(m, "isolation.level", exactlyOnce() ? "read_committed" : "read_uncommitted", "processing_guarantee");
        return m;
    }

    /**
     * @param clientId client id
     * @return configs of a consumer outside any group that reads assigned partitions (changelogs)
     */
    Map<String, Object> reader(String clientId) {
        Map<String, Object> m = common(clientId);
        m.put("enable.auto.commit", "false");
        m.put("allow.auto.create.topics", "false");
        m.put("auto.offset.reset", "earliest");     // a position deleted by retention reads on from the log start
        m.put("key.deserializer", ByteArrayDeserializer.class.getName());
        m.put("value.deserializer", ByteArrayDeserializer.class.getName());
        m.put("max.poll.records", "10000");
        put(m, "request.timeout.ms", millis(settings.get(BrokerSettings.BROKER_REQUEST_TIMEOUT)), "broker_request_timeout");
        put(m, "default.api.timeout.ms", millis(settings.get(BrokerSettings.BROKER_REQUEST_TIMEOUT)), "broker_request_timeout");
        put(m, "check.crcs", String.valueOf(settings.get(BrokerSettings.BROKER_CHECK_CRCS)), "broker_check_crcs");
        put(m, "isolation.level", exactlyOnce() ? "read_committed" : "read_uncommitted", "processing_guarantee");
        return m;
    }

    /**
     * @param clientId client id
     * @param transactionalId the transactional id, or null for a plain producer
     * @return producer configs
     */
    Map<String, Object> producer(String clientId, @Nullable String transactionalId) {
        Map<String, Object> m = common(clientId);
        m.put("key.serializer", ByteArraySerializer.class.getName());
        m.put("value.serializer", ByteArraySerializer.class.getName());
        long linger = settings.get(ProducerSettings.PRODUCER_LINGER_MS);
        long delivery = settings.get(ProducerSettings.PRODUCER_REQUEST_TIMEOUT).toMillis();
        put(m, "linger.ms", String.valueOf(linger), "producer_linger_ms");
        put(m, "batch.size", String.valueOf(settings.get(ProducerSettings.PRODUCER_MAX_BATCH_SIZE)), "producer_max_batch_size");
        int acks = settings.get(ProducerSettings.PRODUCER_ACKS);
        put(m, "acks", acks == -1 ? "all" : String.valueOf(acks), "producer_acks");
        put(m, "max.request.size", String.valueOf(settings.get(ProducerSettings.PRODUCER_MAX_REQUEST_SIZE)), "producer_max_request_size");
        settings.get(ProducerSettings.PRODUCER_COMPRESSION_TYPE).ifPresent(c -> put(m, "compression.type", c, "producer_compression_type"));
        // Faust's producer_request_timeout is how long a batch may wait for delivery (Kafka's delivery.timeout.ms);
        // one request may take broker_request_timeout, but never more than the delivery budget allows
        put(m, "delivery.timeout.ms", String.valueOf(delivery), "producer_request_timeout");
        long request = Math.max(1, Math.min(settings.get(BrokerSettings.BROKER_REQUEST_TIMEOUT).toMillis(), delivery - linger));
        put(m, "request.timeout.ms", String.valueOf(request), "broker_request_timeout");
        settings.get(ProducerSettings.PRODUCER_PARTITIONER).ifPresent(p -> partitioner(m, p));
        if (transactionalId != null) {
            if (acks != -1) {
                throw new ImproperlyConfiguredException("processing_guarantee=exactly_once needs producer_acks=-1 (all in-sync "
                        + "replicas), got producer_acks=" + acks + "; set producer_acks to -1");
            }
            m.put("transactional.id", transactionalId);
            m.put("enable.idempotence", "true");
        }
        return m;
    }

    /**
     * @param clientId client id
     * @return admin client configs
     */
    Map<String, Object> admin(String clientId) {
        Map<String, Object> m = common(clientId);
        put(m, "request.timeout.ms", millis(settings.get(BrokerSettings.BROKER_REQUEST_TIMEOUT)), "broker_request_timeout");
        put(m, "default.api.timeout.ms", millis(settings.get(BrokerSettings.BROKER_REQUEST_TIMEOUT)), "broker_request_timeout");
        return m;
    }

    private void partitioner(Map<String, Object> m, Object p) {
        switch (p) {
            case String name -> put(m, "partitioner.class", name, "producer_partitioner");
            case Class<?> c -> put(m, "partitioner.class", c, "producer_partitioner");
            case Partitioner instance -> {
                put(m, "partitioner.class", DelegatingPartitioner.class, "producer_partitioner");
                m.put(DelegatingPartitioner.INSTANCE_CONFIG, instance);
            }
            default -> throw new ImproperlyConfiguredException("producer_partitioner has type " + p.getClass().getName()
                    + ", which the Kafka transport cannot use; give a class name or an instance of "
                    + Partitioner.class.getName());
        }
    }

    boolean exactlyOnce() {
        return settings.exactlyOnce();
    }

    private void put(Map<String, Object> m, String key, Object value, String faustName) {
        m.put(key, value);
        origin.put(key, faustName);
    }

    private static String millis(Duration d) {
        return String.valueOf(d.toMillis());
    }

    /**
     * Rethrows a client's complaint about its configs under the Faust setting they came from.
     *
     * @param what which client, e.g. {@code consumer}
     * @param e the client's exception
     * @return an ImproperlyConfiguredException when a config was rejected, otherwise {@code e}
     */
    RuntimeException configError(String what, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String lower = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (lower.contains("keystore") || lower.contains("truststore")) {
                return new ImproperlyConfiguredException("the Kafka " + what + " could not load the TLS keyStore or trustStore "
                        + "of broker_credentials " + settings.credentials().map(Object::toString).orElse("") + ": "
                        + t.getMessage() + (t.getCause() == null ? "" : " (" + t.getCause().getMessage() + ")")
                        + ". Check the file and its password.", e);
            }
            if (t instanceof org.apache.kafka.common.config.ConfigException
                    || t instanceof IllegalArgumentException) {
                String msg = String.valueOf(t.getMessage());
                String faust = faustNameIn(msg);
                return new ImproperlyConfiguredException("the Kafka " + what + " rejected its configuration"
                        + (faust == null ? "" : " from setting " + faust) + ": " + msg
                        + (faust == null ? "" : ". Fix " + faust + " (see docs/kafka.md for how settings map to Kafka)"), e);
            }
        }
        return e;
    }

    private @Nullable String faustNameIn(String msg) {
        Matcher mm = CONFIG_NAME.matcher(msg);
        while (mm.find()) {
            String f = origin.get(mm.group(1));
            if (f != null) {
                return f + " (Kafka's " + mm.group(1) + ")";
            }
        }
        String best = null;
        int at = Integer.MAX_VALUE;
        for (Map.Entry<String, String> e : origin.entrySet()) {
            int i = msg.indexOf(e.getKey());
            if (i >= 0 && i < at) {
                at = i;
                best = e.getValue() + " (Kafka's " + e.getKey() + ")";
            }
        }
        return best;
    }
}
