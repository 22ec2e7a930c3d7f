package faust.settings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeclarationsTest {
    @Test
    void faust_16_signature_settings_are_declared_or_explained() {
        List<String> faust = List.of("broker", "broker_client_id", "broker_request_timeout", "broker_credentials",
                "broker_commit_every", "broker_commit_interval", "broker_commit_livelock_soft_timeout",
                "broker_session_timeout", "broker_heartbeat_interval", "broker_check_crcs", "broker_max_poll_records",
                "agent_supervisor", "store", "cache", "web", "web_enabled", "processing_guarantee", "timezone",
                "autodiscover", "origin", "canonical_url", "datadir", "tabledir", "key_serializer", "value_serializer",
                "logging_config", "loghandlers", "table_cleanup_interval", "table_standby_replicas",
                "topic_replication_factor", "topic_partitions", "topic_allow_declare", "id_format", "reply_to",
                "reply_to_prefix", "reply_create_topic", "reply_expires", "ssl_context", "stream_buffer_maxsize",
                "stream_wait_empty", "stream_ack_cancelled_tasks", "stream_ack_exceptions", "stream_publish_on_commit",
                "stream_recovery_delay", "producer_linger_ms", "producer_max_batch_size", "producer_acks",
                "producer_max_request_size", "producer_compression_type", "producer_partitioner",
                "producer_request_timeout", "producer_api_version", "consumer_max_fetch_size",
                "consumer_auto_offset_reset", "web_bind", "web_port", "web_host", "web_transport", "web_in_thread",
                "web_cors_options", "worker_redirect_stdouts", "worker_redirect_stdouts_level", "version",
                "broker_rebalance_timeout", "broker_max_poll_interval", "broker_api_version",
                "stream_processing_timeout", "table_key_index_size", "topic_disable_leader", "debug",
                "blocking_timeout", "consumer_group_instance_id", "Agent", "Monitor", "url");
        for (String k : faust) {
            assertThat(Declarations.ALL.containsKey(k) || Declarations.NOT_DECLARED.containsKey(k)).as(k).isTrue();
        }
    }

    @Test
    void env_names_are_unique() {
        List<String> envs = Declarations.ALL.values().stream().map(SettingDef::env).filter(e -> e != null).toList();
        assertThat(envs).doesNotHaveDuplicates();
    }
}
