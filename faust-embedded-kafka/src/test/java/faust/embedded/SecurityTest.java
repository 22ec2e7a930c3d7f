package faust.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.embedded.security.Security;
import faust.embedded.security.TlsFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each security mode on a real single-node cluster: its client properties work, wrong credentials do not. */
class SecurityTest {

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of(Security.saslPlain("alice", "alice-secret"), "SASL_PLAINTEXT"),
                Arguments.of(Security.saslScram("SCRAM-SHA-256", "bob", "bob-secret"), "SASL_PLAINTEXT"),
                Arguments.of(Security.saslScram("SCRAM-SHA-512", "carol", "carol=secret]"), "SASL_PLAINTEXT"),
                Arguments.of(Security.tls(), "SSL"));
    }

    @Tag("integration")
    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void client_with_cluster_properties_connects_and_one_with_wrong_credentials_is_rejected(
            Security security, String protocol) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.newBuilder().security(security).start()) {
            Map<String, Object> props = kafka.clientProperties();
            assertThat(props).containsEntry("security.protocol", protocol);

            KafkaClients.createTopic(props, "secured", 1, 1);
            KafkaClients.send(props, "secured", List.of("secret-message"));
            assertThat(KafkaClients.readAll(props, "secured", "read_committed")).containsExactly("secret-message");

            Map<String, Object> wrong = wrongCredentials(security, props);
            try (KafkaProducer<String, String> producer = KafkaClients.producer(wrong, Map.of())) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("secured", "intruder"))
                        .get(30, TimeUnit.SECONDS))
                        .satisfies(e -> assertThat(causes(e)).anyMatch(AuthenticationException.class::isInstance));
            }
        }
    }

    private static Map<String, Object> wrongCredentials(Security security, Map<String, Object> props) {
        Map<String, Object> wrong = new HashMap<>(props);
        switch (security) {
            case Security.SaslPlain plain -> wrong.put("sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                            + plain.user() + "\" password=\"not-" + plain.password() + "\";");
            case Security.SaslScram scram -> wrong.put("sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                            + scram.user() + "\" password=\"not-" + scram.password() + "\";");
            case Security.Tls tls -> {
                // trusts the broker but presents no client certificate, which ssl.client.auth=required refuses
                wrong.remove("ssl.keystore.location");
                wrong.remove("ssl.keystore.password");
                wrong.remove("ssl.keystore.type");
                wrong.remove("ssl.key.password");
            }
            case Security.Plaintext p -> throw new AssertionError("plaintext has no credentials");
        }
        return wrong;
    }

    private static List<Throwable> causes(Throwable e) {
        return Stream.iterate(e, t -> t != null, Throwable::getCause).toList();
    }

    @Tag("integration")
    @Test
    void tls_cluster_names_its_generated_files() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.newBuilder().security(Security.tls()).start()) {
            TlsFiles files = kafka.tlsFiles();
            assertThat(files.directory()).isEqualTo(kafka.dataDir().resolve("tls"));
            assertThat(List.of(files.caTrustStore(), files.clientKeyStore(), files.serverKeyStore(), files.caPem(),
                    files.clientCertPem(), files.clientKeyPem())).allSatisfy(f -> assertThat(f).isRegularFile());
            assertThat(kafka.clientProperties())
                    .containsEntry("ssl.truststore.location", files.caTrustStore().toString())
                    .containsEntry("ssl.keystore.location", files.clientKeyStore().toString())
                    .containsEntry("ssl.keystore.password", files.password());
        }
    }

    @Test
    void unknown_scram_mechanism_is_rejected_with_the_choices() {
        assertThatThrownBy(() -> Security.saslScram("SCRAM-SHA-1", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SCRAM-SHA-1").hasMessageContaining("SCRAM-SHA-256 or SCRAM-SHA-512");
    }

    @Test
    void credentials_that_the_jaas_format_cannot_carry_are_rejected() {
        assertThatThrownBy(() -> Security.saslPlain("a,b", "p")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user contains the character ,");
        assertThatThrownBy(() -> Security.saslPlain("u", "say \"hi\"")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password contains the character \"");
        assertThatThrownBy(() -> Security.saslScram("SCRAM-SHA-256", "", "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user was empty");
    }

    @Test
    void passwords_stay_out_of_to_string() {
        assertThat(Security.saslPlain("alice", "hunter2").toString()).contains("alice").doesNotContain("hunter2");
        assertThat(Security.saslScram("SCRAM-SHA-256", "bob", "hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void each_mode_names_its_security_protocol() {
        assertThat(Security.plaintext().securityProtocol()).isEqualTo("PLAINTEXT");
        assertThat(Security.saslPlain("u", "p").securityProtocol()).isEqualTo("SASL_PLAINTEXT");
        assertThat(Security.tls().securityProtocol()).isEqualTo("SSL");
    }
}
