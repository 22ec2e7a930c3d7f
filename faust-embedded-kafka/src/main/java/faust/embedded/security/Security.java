package faust.embedded.security;

import java.util.Objects;
import java.util.Set;

/**
 * How clients authenticate to the client listener of an {@link faust.embedded.EmbeddedKafka}.
 *
 * <p>Only the client listener (the one in {@link faust.embedded.EmbeddedKafka#bootstrapServers()}) uses the chosen
 * security; the inter-broker and controller listeners of the embedded cluster always stay
 * PLAINTEXT on their own loopback ports. {@link faust.embedded.EmbeddedKafka#clientProperties()} returns every
 * property a client needs for the chosen mode.
 *
 * <p>Values are immutable and thread-safe.
 *
 * @see faust.embedded.EmbeddedKafka.Builder#security(Security)
 */
public sealed interface Security {

    /**
     * No authentication and no encryption (the default).
     *
     * @return the plaintext mode
     */
    static Security plaintext() {
        return new Plaintext();
    }

    /**
     * SASL/PLAIN over an unencrypted connection: the broker accepts exactly one user.
     *
     * @param user the user name; no {@code "}, {@code \} or {@code ,}
     * @param password the password; same restrictions
     * @return the SASL/PLAIN mode
     * @throws IllegalArgumentException if the user or password is empty or has a forbidden character
     */
    static Security saslPlain(String user, String password) {
        return new SaslPlain(user, password);
    }

    /**
     * SASL/SCRAM over an unencrypted connection. The user's SCRAM credential is written into the
     * cluster metadata when the storage is formatted, so it exists before the first client connects.
     *
     * @param mechanism {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
     * @param user the user name; no {@code "}, {@code \} or {@code ,}
     * @param password the password; same restrictions
     * @return the SASL/SCRAM mode
     * @throws IllegalArgumentException if the mechanism is unknown, or the user or password is empty or
     *     has a forbidden character
     */
    static Security saslScram(String mechanism, String user, String password) {
        return new SaslScram(mechanism, user, password);
    }

    /**
     * Mutual TLS. At start the cluster generates a CA, a server certificate (for {@code 127.0.0.1}
     * and {@code localhost}) and a client certificate, as PKCS12 stores and PEM files under
     * {@code <dataDir>/tls}; the client listener requires a client certificate
     * ({@code ssl.client.auth=required}). {@link faust.embedded.EmbeddedKafka#tlsFiles()} names the files.
     *
     * @return the mutual-TLS mode
     */
    static Security tls() {
        return new Tls();
    }

    /**
     * The Kafka {@code security.protocol} of the client listener in this mode.
     *
     * @return {@code PLAINTEXT}, {@code SASL_PLAINTEXT} or {@code SSL}
     */
    String securityProtocol();

    /** No authentication, no encryption. */
    record Plaintext() implements Security {
        @Override
        public String securityProtocol() {
            return "PLAINTEXT";
        }
    }

    /**
     * SASL/PLAIN with one user.
     *
     * @param user the user name
     * @param password the password
     */
    record SaslPlain(String user, String password) implements Security {
        /** Validates the user and password. */
        public SaslPlain {
            checkCredential("user", user);
            checkCredential("password", password);
        }

        @Override
        public String securityProtocol() {
            return "SASL_PLAINTEXT";
        }

        @Override
        public String toString() {
            return "SaslPlain[user=" + user + ", password=***]";
        }
    }

    /**
     * SASL/SCRAM with one user.
     *
     * @param mechanism {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
     * @param user the user name
     * @param password the password
     */
    record SaslScram(String mechanism, String user, String password) implements Security {
        private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-256", "SCRAM-SHA-512");

        /** Validates the mechanism, user and password. */
        public SaslScram {
            Objects.requireNonNull(mechanism, "mechanism");
            if (!MECHANISMS.contains(mechanism)) {
                throw new IllegalArgumentException("SCRAM mechanism was '" + mechanism
                        + "'; use SCRAM-SHA-256 or SCRAM-SHA-512");
            }
            checkCredential("user", user);
            checkCredential("password", password);
        }

        @Override
        public String securityProtocol() {
            return "SASL_PLAINTEXT";
        }

        @Override
        public String toString() {
            return "SaslScram[mechanism=" + mechanism + ", user=" + user + ", password=***]";
        }
    }

    /** Mutual TLS with generated certificates; see {@link Security#tls()}. */
    record Tls() implements Security {
        @Override
        public String securityProtocol() {
            return "SSL";
        }
    }

    private static void checkCredential(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " was empty; give a non-empty " + what);
        }
        for (char c : new char[] {'"', '\\', ','}) {
            if (value.indexOf(c) >= 0) {
                throw new IllegalArgumentException(what + " contains the character " + c
                        + ", which the JAAS and SCRAM formats cannot carry here; choose a " + what
                        + " without \", \\ and ,");
            }
        }
    }
}
