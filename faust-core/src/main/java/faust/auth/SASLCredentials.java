package faust.auth;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * SASL user-name-and-password credentials (Faust's {@code SASLCredentials}): {@code PLAIN},
 * {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}, over a plain connection or, with
 * {@link #withSsl(SSLCredentials)}, over TLS. Immutable; {@link #toString()} hides the password.
 *
 * @param username the SASL user name
 * @param password the password
 * @param mechanism the mechanism; not {@link SASLMechanism#GSSAPI} (use {@link GSSAPICredentials})
 * @param ssl TLS settings, or null for a connection without TLS ({@code SASL_PLAINTEXT})
 */
public record SASLCredentials(String username, String password, SASLMechanism mechanism, @Nullable SSLCredentials ssl)
        implements Credentials {
    /** Validates the parts. */
    public SASLCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(mechanism, "mechanism");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("SASL username must not be empty");
        }
        if (mechanism == SASLMechanism.GSSAPI) {
            throw new IllegalArgumentException("SASLCredentials cannot use GSSAPI: use GSSAPICredentials for Kerberos");
        }
    }

    /**
     * @param username user name
     * @param password password
     * @return {@code PLAIN} credentials without TLS
     */
    public static SASLCredentials plain(String username, String password) {
        return new SASLCredentials(username, password, SASLMechanism.PLAIN, null);
    }

    /**
     * @param username user name
     * @param password password
     * @return {@code SCRAM-SHA-256} credentials without TLS
     */
    public static SASLCredentials scramSha256(String username, String password) {
        return new SASLCredentials(username, password, SASLMechanism.SCRAM_SHA_256, null);
    }

    /**
     * @param username user name
     * @param password password
     * @return {@code SCRAM-SHA-512} credentials without TLS
     */
    public static SASLCredentials scramSha512(String username, String password) {
        return new SASLCredentials(username, password, SASLMechanism.SCRAM_SHA_512, null);
    }

    /**
     * @param ssl TLS settings for the connection
     * @return a copy that authenticates over TLS ({@code SASL_SSL})
     */
    public SASLCredentials withSsl(SSLCredentials ssl) {
        return new SASLCredentials(username, password, mechanism, Objects.requireNonNull(ssl, "ssl"));
    }

    /** @return {@code SASL_SSL} with TLS settings, otherwise {@code SASL_PLAINTEXT} */
    @Override
    public AuthProtocol protocol() {
        return ssl == null ? AuthProtocol.SASL_PLAINTEXT : AuthProtocol.SASL_SSL;
    }

    /** @return a description without the password */
    @Override
    public String toString() {
        return "SASLCredentials[username=" + username + ", password=***, mechanism=" + mechanism.kafkaName()
                + (ssl == null ? "" : ", ssl=" + ssl) + "]";
    }
}
