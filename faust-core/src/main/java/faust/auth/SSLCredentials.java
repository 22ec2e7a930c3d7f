package faust.auth;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings of the broker connection (Faust's {@code SSLCredentials}): whom to trust (a PEM
 * CA file, a trust store, or the JVM's default trust), optionally a client certificate (PEM files
 * or a key store) for mutual TLS, and whether the broker's host name must match its certificate.
 * Used alone (protocol {@code SSL}) or inside {@link SASLCredentials} / {@link GSSAPICredentials}.
 *
 * <p>Build one with a factory and {@code with*} copies:
 * <pre>{@code
 * SSLCredentials tls = SSLCredentials.caFile(Path.of("ca.pem"))
 *         .withClientCertificate(Path.of("client.pem"), Path.of("client.key"), null);
 * }</pre>
 * Immutable; {@link #toString()} hides passwords. Files are read when the transport connects.
 *
 * @param caFile PEM file of CA certificates to trust, or null
 * @param trustStore a trust store file (JKS or PKCS12) to trust, or null
 * @param trustStorePassword the trust store's password, or null
 * @param certFile PEM client certificate chain, or null
 * @param keyFile PEM private key (PKCS#8) of the client certificate, or null
 * @param keyPassword password of the private key (PEM key or key store entry), or null when not encrypted
 * @param keyStore a key store file (JKS or PKCS12) holding the client certificate and key, or null
 * @param keyStorePassword the key store's password, or null
 * @param endpointIdentification whether the broker's host name is checked against its certificate
 */
public record SSLCredentials(@Nullable Path caFile, @Nullable Path trustStore, @Nullable String trustStorePassword,
                             @Nullable Path certFile, @Nullable Path keyFile, @Nullable String keyPassword,
                             @Nullable Path keyStore, @Nullable String keyStorePassword, boolean endpointIdentification)
        implements Credentials {
    /** Validates that the parts fit together. */
    public SSLCredentials {
        if (caFile != null && trustStore != null) {
            throw new IllegalArgumentException("SSLCredentials takes a caFile or a trustStore, not both: got " + caFile
                    + " and " + trustStore);
        }
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("SSLCredentials needs certFile and keyFile together: got certFile=" + certFile
                    + ", keyFile=" + keyFile);
        }
        if (certFile != null && keyStore != null) {
            throw new IllegalArgumentException("SSLCredentials takes a client certificate as PEM files or as a keyStore, not both");
        }
        if (trustStorePassword != null && trustStore == null) {
            throw new IllegalArgumentException("SSLCredentials: trustStorePassword given without a trustStore");
        }
        if (keyStorePassword != null && keyStore == null) {
            throw new IllegalArgumentException("SSLCredentials: keyStorePassword given without a keyStore");
        }
    }

    /** @return TLS that trusts the JVM's default CAs and checks host names */
    public static SSLCredentials defaults() {
        return new SSLCredentials(null, null, null, null, null, null, null, null, true);
    }

    /**
     * @param caFile PEM file of CA certificates
     * @return TLS that trusts those CAs and checks host names
     */
    public static SSLCredentials caFile(Path caFile) {
        return new SSLCredentials(Objects.requireNonNull(caFile, "caFile"), null, null, null, null, null, null, null, true);
    }

    /**
     * @param trustStore a JKS or PKCS12 trust store
     * @param password its password, or null
     * @return TLS that trusts the certificates in the store and checks host names
     */
    public static SSLCredentials trustStore(Path trustStore, @Nullable String password) {
        return new SSLCredentials(null, Objects.requireNonNull(trustStore, "trustStore"), password, null, null, null, null, null,
                true);
    }

    /**
     * @param certFile PEM certificate chain of this client
     * @param keyFile PEM private key (PKCS#8) of this client
     * @param keyPassword the key's password, or null when it is not encrypted
     * @return a copy that presents this client certificate (mutual TLS)
     */
    public SSLCredentials withClientCertificate(Path certFile, Path keyFile, @Nullable String keyPassword) {
        return new SSLCredentials(caFile, trustStore, trustStorePassword, Objects.requireNonNull(certFile, "certFile"),
                Objects.requireNonNull(keyFile, "keyFile"), keyPassword, null, null, endpointIdentification);
    }

    /**
     * @param keyStore a JKS or PKCS12 key store holding this client's certificate and key
     * @param password the store's password, or null
     * @param keyPassword the key entry's password, or null when it is the store's
     * @return a copy that presents that client certificate (mutual TLS)
     */
    public SSLCredentials withKeyStore(Path keyStore, @Nullable String password, @Nullable String keyPassword) {
        return new SSLCredentials(caFile, trustStore, trustStorePassword, null, null, keyPassword,
                Objects.requireNonNull(keyStore, "keyStore"), password, endpointIdentification);
    }

    /**
     * @param on whether the broker's host name must match its certificate (on by default)
     * @return a copy with host name checking on or off
     */
    public SSLCredentials withEndpointIdentification(boolean on) {
        return new SSLCredentials(caFile, trustStore, trustStorePassword, certFile, keyFile, keyPassword, keyStore,
                keyStorePassword, on);
    }

    /** @return {@link AuthProtocol#SSL} */
    @Override
    public AuthProtocol protocol() {
        return AuthProtocol.SSL;
    }

    /** @return a description without passwords */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("SSLCredentials[");
        if (caFile != null) {
            b.append("caFile=").append(caFile).append(", ");
        }
        if (trustStore != null) {
            b.append("trustStore=").append(trustStore).append(", ");
        }
        if (certFile != null) {
            b.append("certFile=").append(certFile).append(", keyFile=").append(keyFile).append(", ");
        }
        if (keyStore != null) {
            b.append("keyStore=").append(keyStore).append(", ");
        }
        return b.append("endpointIdentification=").append(endpointIdentification).append(']').toString();
    }
}
