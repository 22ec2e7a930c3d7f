package faust.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.AppConfig;
import faust.errors.ImproperlyConfiguredException;
import faust.settings.ProcessingGuarantee;
import faust.settings.Settings;
import faust.transport.TransportConfig;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.junit.jupiter.api.Test;

class KafkaConfigsTest {
    private static TransportConfig settings(Consumer<AppConfig> more) {
        AppConfig cfg = AppConfig.forApp("orders").environment(Map.of()).broker("kafka://127.0.0.1:1");
        more.accept(cfg);
        return TransportConfig.of(cfg.build());
    }

    private static Map<String, Object> consumer(Consumer<AppConfig> more) {
        return new KafkaConfigs(settings(more)).consumer("orders", "cid", new AssignorContext("orders", null));
    }

    @Test
    void consumer_settings_map_to_kafka_configs() {
        Map<String, Object> m = consumer(c -> c.set("broker_session_timeout", Duration.ofSeconds(30))
                .set("broker_heartbeat_interval", Duration.ofSeconds(2)).set("broker_max_poll_interval", Duration.ofSeconds(400))
                .set("broker_max_poll_records", 123).set("broker_check_crcs", false).set("consumer_max_fetch_size", 4096)
                .set("consumer_auto_offset_reset", "latest").set("consumer_group_instance_id", "worker-7")
                .set("consumer_metadata_max_age_ms", 500).set("broker_request_timeout", Duration.ofSeconds(40)).set("broker_client_id", "my-client"));
        assertThat(m).containsEntry("bootstrap.servers", "127.0.0.1:1").containsEntry("client.id", "cid")
                .containsEntry("group.id", "orders").containsEntry("group.protocol", "classic")
                .containsEntry("partition.assignment.strategy", FaustPartitionAssignor.class.getName())
                .containsEntry("enable.auto.commit", "false").containsEntry("session.timeout.ms", "30000")
                .containsEntry("heartbeat.interval.ms", "2000").containsEntry("max.poll.interval.ms", "400000")
                .containsEntry("max.poll.records", "123").containsEntry("check.crcs", "false")
                .containsEntry("max.partition.fetch.bytes", "4096").containsEntry("auto.offset.reset", "latest")
                .containsEntry("group.instance.id", "worker-7").containsEntry("request.timeout.ms", "40000")
                .containsEntry("metadata.max.age.ms", "500")
                .containsEntry("isolation.level", "read_uncommitted");
        assertThat(m.get(AssignorContext.CONFIG)).isInstanceOf(AssignorContext.class);
    }

    @Test
    void exactly_once_reads_committed_only() {
        assertThat(consumer(c -> c.processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE)))
                .containsEntry("isolation.level", "read_committed");
    }

    @Test
    void producer_settings_map_to_kafka_configs() {
        Map<String, Object> m = new KafkaConfigs(settings(c -> c.set("producer_linger_ms", 5).set("producer_max_batch_size", 999)
                .set("producer_acks", 1).set("producer_max_request_size", 2_000_000).set("producer_compression_type", "lz4")
                .set("producer_request_timeout", Duration.ofSeconds(60)).set("broker_request_timeout", Duration.ofSeconds(90))
                .set("producer_partitioner", RoundRobinPartitioner.class.getName()))).producer("pid", null);
        assertThat(m).containsEntry("linger.ms", "5").containsEntry("batch.size", "999").containsEntry("acks", "1")
                .containsEntry("max.request.size", "2000000").containsEntry("compression.type", "lz4")
                .containsEntry("delivery.timeout.ms", "60000")
                .containsEntry("request.timeout.ms", "59995")      // capped: delivery - linger
                .containsEntry("partitioner.class", RoundRobinPartitioner.class.getName())
                .doesNotContainKey("transactional.id");
    }

    @Test
    void acks_minus_one_means_all_and_a_transactional_producer_is_idempotent() {
        Map<String, Object> m = new KafkaConfigs(settings(c -> { })).producer("pid", "orders-tx-0");
        assertThat(m).containsEntry("acks", "all").containsEntry("transactional.id", "orders-tx-0")
                .containsEntry("enable.idempotence", "true");
    }

    @Test
    void exactly_once_with_acks_one_fails_naming_producer_acks() {
        KafkaConfigs c = new KafkaConfigs(settings(cfg -> cfg.set("producer_acks", 1)));
        assertThatThrownBy(() -> c.producer("pid", "tx")).isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("producer_acks").hasMessageContaining("exactly_once");
    }

    @Test
    void a_partitioner_instance_is_handed_over_through_the_delegating_partitioner() {
        RoundRobinPartitioner p = new RoundRobinPartitioner();
        Map<String, Object> m = new KafkaConfigs(settings(c -> c.set("producer_partitioner", p))).producer("pid", null);
        assertThat(m).containsEntry("partitioner.class", DelegatingPartitioner.class)
                .containsEntry(DelegatingPartitioner.INSTANCE_CONFIG, p);
    }

    @Test
    void a_partitioner_of_another_type_fails_naming_the_setting() {
        KafkaConfigs c = new KafkaConfigs(settings(cfg -> cfg.set("producer_partitioner", 42)));
        assertThatThrownBy(() -> c.producer("pid", null)).isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("producer_partitioner");
    }

    @Test
    void a_config_the_kafka_consumer_rejects_is_reported_under_the_faust_setting() {
        // 30 days in milliseconds does not fit Kafka's int config; Settings alone cannot know that
        KafkaTransport t = new KafkaTransport(settings(c -> c.set("broker_max_poll_interval", Duration.ofDays(30))));
        assertThatThrownBy(() -> t.createConsumer("g", "c", m -> { }, () -> 0))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("broker_max_poll_interval").hasMessageContaining("max.poll.interval.ms");
        t.close();
    }

    @Test
    void a_config_the_kafka_producer_rejects_is_reported_under_the_faust_setting() {
        KafkaTransport t = new KafkaTransport(settings(c -> c.set("producer_partitioner", "com.example.NoSuchPartitioner")));
        assertThatThrownBy(t::createProducer).isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("producer_partitioner").hasMessageContaining("NoSuchPartitioner");
        t.close();
    }

    @Test
    void clients_are_built_from_valid_settings_without_a_broker() {
        KafkaTransport t = new KafkaTransport(settings(c -> { }));
        t.createConsumer("g", "c", m -> { }, () -> 0).close();
        t.createProducer().close();
        t.close();
    }
}
