package faust.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SASLMechanismTest {
    @Test
    void parses_kafka_and_enum_spellings() {
        assertThat(SASLMechanism.fromName("SCRAM-SHA-256")).isEqualTo(SASLMechanism.SCRAM_SHA_256);
        assertThat(SASLMechanism.fromName("scram_sha_512")).isEqualTo(SASLMechanism.SCRAM_SHA_512);
        assertThat(SASLMechanism.fromName("plain")).isEqualTo(SASLMechanism.PLAIN);
        assertThat(SASLMechanism.SCRAM_SHA_512.kafkaName()).isEqualTo("SCRAM-SHA-512");
    }

    @Test
    void an_unknown_name_fails_listing_the_known_ones() {
        assertThatThrownBy(() -> SASLMechanism.fromName("OAUTH")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OAUTH").hasMessageContaining("SCRAM-SHA-256");
    }
}
