package faust.settings;

import static faust.settings.Parsers.duration;
import static faust.settings.Parsers.intAtLeast;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Producer settings. */
public final class ProducerSettings {
    private static final Definer D = new Definer(Section.PRODUCER);

    /** {@code producer_linger_ms}: milliseconds to wait for more records before sending a batch. */
    public static final Setting<Integer> PRODUCER_LINGER_MS = D.define("producer_linger_ms", intAtLeast(0), "0",
            "PRODUCER_LINGER_MS", "Milliseconds to wait for more records before sending a batch.");
    /** {@code producer_max_batch_size}: the maximum size of a batch in bytes. */
    public static final Setting<Integer> PRODUCER_MAX_BATCH_SIZE = D.define("producer_max_batch_size", intAtLeast(1),
            "16384", "PRODUCER_MAX_BATCH_SIZE", "Maximum size of a batch in bytes.");
    /** {@code producer_acks}: -1 (all), 0 or 1. */
    public static final Setting<Integer> PRODUCER_ACKS = D.define("producer_acks", Parsers.acks(), "-1", "PRODUCER_ACKS",
            "Acks: -1 (all in-sync replicas), 0 or 1.");
    /** {@code producer_max_request_size}: the maximum size of a request in bytes. */
    public static final Setting<Integer> PRODUCER_MAX_REQUEST_SIZE = D.define("producer_max_request_size", intAtLeast(1),
            "1000000", "PRODUCER_MAX_REQUEST_SIZE", "Maximum size of a request in bytes.");
    /** {@code producer_compression_type}: {@code gzip}, {@code snappy}, {@code lz4}, {@code zstd} or none. */
    public static final Setting<Optional<String>> PRODUCER_COMPRESSION_TYPE = D.optional("producer_compression_type",
            Parsers.choice("gzip", "snappy", "lz4", "zstd"), "PRODUCER_COMPRESSION_TYPE",
            "Compression: `gzip`, `snappy`, `lz4`, `zstd` or none.");
    /** {@code producer_partitioner}: a partitioner class name (String) or instance (from code). */
    public static final Setting<Optional<Object>> PRODUCER_PARTITIONER = D.optional("producer_partitioner",
            Parsers.classNameOrObject(), "PRODUCER_PARTITIONER",
            "Custom partitioner class name (or instance from code); none uses Kafka's murmur2.");
    /** {@code producer_request_timeout}: the producer request timeout; batches expire after it. */
    public static final Setting<Duration> PRODUCER_REQUEST_TIMEOUT = D.define("producer_request_timeout", duration(true),
            "1200.0", "PRODUCER_REQUEST_TIMEOUT", "Producer request timeout; batches expire after it.");
    /** {@code producer_api_version}: the producer API version. */
    public static final Setting<String> PRODUCER_API_VERSION = D.define("producer_api_version", Parsers.string(), "auto",
            "PRODUCER_API_VERSION", "Producer API version.");

    private ProducerSettings() {}

    static List<Setting<?>> keys() {
        return D.keys();
    }
}
