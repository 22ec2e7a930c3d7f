package faust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.errors.ImproperlyConfiguredException;
import faust.settings.AgentSettings;
import faust.settings.BrokerSettings;
import faust.settings.CommonSettings;
import faust.settings.ProcessingGuarantee;
import faust.settings.ProducerSettings;
import faust.settings.RpcSettings;
import faust.settings.Settings;
import faust.settings.StreamSettings;
import faust.settings.WebSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppConfigTest {
    @TempDir
    Path tmp;

    private Path file(String content) throws IOException {
        Path f = tmp.resolve("app.properties");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void file_overrides_default() throws IOException {
        Settings s = AppConfig.forApp("a").environment(Map.of()).configFile(file("broker_commit_every=500\n")).build();
        assertThat(s.get(BrokerSettings.BROKER_COMMIT_EVERY)).isEqualTo(500);
    }

    @Test
    void env_overrides_file() throws IOException {
        Settings s = AppConfig.forApp("a").environment(Map.of("BROKER_COMMIT_EVERY", "700"))
                .configFile(file("broker_commit_every=500\n")).build();
        assertThat(s.get(BrokerSettings.BROKER_COMMIT_EVERY)).isEqualTo(700);
    }

    @Test
    void code_overrides_env_and_file() throws IOException {
        Settings s = AppConfig.forApp("a").environment(Map.of("BROKER_COMMIT_EVERY", "700"))
                .configFile(file("broker_commit_every=500\n")).brokerCommitEvery(900).build();
        assertThat(s.get(BrokerSettings.BROKER_COMMIT_EVERY)).isEqualTo(900);
    }

    @Test
    void broker_reads_faust_env_name() {
        Settings s = AppConfig.forApp("a").environment(Map.of("BROKER_URL", "kafka://h1:9092;h2:9093")).build();
        assertThat(s.get(CommonSettings.BROKER)).containsExactly(URI.create("kafka://h1:9092"), URI.create("kafka://h2:9093"));
    }

    @Test
    void env_prefix_from_code_prefixes_variables() {
        Settings s = AppConfig.forApp("a").envPrefix("MYAPP_")
                .environment(Map.of("MYAPP_WEB_PORT", "7000", "WEB_PORT", "7001")).build();
        assertThat(s.get(WebSettings.WEB_PORT)).isEqualTo(7000);
        assertThat(s.get(CommonSettings.ENV_PREFIX)).contains("MYAPP_");
    }

    @Test
    void env_prefix_without_underscore_and_from_env() {
        Settings s = AppConfig.forApp("a")
                .environment(Map.of("APP_ENV_PREFIX", "MYAPP", "MYAPP_STREAM_BUFFER_MAXSIZE", "10")).build();
        assertThat(s.get(StreamSettings.STREAM_BUFFER_MAXSIZE)).isEqualTo(10);
    }

    @Test
    void environment_supplier_is_read_at_build() {
        Settings s = AppConfig.forApp("a").environment(() -> Map.of("WEB_PORT", "1234")).build();
        assertThat(s.get(WebSettings.WEB_PORT)).isEqualTo(1234);
    }

    @ParameterizedTest(name = "{0} -> {1} ms")
    @CsvSource({"2.8, 2800", "500ms, 500", "30s, 30000", "5m, 300000", "2h, 7200000", "1d, 86400000", "PT2.8S, 2800", "0.001, 1"})
    void durations_parse(String text, long millis) {
        Settings s = AppConfig.forApp("a").environment(Map.of()).set("broker_commit_interval", text).build();
        assertThat(s.get(BrokerSettings.BROKER_COMMIT_INTERVAL)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void durations_accept_numbers_of_seconds_and_Duration() {
        assertThat(AppConfig.forApp("a").environment(Map.of()).set("reply_expires", 2.5).build().get(RpcSettings.REPLY_EXPIRES))
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(AppConfig.forApp("a").environment(Map.of()).set("reply_expires", 3).build().get(RpcSettings.REPLY_EXPIRES))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(AppConfig.forApp("a").environment(Map.of()).replyExpires(Duration.ofHours(1)).build().get(RpcSettings.REPLY_EXPIRES))
                .isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource(delimiter = '|', value = {
        "stream_buffer_maxsize|-5|an integer >= 1",
        "stream_buffer_maxsize|many|an integer >= 1",
        "version|0|an integer >= 1",
        "topic_partitions|0|an integer >= 1",
        "table_standby_replicas|-1|an integer >= 0",
        "web_port|70000|an integer from 0 to 65535",
        "broker_commit_interval|-1|a duration > 0",
        "broker_commit_interval|soon|a duration > 0",
        "stream_recovery_delay|-2s|a duration >= 0",
        "debug|maybe|a boolean",
        "processing_guarantee|at_most_once|one of [at_least_once, exactly_once]",
        "agent_supervisor|restart_all|one of [one_for_one, one_for_all, crashing, forfeit_one_for_one, forfeit_one_for_all]",
        "consumer_auto_offset_reset|middle|one of [earliest, latest, none]",
        "producer_acks|2|one of -1 (all), 0, 1",
        "producer_compression_type|zip|one of [gzip, snappy, lz4, zstd]",
        "timezone|Mars/Olympus|a time zone id",
        "store|not a url|a URL with a scheme",
        "id_format|v{version}|a string containing {id}",
        "worker_redirect_stdouts_level|LOUD|one of [TRACE",
        "broker|kafka://h1:9092;;h2|one or more URLs",
    })
    void env_value_rejected_with_name_value_source_and_rule(String key, String value, String rule) {
        String env = key.toUpperCase(Locale.ROOT);
        String var = switch (key) {
            case "version" -> "APP_VERSION";
            case "store" -> "APP_STORE";
            case "id_format" -> "APP_ID_FORMAT";
            case "debug" -> "APP_DEBUG";
            case "broker" -> "BROKER_URL";
            default -> env;
        };
        assertThatThrownBy(() -> AppConfig.forApp("a").environment(Map.of(var, value)).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageStartingWith(key + " must be " + rule)
                .hasMessageContaining("got '" + value + "'")
                .hasMessageContaining("(from environment variable " + var + ")");
    }

    @Test
    void example_message_is_exact() {
        assertThatThrownBy(() -> AppConfig.forApp("a").environment(Map.of("STREAM_BUFFER_MAXSIZE", "-5")).build())
                .hasMessage("stream_buffer_maxsize must be an integer >= 1, got '-5' (from environment variable STREAM_BUFFER_MAXSIZE)");
    }

    @Test
    void bad_file_value_names_the_file() throws IOException {
        Path f = file("topic_partitions=zero\n");
        assertThatThrownBy(() -> AppConfig.forApp("a").environment(Map.of()).configFile(f).build())
                .hasMessage("topic_partitions must be an integer >= 1, got 'zero' (from config file " + f + ")");
    }

    @Test
    void bad_code_value_fails_at_set() {
        assertThatThrownBy(() -> AppConfig.forApp("a").streamBufferMaxsize(0))
                .hasMessage("stream_buffer_maxsize must be an integer >= 1, got '0' (from code)");
    }

    @Test
    void unknown_file_key_suggests_closest() throws IOException {
        Path f = file("broker_comit_every=5\n");
        assertThatThrownBy(() -> AppConfig.forApp("a").environment(Map.of()).configFile(f).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("unknown setting 'broker_comit_every'")
                .hasMessageContaining("config file " + f)
                .hasMessageContaining("did you mean 'broker_commit_every'?");
    }

    @Test
    void code_only_setting_in_file_is_rejected() throws IOException {
        Path f = file("ssl_context=default\n");
        assertThatThrownBy(() -> AppConfig.forApp("a").environment(Map.of()).configFile(f).build())
                .hasMessageContaining("ssl_context can only be set from code");
    }

    @Test
    void missing_file_is_reported() {
        Path f = tmp.resolve("nope.properties");
        assertThatThrownBy(() -> AppConfig.forApp("a").environment(Map.of()).configFile(f).build())
                .hasMessageContaining("config file " + f + " cannot be read");
    }

    @Test
    void second_set_of_same_setting_is_rejected() {
        AppConfig cfg = AppConfig.forApp("a").webPort(1);
        assertThatThrownBy(() -> cfg.set("web_port", 2))
                .hasMessage("web_port was already set to '1' in code; set each setting once");
    }

    @Test
    void unknown_key_in_code_is_rejected() {
        assertThatThrownBy(() -> AppConfig.forApp("a").set("web_prot", 1)).hasMessageContaining("did you mean 'web_port'");
    }

    @Test
    void invalid_app_id_is_rejected() {
        assertThatThrownBy(() -> AppConfig.forApp("my app")).hasMessageContaining("got 'my app'");
    }

    @Test
    void heartbeat_must_be_below_session_timeout() {
        assertThatThrownBy(() -> AppConfig.forApp("a").environment(Map.of())
                .set("broker_heartbeat_interval", "60s").build())
                .hasMessageContaining("broker_heartbeat_interval must be less than broker_session_timeout");
    }

    @Test
    void autodiscover_true_uses_origin() {
        Settings s = AppConfig.forApp("a").environment(Map.of()).set("origin", "com.example").set("autodiscover", true).build();
        assertThat(s.get(CommonSettings.AUTODISCOVER)).isEqualTo(List.of("com.example"));
        assertThatThrownBy(() -> AppConfig.forApp("a").environment(Map.of()).set("autodiscover", "true").build())
                .hasMessageContaining("origin is not set");
    }

    @Test
    void optional_setting_empty_env_means_none() {
        Settings s = AppConfig.forApp("a").environment(Map.of("PRODUCER_COMPRESSION_TYPE", "")).build();
        assertThat(s.get(ProducerSettings.PRODUCER_COMPRESSION_TYPE)).isEmpty();
    }

    @Test
    void typed_setters_round_trip() {
        Settings s = AppConfig.forApp("a").environment(Map.of())
                .broker("memory://").store("rocksdb://").processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE)
                .keySerializer("json").valueSerializer("raw").replyTo("r").replyCreateTopic(true)
                .agentSupervisor("crashing").timezone(ZoneId.of("Europe/Oslo")).webEnabled(false).debug(true)
                .set("producer_acks", "all").build();
        assertThat(s.get(CommonSettings.BROKER)).containsExactly(URI.create("memory:///"));
        assertThat(s.get(CommonSettings.STORE).getScheme()).isEqualTo("rocksdb");
        assertThat(s.get(CommonSettings.PROCESSING_GUARANTEE)).isEqualTo(ProcessingGuarantee.EXACTLY_ONCE);
        assertThat(s.get(RpcSettings.REPLY_TO)).isEqualTo("r");
        assertThat(s.get(AgentSettings.AGENT_SUPERVISOR)).isEqualTo("crashing");
        assertThat(s.get(ProducerSettings.PRODUCER_ACKS)).isEqualTo(-1);
        assertThat(s.get(WebSettings.WEB_ENABLED)).isFalse();
        assertThat(s.get(CommonSettings.DEBUG)).isTrue();
    }
}
