package faust.kafka;

import static faust.kafka.KafkaTestSupport.await;
import static faust.kafka.KafkaTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.auth.Credentials;
import faust.auth.SASLCredentials;
import faust.auth.SSLCredentials;
import faust.embedded.EmbeddedKafka;
import faust.embedded.Security;
import faust.embedded.TlsFiles;
import faust.errors.ImproperlyConfiguredException;
import faust.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Apps authenticate with faust.auth credentials: SASL/PLAIN, SASL/SCRAM-SHA-256 and mutual TLS brokers. */
@Tag("integration")
class KafkaCredentialsTest {
    private static EmbeddedKafka plain;
    private static EmbeddedKafka scram;
    private static EmbeddedKafka tls;

    @BeforeAll
    static void start() {
        var p = CompletableFuture.supplyAsync(() -> EmbeddedKafka.newBuilder().security(Security.saslPlain("alice", "alice-pw")).start());
        var s = CompletableFuture.supplyAsync(() -> EmbeddedKafka.newBuilder()
                .security(Security.saslScram("SCRAM-SHA-256", "bob", "bob-pw")).start());
        var t = CompletableFuture.supplyAsync(() -> EmbeddedKafka.newBuilder().security(Security.tls()).start());
        plain = p.join();
        scram = s.join();
        tls = t.join();
    }

    @AfterAll
    static void stop() {
        for (EmbeddedKafka k : new EmbeddedKafka[] {plain, scram, tls}) {
            if (k != null) {
                k.close();
            }
        }
    }

    /** Starts an app with the credentials, sends three values through an agent and stops it. */
    private static void roundTrip(EmbeddedKafka kafka, Credentials credentials) {
        String id = unique("auth");
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> c.set("broker_credentials", credentials));
        Topic<String, String> in = app.topic(id + "-in", String.class, String.class, o -> o.partitions(1));
        List<String> seen = new CopyOnWriteArrayList<>();
        app.agent("read", in, s -> {
            for (String v : s) {
                seen.add(v);
            }
        });
        app.start();
        try {
            for (String v : List.of("a", "b", "c")) {
                in.send(null, v).join();
            }
            await(Duration.ofSeconds(60), () -> seen.size() == 3, "3 values over " + credentials.protocol());
            assertThat(seen).containsExactly("a", "b", "c");
        } finally {
            app.stop();
        }
    }

    private static void refused(EmbeddedKafka kafka, Credentials credentials, String... messageParts) {
        String id = unique("refused");
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> c.set("broker_credentials", credentials));
        app.topic(id + "-in", String.class, String.class, o -> o.partitions(1));
        try {
            var thrown = assertThatThrownBy(app::start).isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("broker_credentials");
            for (String part : messageParts) {
                thrown.hasMessageContaining(part);
            }
        } finally {
            app.stop();
        }
    }

    @Test
    void sasl_plain_credentials_work_and_a_wrong_password_is_named() {
        roundTrip(plain, SASLCredentials.plain("alice", "alice-pw"));
        refused(plain, SASLCredentials.plain("alice", "wrong-pw"), "authentication", "alice", "password=***");
    }

    @Test
    void sasl_scram_sha_256_credentials_work_and_a_wrong_password_is_named() {
        roundTrip(scram, SASLCredentials.scramSha256("bob", "bob-pw"));
        refused(scram, SASLCredentials.scramSha256("bob", "not-bobs"), "authentication", "SCRAM-SHA-256");
    }

    @Test
    void mutual_tls_with_pem_files_or_stores_works_and_a_missing_client_certificate_is_named() {
        TlsFiles f = tls.tlsFiles();
        roundTrip(tls, SSLCredentials.caFile(f.caPem()).withClientCertificate(f.clientCertPem(), f.clientKeyPem(), null));
        roundTrip(tls, SSLCredentials.trustStore(f.caTrustStore(), f.password()).withKeyStore(f.clientKeyStore(), f.password(), null));
        refused(tls, SSLCredentials.caFile(f.caPem()), "TLS handshake");
    }

    @Test
    void a_wrong_key_store_password_is_named() {
        TlsFiles f = tls.tlsFiles();
        refused(tls, SSLCredentials.caFile(f.caPem()).withKeyStore(f.clientKeyStore(), "not-the-password", null), "keyStore");
    }

    @Test
    void a_principal_denied_its_consumer_group_crashes_the_app_with_an_error_naming_the_grant() throws Exception {
        // an authorizing broker where resources without ACLs stay open, so alice can deny herself the group
        try (EmbeddedKafka acl = EmbeddedKafka.newBuilder().security(Security.saslPlain("alice", "alice-pw"))
                .brokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .brokerProperty("allow.everyone.if.no.acl.found", "true")
                .brokerProperty("super.users", "User:ANONYMOUS")
                .start()) {
            String id = unique("denied-group");
            try (var admin = org.apache.kafka.clients.admin.Admin.create(new java.util.HashMap<>(acl.clientProperties()))) {
                admin.createAcls(List.of(new org.apache.kafka.common.acl.AclBinding(
                        new org.apache.kafka.common.resource.ResourcePattern(org.apache.kafka.common.resource.ResourceType.GROUP,
                                id, org.apache.kafka.common.resource.PatternType.LITERAL),
                        new org.apache.kafka.common.acl.AccessControlEntry("User:alice", "*",
                                org.apache.kafka.common.acl.AclOperation.ALL, org.apache.kafka.common.acl.AclPermissionType.DENY))))
                        .all().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            App app = KafkaTestSupport.app(id, acl.brokerUrl(),
                    c -> c.set("broker_credentials", SASLCredentials.plain("alice", "alice-pw")));
            Topic<String, String> in = app.topic(id + "-in", String.class, String.class, o -> o.partitions(1));
            app.agent("read", in, s -> {
                for (String v : s) {
                    assertThat(v).isNotNull();
                }
            });
            try {
                app.start();
                await(Duration.ofSeconds(60), () -> app.crashReason() != null, "the app crashes on the denied group");
                assertThat(app.crashReason()).isInstanceOf(ImproperlyConfiguredException.class)
                        .hasMessageContaining("denied access")
                        .hasMessageContaining("username=alice")
                        .hasMessageContaining("consumer group (the app id)")
                        .message().doesNotContain("..");
            } finally {
                app.stop();
            }
        }
    }
}
