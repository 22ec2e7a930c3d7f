package faust.embedded.security;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The certificate files an {@link faust.embedded.EmbeddedKafka} in {@link Security#tls()} mode generated at start.
 *
 * <p>All stores are PKCS12 and share one {@link #password()} (also the key password). Keys are
 * EC P-256. The PEM files suit clients that take PEM paths, such as Faust's {@code SSLCredentials}:
 * {@link #caPem()} is the CA certificate, {@link #clientCertPem()} the client certificate and
 * {@link #clientKeyPem()} its unencrypted PKCS#8 private key.
 *
 * @param directory the folder holding every file, {@code <dataDir>/tls}
 * @param caTrustStore a trust store holding the CA certificate
 * @param clientKeyStore a key store holding the client key and its certificate chain
 * @param serverKeyStore the broker's key store (server key and certificate chain)
 * @param password the password of every store and key
 * @param caPem the CA certificate, PEM
 * @param clientCertPem the client certificate, PEM
 * @param clientKeyPem the client private key, PEM (PKCS#8, unencrypted)
 */
public record TlsFiles(
        Path directory,
        Path caTrustStore,
        Path clientKeyStore,
        Path serverKeyStore,
        String password,
        Path caPem,
        Path clientCertPem,
        Path clientKeyPem) {

    /** Checks that no component is null. */
    public TlsFiles {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(caTrustStore, "caTrustStore");
        Objects.requireNonNull(clientKeyStore, "clientKeyStore");
        Objects.requireNonNull(serverKeyStore, "serverKeyStore");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(caPem, "caPem");
        Objects.requireNonNull(clientCertPem, "clientCertPem");
        Objects.requireNonNull(clientKeyPem, "clientKeyPem");
    }

    /**
     * The files of the standard layout under {@code directory}.
     *
     * @param directory the TLS folder
     * @param password the store password
     * @return the file names this module writes
     */
    public static TlsFiles in(Path directory, String password) {
        return new TlsFiles(directory,
                directory.resolve("ca-truststore.p12"),
                directory.resolve("client-keystore.p12"),
                directory.resolve("server-keystore.p12"),
                password,
                directory.resolve("ca.pem"),
                directory.resolve("client.pem"),
                directory.resolve("client-key.pem"));
    }

    @Override
    public String toString() {
        return "TlsFiles[directory=" + directory + ", password=***]";
    }
}
