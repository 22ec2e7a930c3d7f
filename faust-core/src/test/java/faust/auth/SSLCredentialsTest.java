package faust.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SSLCredentialsTest {
    @Test
    void with_copies_keep_the_trust_part_and_add_the_client_part() {
        SSLCredentials c = SSLCredentials.caFile(Path.of("ca.pem"))
                .withClientCertificate(Path.of("c.pem"), Path.of("k.pem"), "kpw").withEndpointIdentification(false);
        assertThat(c.caFile()).isEqualTo(Path.of("ca.pem"));
        assertThat(c.certFile()).isEqualTo(Path.of("c.pem"));
        assertThat(c.keyFile()).isEqualTo(Path.of("k.pem"));
        assertThat(c.keyPassword()).isEqualTo("kpw");
        assertThat(c.endpointIdentification()).isFalse();
        assertThat(c.protocol()).isEqualTo(AuthProtocol.SSL);
    }

    @Test
    void a_key_store_replaces_pem_client_files() {
        SSLCredentials c = SSLCredentials.trustStore(Path.of("t.p12"), "tpw")
                .withClientCertificate(Path.of("c.pem"), Path.of("k.pem"), null).withKeyStore(Path.of("ks.p12"), "kspw", null);
        assertThat(c.certFile()).isNull();
        assertThat(c.keyStore()).isEqualTo(Path.of("ks.p12"));
        assertThat(c.trustStorePassword()).isEqualTo("tpw");
    }

    @Test
    void parts_that_do_not_fit_together_are_refused() {
        assertThatThrownBy(() -> new SSLCredentials(Path.of("a"), Path.of("b"), null, null, null, null, null, null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> new SSLCredentials(null, null, null, Path.of("c"), null, null, null, null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("together");
        assertThatThrownBy(() -> new SSLCredentials(null, null, "pw", null, null, null, null, null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trustStorePassword");
    }

    @Test
    void to_string_never_shows_passwords() {
        String s = SSLCredentials.trustStore(Path.of("t.p12"), "trust-pw").withKeyStore(Path.of("k.p12"), "store-pw", "key-pw")
                .toString();
        assertThat(s).contains("t.p12").contains("k.p12").doesNotContain("trust-pw").doesNotContain("store-pw")
                .doesNotContain("key-pw");
    }
}
