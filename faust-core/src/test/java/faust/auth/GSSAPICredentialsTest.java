package faust.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GSSAPICredentialsTest {
    @Test
    void defaults_follow_faust() {
        GSSAPICredentials g = GSSAPICredentials.of();
        assertThat(g.kerberosServiceName()).isEqualTo("kafka");
        assertThat(g.kerberosDomainName()).isNull();
        assertThat(g.mechanism()).isEqualTo(SASLMechanism.GSSAPI);
        assertThat(g.protocol()).isEqualTo(AuthProtocol.SASL_PLAINTEXT);
        assertThat(g.withSsl(SSLCredentials.defaults()).protocol()).isEqualTo(AuthProtocol.SASL_SSL);
    }

    @Test
    void a_blank_service_name_is_refused() {
        assertThatThrownBy(() -> new GSSAPICredentials(" ", null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kerberosServiceName");
    }
}
