package faust.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.auth.GSSAPICredentials;
import faust.auth.SASLCredentials;
import faust.auth.SSLCredentials;
import faust.errors.ImproperlyConfiguredException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityConfigsTest {
    @TempDir
    Path dir;

    @Test
    void no_credentials_means_a_plain_connection() {
        assertThat(SecurityConfigs.of(null, null)).isEmpty();
    }

    @Test
    void sasl_plain_maps_to_protocol_mechanism_and_a_jaas_line_kafka_can_parse() {
        Map<String, Object> m = SecurityConfigs.of(SASLCredentials.plain("alice", "pa\"ss\\word"), null);
        assertThat(m).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "PLAIN");
        var entry = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password((String) m.get("sasl.jaas.config"))))
                .configurationEntries().get(0);
        assertThat(entry.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule");
        assertThat(entry.getOptions().get("username")).isEqualTo("alice");
        assertThat(entry.getOptions().get("password")).isEqualTo("pa\"ss\\word");
    }

    @Test
    void scram_over_tls_uses_sasl_ssl_and_the_scram_module() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, Object> m = SecurityConfigs.of(SASLCredentials.scramSha512("bob", "pw").withSsl(SSLCredentials.caFile(ca)), null);
        assertThat(m).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM").containsEntry("ssl.truststore.location", ca.toString())
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
        assertThat((String) m.get("sasl.jaas.config")).startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required");
    }

    @Test
    void tls_with_a_pem_client_certificate_passes_the_pem_text_and_key_password() throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "CERT");
        Path key = Files.writeString(dir.resolve("k.pem"), "KEY");
        Path store = Files.writeString(dir.resolve("trust.p12"), "x");
        Map<String, Object> m = SecurityConfigs.of(SSLCredentials.trustStore(store, "tpw")
                .withClientCertificate(cert, key, "kpw").withEndpointIdentification(false), null);
        assertThat(m).containsEntry("security.protocol", "SSL").containsEntry("ssl.truststore.location", store.toString())
                .containsEntry("ssl.truststore.password", "tpw").containsEntry("ssl.keystore.type", "PEM")
                .containsEntry("ssl.keystore.certificate.chain", "CERT").containsEntry("ssl.keystore.key", "KEY")
                .containsEntry("ssl.key.password", "kpw").containsEntry("ssl.endpoint.identification.algorithm", "");
    }

    @Test
    void a_key_store_is_passed_by_location() throws Exception {
        Path ks = Files.writeString(dir.resolve("client.jks"), "x");
        Map<String, Object> m = SecurityConfigs.of(SSLCredentials.defaults().withKeyStore(ks, "spw", null), null);
        assertThat(m).containsEntry("ssl.keystore.location", ks.toString()).containsEntry("ssl.keystore.password", "spw")
                .doesNotContainKey("ssl.truststore.location");
    }

    @Test
    void a_missing_file_fails_naming_broker_credentials_and_the_path() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> SecurityConfigs.of(SSLCredentials.caFile(missing), null))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("broker_credentials").hasMessageContaining("nope.pem");
    }

    @Test
    void gssapi_uses_the_ticket_cache_and_the_service_name() {
        Map<String, Object> m = SecurityConfigs.of(GSSAPICredentials.of(), null);
        assertThat(m).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "GSSAPI")
                .containsEntry("sasl.kerberos.service.name", "kafka");
        assertThat((String) m.get("sasl.jaas.config")).contains("Krb5LoginModule").contains("useTicketCache=true");
    }

    @Test
    void a_kerberos_domain_name_is_refused_with_the_reason() {
        assertThatThrownBy(() -> SecurityConfigs.of(new GSSAPICredentials("kafka", "example.com", null), null))
                .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("kerberosDomainName");
    }

    @Test
    void an_ssl_context_as_credentials_or_setting_goes_through_the_engine_factory() throws Exception {
        SSLContext ctx = SSLContext.getDefault();
        assertThat(SecurityConfigs.of(ctx, null)).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.engine.factory.class", ContextSslEngineFactory.class)
                .containsEntry(ContextSslEngineFactory.CONTEXT_CONFIG, ctx);
        assertThat(SecurityConfigs.of(SASLCredentials.plain("u", "p"), ctx)).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(ContextSslEngineFactory.CONTEXT_CONFIG, ctx);
        assertThat(SecurityConfigs.of(null, ctx)).containsEntry("security.protocol", "SSL");
    }

    @Test
    void an_unsupported_type_fails_naming_the_setting_and_the_type() {
        assertThatThrownBy(() -> SecurityConfigs.of(Map.of("user", "x"), null))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("broker_credentials").hasMessageContaining("java.util.");
    }
}
