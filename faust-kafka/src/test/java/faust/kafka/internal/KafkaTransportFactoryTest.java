package faust.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.AppConfig;
import faust.errors.ImproperlyConfiguredException;
import faust.settings.CommonSettings;
import faust.settings.Settings;
import faust.transport.Transport;
import faust.transport.TransportConfig;
import faust.transport.TransportFactory;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class KafkaTransportFactoryTest {
    @Test
    void the_service_loader_finds_the_factory_for_kafka_urls() {
        assertThat(ServiceLoader.load(TransportFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.schemes().contains("kafka")).toList()).singleElement().isInstanceOf(KafkaTransportFactory.class);
    }

    @Test
    void creates_a_transport_with_every_broker_of_the_setting() {
        Settings s = AppConfig.forApp("a").environment(Map.of()).broker("kafka://h1:9092;h2:9093").build();
        try (Transport t = new KafkaTransportFactory().create(s.get(CommonSettings.BROKER), TransportConfig.of(s))) {
            assertThat(((KafkaTransport) t).bootstrapServers()).isEqualTo("h1:9092,h2:9093");
        }
    }

    @Test
    void a_list_mixing_schemes_is_refused() {
        Settings s = AppConfig.forApp("a").environment(Map.of()).broker("kafka://h1:9092").build();
        assertThatThrownBy(() -> new KafkaTransportFactory().create(List.of(URI.create("kafka://h1:9092"),
                URI.create("memory://x")), TransportConfig.of(s))).isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("memory://x");
    }
}
