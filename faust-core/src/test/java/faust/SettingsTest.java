package faust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.errors.ImproperlyConfiguredException;
import faust.settings.BrokerSettings;
import faust.settings.CommonSettings;
import faust.settings.ProcessingGuarantee;
import faust.settings.ProducerSettings;
import faust.settings.RpcSettings;
import faust.settings.Setting;
import faust.settings.Settings;
import faust.settings.StreamSettings;
import faust.settings.TopicSettings;
import faust.settings.WebSettings;
import faust.settings.internal.Resolver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsTest {
    private static Settings defaults() {
        return AppConfig.forApp("orders").environment(Map.of()).build();
    }

    static Stream<Arguments> inventoryDefaults() {
        return Stream.of(
                Arguments.of("version", 1),
                Arguments.of("broker", List.of(URI.create("kafka://localhost:9092"))),
                Arguments.of("store", URI.create("memory:///")),
                Arguments.of("cache", URI.create("memory:///")),
                Arguments.of("processing_guarantee", ProcessingGuarantee.AT_LEAST_ONCE),
                Arguments.of("timezone", ZoneOffset.UTC),
                Arguments.of("autodiscover", List.of()),
                Arguments.of("origin", null),
                Arguments.of("debug", false),
                Arguments.of("blocking_timeout", null),
                Arguments.of("broker_credentials", null),
                Arguments.of("ssl_context", null),
                Arguments.of("env_prefix", null),
                Arguments.of("id_format", "{id}-v{version}"),
                Arguments.of("agent_supervisor", "one_for_one"),
                Arguments.of("broker_client_id", "faust-" + Settings.faustVersion()),
                Arguments.of("broker_api_version", "auto"),
                Arguments.of("broker_check_crcs", true),
                Arguments.of("broker_commit_every", 10_000),
                Arguments.of("broker_commit_interval", Duration.ofMillis(2800)),
                Arguments.of("broker_commit_livelock_soft_timeout", Duration.ofSeconds(300)),
                Arguments.of("broker_heartbeat_interval", Duration.ofSeconds(3)),
                Arguments.of("broker_session_timeout", Duration.ofSeconds(60)),
                Arguments.of("broker_rebalance_timeout", Duration.ofSeconds(60)),
                Arguments.of("broker_request_timeout", Duration.ofSeconds(90)),
                Arguments.of("broker_max_poll_interval", Duration.ofSeconds(1000)),
                Arguments.of("broker_max_poll_records", null),
                Arguments.of("consumer_auto_offset_reset", "earliest"),
                Arguments.of("consumer_max_fetch_size", 1024 * 1024),
                Arguments.of("consumer_group_instance_id", null),
                Arguments.of("producer_acks", -1),
                Arguments.of("producer_linger_ms", 0),
                Arguments.of("producer_max_batch_size", 16384),
                Arguments.of("producer_max_request_size", 1_000_000),
                Arguments.of("producer_request_timeout", Duration.ofSeconds(1200)),
                Arguments.of("producer_compression_type", null),
                Arguments.of("producer_partitioner", null),
                Arguments.of("producer_api_version", "auto"),
                Arguments.of("key_serializer", "raw"),
                Arguments.of("value_serializer", "json"),
                Arguments.of("stream_buffer_maxsize", 4096),
                Arguments.of("stream_processing_timeout", Duration.ofSeconds(300)),
                Arguments.of("stream_publish_on_commit", false),
                Arguments.of("stream_recovery_delay", Duration.ZERO),
                Arguments.of("stream_wait_empty", true),
                Arguments.of("stream_ack_exceptions", true),
                Arguments.of("stream_ack_cancelled_tasks", true),
                Arguments.of("reply_create_topic", false),
                Arguments.of("reply_expires", Duration.ofDays(1)),
                Arguments.of("reply_to_prefix", "f-reply-"),
                Arguments.of("table_cleanup_interval", Duration.ofSeconds(30)),
                Arguments.of("table_key_index_size", 1000),
                Arguments.of("table_standby_replicas", 1),
                Arguments.of("topic_partitions", 8),
                Arguments.of("topic_replication_factor", 1),
                Arguments.of("topic_allow_declare", true),
                Arguments.of("topic_disable_leader", false),
                Arguments.of("web", URI.create("javalin:///")),
                Arguments.of("web_enabled", true),
                Arguments.of("web_bind", "0.0.0.0"),
                Arguments.of("web_port", 6066),
                Arguments.of("web_transport", URI.create("tcp:///")),
                Arguments.of("web_in_thread", false),
                Arguments.of("web_cors_options", null),
                Arguments.of("worker_redirect_stdouts", true),
                Arguments.of("worker_redirect_stdouts_level", "WARN"),
                Arguments.of("datadir", Path.of("orders-data")),
                Arguments.of("tabledir", Path.of("orders-data", "v1", "tables")));
    }

    @ParameterizedTest(name = "{0} defaults to {1}")
    @MethodSource("inventoryDefaults")
    void default_matches_inventory(String key, Object expected) {
        assertThat(defaults().byName(key)).isEqualTo(expected);
    }

    @Test
    void typed_getters_return_defaults() {
        Settings s = defaults();
        assertThat(s.get(BrokerSettings.BROKER_COMMIT_INTERVAL)).isEqualTo(Duration.ofMillis(2800));
        assertThat(s.get(BrokerSettings.BROKER_COMMIT_EVERY)).isEqualTo(10_000);
        assertThat(s.get(StreamSettings.STREAM_BUFFER_MAXSIZE)).isEqualTo(4096);
        assertThat(s.get(TopicSettings.TOPIC_PARTITIONS)).isEqualTo(8);
        assertThat(s.get(BrokerSettings.BROKER_MAX_POLL_RECORDS)).isEmpty();
        assertThat(s.get(CommonSettings.ORIGIN)).isEmpty();
        assertThat(s.get(WebSettings.WEB_CORS_OPTIONS)).isEmpty();
        assertThat(s.get(ProducerSettings.PRODUCER_LINGER_MS)).isZero();
        assertThat(s.get(WebSettings.CANONICAL_URL)).isEqualTo(URI.create("http://" + s.get(WebSettings.WEB_HOST) + ":6066"));
    }

    @Test
    void system_property_overrides_code_and_environment() {
        Map<Setting<?>, Object> code = Map.of(CommonSettings.BROKER, CommonSettings.BROKER.parse("memory://", "code"));
        Settings s = Resolver.resolve("orders", code, null, Map.of("BROKER_URL", "kafka://env:9092"),
                Map.of("faust.setting.broker", "kafka://cli:9092"));
        assertThat(s.get(CommonSettings.BROKER)).isEqualTo(List.of(URI.create("kafka://cli:9092")));
    }

    @Test
    void unknown_or_bad_system_property_fails_naming_it() {
        assertThatThrownBy(() -> Resolver.resolve("orders", Map.of(), null, Map.of(),
                Map.of("faust.setting.brokr", "kafka://x:1")))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("unknown setting 'brokr' (from system property faust.setting.brokr)")
                .hasMessageContaining("did you mean 'broker'");
        assertThatThrownBy(() -> Resolver.resolve("orders", Map.of(), null, Map.of(),
                Map.of("faust.setting.broker_commit_every", "often")))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("broker_commit_every").hasMessageContaining("often")
                .hasMessageContaining("system property faust.setting.broker_commit_every");
    }

    @Test
    void other_faust_system_properties_such_as_a_builds_faust_version_are_not_settings() {
        Settings s = Resolver.resolve("orders", Map.of(), null, Map.of(),
                Map.of("faust.version", "0.1.0-SNAPSHOT", "faust.broker", "kafka://ignored:1", "faust.settings", "x"));
        assertThat(s.get(CommonSettings.BROKER)).isEqualTo(List.of(URI.create("kafka://localhost:9092")));
    }

    @Test
    void app_config_reads_system_properties_under_the_setting_prefix_only() {
        System.setProperty("faust.version", "0.1.0-SNAPSHOT");
        System.setProperty("faust.setting.stream_buffer_maxsize", "17");
        try {
            Settings s = AppConfig.forApp("orders").environment(Map.of()).build();
            assertThat(s.get(StreamSettings.STREAM_BUFFER_MAXSIZE)).isEqualTo(17);
        } finally {
            System.clearProperty("faust.version");
            System.clearProperty("faust.setting.stream_buffer_maxsize");
        }
    }

    @Test
    void id_is_plain_name_for_version_1() {
        Settings s = defaults();
        assertThat(s.id()).isEqualTo("orders");
        assertThat(s.name()).isEqualTo("orders");
    }

    @Test
    void id_is_formatted_for_version_2() {
        Settings s = AppConfig.forApp("orders").environment(Map.of()).version(2).build();
        assertThat(s.id()).isEqualTo("orders-v2");
        assertThat(s.name()).isEqualTo("orders");
        assertThat(s.get(CommonSettings.TABLEDIR)).isEqualTo(Path.of("orders-data", "v2", "tables"));
    }

    @Test
    void id_format_accepts_faust_self_version() {
        Settings s = AppConfig.forApp("orders").environment(Map.of()).version(3).idFormat("{id}_{self.version}").build();
        assertThat(s.id()).isEqualTo("orders_3");
    }

    @Test
    void reply_to_is_prefix_plus_uuid_and_unique_per_settings() {
        Settings a = defaults();
        Settings b = defaults();
        assertThat(a.get(RpcSettings.REPLY_TO)).startsWith("f-reply-").hasSize("f-reply-".length() + 36);
        assertThat(a.get(RpcSettings.REPLY_TO)).isNotEqualTo(b.get(RpcSettings.REPLY_TO)).isEqualTo(a.get(RpcSettings.REPLY_TO));
    }

    @Test
    void absolute_tabledir_is_kept_and_datadir_template_expanded() {
        Settings s = AppConfig.forApp("orders").environment(Map.of())
                .datadir(Path.of("/var/lib/{name}")).tabledir(Path.of("/tmp/t")).build();
        assertThat(s.get(CommonSettings.DATADIR)).isEqualTo(Path.of("/var/lib/orders"));
        assertThat(s.get(CommonSettings.TABLEDIR)).isEqualTo(Path.of("/tmp/t"));
    }

    @Test
    void asMap_has_id_name_and_every_setting() {
        Map<String, Object> m = defaults().asMap();
        assertThat(m).containsEntry("id", "orders").containsEntry("name", "orders").containsKey("stream_buffer_maxsize");
        assertThat(m).hasSize(Settings.declared().size() + 2);
    }

    @Test
    void get_unknown_suggests_closest() {
        assertThatThrownBy(() -> defaults().byName("stream_bufer_maxsize"))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("'stream_bufer_maxsize'").hasMessageContaining("did you mean 'stream_buffer_maxsize'");
    }
}
