package faust.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SASLCredentialsTest {
    @Test
    void factories_pick_the_mechanism_and_no_tls() {
        assertThat(SASLCredentials.plain("u", "p").mechanism()).isEqualTo(SASLMechanism.PLAIN);
        assertThat(SASLCredentials.scramSha256("u", "p").mechanism()).isEqualTo(SASLMechanism.SCRAM_SHA_256);
        assertThat(SASLCredentials.scramSha512("u", "p").mechanism()).isEqualTo(SASLMechanism.SCRAM_SHA_512);
        assertThat(SASLCredentials.plain("u", "p").protocol()).isEqualTo(AuthProtocol.SASL_PLAINTEXT);
    }

    @Test
    void with_ssl_switches_to_sasl_ssl() {
        SASLCredentials c = SASLCredentials.plain("u", "p").withSsl(SSLCredentials.defaults());
        assertThat(c.protocol()).isEqualTo(AuthProtocol.SASL_SSL);
        assertThat(c.ssl()).isEqualTo(SSLCredentials.defaults());
    }

    @Test
    void to_string_never_shows_the_password() {
        String s = SASLCredentials.scramSha256("alice", "s3cret-Value").withSsl(SSLCredentials.defaults()).toString();
        assertThat(s).contains("alice").contains("SCRAM-SHA-256").doesNotContain("s3cret-Value");
    }

    @Test
    void gssapi_and_empty_user_names_are_refused() {
        assertThatThrownBy(() -> new SASLCredentials("u", "p", SASLMechanism.GSSAPI, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GSSAPICredentials");
        assertThatThrownBy(() -> SASLCredentials.plain("", "p")).isInstanceOf(IllegalArgumentException.class);
    }
}
