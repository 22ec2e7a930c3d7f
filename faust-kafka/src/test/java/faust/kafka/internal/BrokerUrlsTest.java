package faust.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.AppConfig;
import faust.errors.ImproperlyConfiguredException;
import faust.settings.CommonSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerUrlsTest {
    private static String fromSetting(String broker) {
        return BrokerUrls.bootstrapServers(AppConfig.forApp("x").environment(Map.of()).broker(broker).build().get(CommonSettings.BROKER));
    }

    @Test
    void one_url_gives_its_host_and_port() {
        assertThat(fromSetting("kafka://broker-1:9093")).isEqualTo("broker-1:9093");
    }

    @Test
    void several_hosts_in_faust_form_become_a_bootstrap_list() {
        assertThat(fromSetting("kafka://h1:9092;h2:9093;h3")).isEqualTo("h1:9092,h2:9093,h3:9092");
    }

    @Test
    void semicolons_inside_one_uri_are_split_too() {
        assertThat(BrokerUrls.bootstrapServers(List.of(URI.create("kafka://h1:9092;h2:9094"), URI.create("kafka://h3:1"))))
                .isEqualTo("h1:9092,h2:9094,h3:1");
    }

    @Test
    void a_host_without_port_gets_9092_and_an_empty_url_means_localhost() {
        assertThat(BrokerUrls.bootstrapServers(List.of(URI.create("kafka://somehost")))).isEqualTo("somehost:9092");
        assertThat(fromSetting("kafka://")).isEqualTo("localhost:9092");
    }

    @Test
    void ipv6_hosts_keep_their_brackets() {
        assertThat(BrokerUrls.bootstrapServers(List.of(URI.create("kafka://[::1]:9092")))).isEqualTo("[::1]:9092");
    }

    @Test
    void a_bad_port_fails_naming_the_broker_setting() {
        assertThatThrownBy(() -> BrokerUrls.bootstrapServers(List.of(URI.create("kafka://h1:9092;h2:http"))))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("broker").hasMessageContaining("h2:http");
    }
}
