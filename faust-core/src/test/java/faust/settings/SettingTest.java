package faust.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.errors.ImproperlyConfiguredException;
import faust.settings.internal.SettingsDoc;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingTest {
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
            assertThat(Settings.find(k).isPresent() || SettingsDoc.NOT_DECLARED.containsKey(k)).as(k).isTrue();
        }
    }

    @Test
    void env_names_are_unique() {
        List<String> envs = Settings.declared().stream().flatMap(s -> s.env().stream()).toList();
        assertThat(envs).doesNotHaveDuplicates();
    }

    @Test
    void every_constant_of_the_section_classes_is_declared_once_in_its_section() throws IllegalAccessException {
        List<Setting<?>> constants = new ArrayList<>();
        for (Class<?> c : List.of(CommonSettings.class, AgentSettings.class, BrokerSettings.class, ConsumerSettings.class,
                ProducerSettings.class, SerializationSettings.class, StreamSettings.class, RpcSettings.class,
                TableSettings.class, TopicSettings.class, WebSettings.class, WorkerSettings.class)) {
            String section = c.getSimpleName().replace("Settings", "").toUpperCase(Locale.ROOT);
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == Setting.class) {
                    Setting<?> s = (Setting<?>) f.get(null);
                    constants.add(s);
                    assertThat(f.getName()).as(s.key()).isEqualTo(s.key().toUpperCase(Locale.ROOT));
                    assertThat(s.section().name()).as(s.key()).isEqualTo(section);
                }
            }
        }
        assertThat(Settings.declared()).containsExactlyInAnyOrderElementsOf(constants);
    }

    @Test
    void parse_names_the_setting_the_value_its_source_and_what_is_allowed() {
        assertThat(BrokerSettings.BROKER_COMMIT_INTERVAL.parse("500ms", "test")).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> BrokerSettings.BROKER_COMMIT_INTERVAL.parse("soon", "environment variable X"))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageStartingWith("broker_commit_interval must be a duration > 0")
                .hasMessageEndingWith("got 'soon' (from environment variable X)");
    }

    @Test
    void an_optional_setting_is_an_optional_and_empty_means_none() {
        assertThat(BrokerSettings.BROKER_MAX_POLL_RECORDS.parse("", "test")).isEqualTo(Optional.empty());
        assertThat(BrokerSettings.BROKER_MAX_POLL_RECORDS.parse("5", "test")).isEqualTo(Optional.of(5));
        assertThat(BrokerSettings.BROKER_MAX_POLL_RECORDS.isOptional()).isTrue();
        assertThatThrownBy(() -> StreamSettings.STREAM_BUFFER_MAXSIZE.parse("", "test"))
                .hasMessage("stream_buffer_maxsize must be an integer >= 1, got '' (from test)");
    }

    @Test
    void named_suggests_the_closest_setting() {
        assertThat(Settings.named("web_port", "test")).isSameAs(WebSettings.WEB_PORT);
        assertThatThrownBy(() -> Settings.named("web_prot", "test"))
                .hasMessage("unknown setting 'web_prot' (from test); did you mean 'web_port'? See docs/settings.md for all settings");
    }
}
