package faust.settings;

import static faust.settings.Parsers.bool;
import static faust.settings.Parsers.duration;
import static faust.settings.Parsers.intAtLeast;
import static faust.settings.Parsers.string;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Kafka client settings shared by consumer and producer (Faust's {@code broker_*} settings). */
public final class BrokerSettings {
    private static final Definer D = new Definer(Section.BROKER);

    /** {@code broker_client_id}: the client id sent to Kafka. */
    public static final Setting<String> BROKER_CLIENT_ID = D.define("broker_client_id", string(),
            "faust-" + FaustVersion.VERSION, "BROKER_CLIENT_ID", "Client id sent to Kafka, used to tell apps apart in broker logs.");
    /** {@code broker_request_timeout}: the Kafka client request timeout. */
    public static final Setting<Duration> BROKER_REQUEST_TIMEOUT = D.define("broker_request_timeout", duration(true),
            "90.0", "BROKER_REQUEST_TIMEOUT", "Kafka client request timeout.");
    /** {@code broker_commit_every}: commit after this many processed messages. */
    public static final Setting<Integer> BROKER_COMMIT_EVERY = D.define("broker_commit_every", intAtLeast(1), "10000",
            "BROKER_COMMIT_EVERY", "Commit offsets after this many processed messages.");
    /** {@code broker_commit_interval}: how often processed offsets are committed. */
    public static final Setting<Duration> BROKER_COMMIT_INTERVAL = D.define("broker_commit_interval", duration(true), "2.8",
            "BROKER_COMMIT_INTERVAL", "How often processed offsets are committed.");
    /** {@code broker_commit_livelock_soft_timeout}: warn when a committed offset is stuck this long. */
    public static final Setting<Duration> BROKER_COMMIT_LIVELOCK_SOFT_TIMEOUT = D.define(
            "broker_commit_livelock_soft_timeout", duration(true), "300", "BROKER_COMMIT_LIVELOCK_SOFT_TIMEOUT",
            "Warn when a partition's committed offset has not moved for this long.");
    /** {@code broker_session_timeout}: the consumer group session timeout. */
    public static final Setting<Duration> BROKER_SESSION_TIMEOUT = D.define("broker_session_timeout", duration(true), "60.0",
            "BROKER_SESSION_TIMEOUT", "Consumer group session timeout.");
    /** {@code broker_heartbeat_interval}: the consumer heartbeat interval. */
    public static final Setting<Duration> BROKER_HEARTBEAT_INTERVAL = D.define("broker_heartbeat_interval", duration(true),
            "3.0", "BROKER_HEARTBEAT_INTERVAL", "Consumer heartbeat interval; must be below `broker_session_timeout`.");
    /** {@code broker_rebalance_timeout}: the time members have to rejoin the group. */
    public static final Setting<Duration> BROKER_REBALANCE_TIMEOUT = D.define("broker_rebalance_timeout", duration(true),
            "60.0", "BROKER_REBALANCE_TIMEOUT", "Time members have to rejoin the group during a rebalance.");
    /** {@code broker_max_poll_interval}: the maximum time between polls. */
    public static final Setting<Duration> BROKER_MAX_POLL_INTERVAL = D.define("broker_max_poll_interval", duration(true),
            "1000.0", "BROKER_MAX_POLL_INTERVAL", "Maximum time between polls before the consumer leaves the group.");
    /** {@code broker_max_poll_records}: the maximum records per poll; empty for the client default. */
    public static final Setting<Optional<Integer>> BROKER_MAX_POLL_RECORDS = D.optional("broker_max_poll_records",
            intAtLeast(1), "BROKER_MAX_POLL_RECORDS", "Maximum records returned by one poll; none uses the client default.");
    /** {@code broker_check_crcs}: whether record CRCs are checked. */
    public static final Setting<Boolean> BROKER_CHECK_CRCS = D.define("broker_check_crcs", bool(), "true",
            "BROKER_CHECK_CRCS", "Check CRC32 of consumed records.");
    /** {@code broker_api_version}: the broker API version, {@code auto} to probe. */
    public static final Setting<String> BROKER_API_VERSION = D.define("broker_api_version", string(), "auto",
            "BROKER_API_VERSION", "Broker API version, `auto` to probe.");

    private BrokerSettings() {}

    static List<Setting<?>> keys() {
        return D.keys();
    }
}
