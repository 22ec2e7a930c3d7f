package faust.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.embedded.security.TlsFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificatesTest {
    @TempDir
    static Path dir;
    static TlsFiles files;

    @BeforeAll
    static void generate() throws Exception {
        files = new TlsFiles(dir, dir.resolve("ca-truststore.p12"), dir.resolve("client-keystore.p12"),
                dir.resolve("server-keystore.p12"), "pw-123", dir.resolve("ca.pem"), dir.resolve("client.pem"),
                dir.resolve("client-key.pem"));
        Certificates.write(files);
    }

    @Test
    void ca_is_a_self_signed_certificate_authority() throws Exception {
        X509Certificate ca = (X509Certificate) load(files.caTrustStore()).getCertificate("ca");

        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).as("CA path length (-1 = not a CA)").isGreaterThanOrEqualTo(0);
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=faust-embedded-ca");
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    }

    @Test
    void server_certificate_is_signed_by_the_ca_for_loopback_names() throws Exception {
        KeyStore server = load(files.serverKeyStore());
        X509Certificate ca = (X509Certificate) load(files.caTrustStore()).getCertificate("ca");
        X509Certificate cert = (X509Certificate) server.getCertificate("server");

        cert.verify(ca.getPublicKey());
        cert.checkValidity();
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1))
                .containsExactlyInAnyOrder((Object) "localhost", "127.0.0.1");
        assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(server.getCertificateChain("server")).hasSize(2);
        assertThat(server.getKey("server", "pw-123".toCharArray())).isInstanceOf(PrivateKey.class);
    }

    @Test
    void client_pem_files_hold_the_client_certificate_and_its_matching_key() throws Exception {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(files.clientCertPem())) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String keyPem = Files.readString(files.clientKeyPem());
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        byte[] der = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(cert.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=faust-client");
        assertThat(load(files.clientKeyStore()).getCertificate("client")).isEqualTo(cert);
    }

    @Test
    void every_file_is_written() {
        assertThat(List.of(files.caTrustStore(), files.clientKeyStore(), files.serverKeyStore(), files.caPem(),
                files.clientCertPem(), files.clientKeyPem())).allSatisfy(f -> assertThat(f).isNotEmptyFile());
    }

    private static KeyStore load(Path path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, files.password().toCharArray());
        }
        return store;
    }
}
